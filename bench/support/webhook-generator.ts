import http from 'node:http';
import { createHmac } from 'node:crypto';
import { pct, round } from './stats';

/**
 * The load generator of the WhatsApp ingest bench. It runs as its own process so that its CPU
 * does not blur the server's numbers, and sends signed Cloud API webhooks (protocols.md §1.2–1.4)
 * at a fixed offered rate with bounded concurrency. It stays up across steps (one StepInput in,
 * one StepOutput out, over IPC): a process and connections made anew for each step measured its
 * own start — a TypeScript load and 128 new connections — in the step's first second.
 */

export interface StepInput {
  /** Always http://127.0.0.1:<port>: the bench never targets another host. */
  url: string;
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
  rate: number;
  seconds: number;
  /** Unique per run and step: every wamid starts with it, so the DB counts can filter on it. */
  prefix: string;
  contacts: number;
  concurrency: number;
}

export interface StepOutput {
  offered: number;
  planned: number;
  sent: number;
  ok: number;
  errors: number;
  texts: number;
  statuses: number;
  duplicatesInjected: number;
  duplicatesAcked: number;
  firstSendAt: number;
  lastSendAt: number;
  achievedPerSec: number;
  ackMs: { p50: number; p99: number; max: number };
  /** When the text with wamid `${prefix}${n}` was first sent (ms since epoch), by n. */
  textSentAt: number[];
  /** Acknowledgement times over the step: [seconds since the first send, p50 ms, p99 ms] per second. */
  ackBySecond: [number, number, number][];
  firstError?: string;
}

let input: StepInput;
let target: URL;
// Keep-alive with as many sockets as requests in flight: no connection setup per webhook.
let agent: http.Agent | null = null;
const nowSec = () => String(Math.floor(Date.now() / 1000));

function envelope(value: Record<string, unknown>) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: input.wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550001234', phone_number_id: input.phoneNumberId },
      ...value,
    } }] }],
  });
}

const texts = ['Oi, tudo bem?', 'Meu pedido ainda não chegou', 'Qual o prazo de entrega para São Paulo?', 'Preciso trocar o tamanho da camiseta, comprei M e ficou pequena', 'Obrigado!', 'Vocês abrem no sábado?'];
let sentWamids: string[] = [];
let textSentAt: number[] = [];
let lastBody: string | null = null;
let seq = 0;

function begin(next: StepInput) {
  const url = new URL(next.url);
  if (url.hostname !== '127.0.0.1') throw new Error('the load generator only targets 127.0.0.1');
  if (!agent || agent.maxSockets !== next.concurrency || url.port !== target.port) {
    agent?.destroy();
    agent = new http.Agent({ keepAlive: true, maxSockets: next.concurrency });
  }
  [input, target, sentWamids, textSentAt, lastBody, seq] = [next, url, [], [], null, 0];
}

/** Mix: ~1% exact re-delivery of an earlier body, ~5% statuses, the rest texts from many contacts. */
function nextPayload(): { body: string; kind: 'text' | 'status' | 'dup' } {
  const roll = Math.random();
  if (lastBody && roll < 0.01) return { body: lastBody, kind: 'dup' };
  if (sentWamids.length > 20 && roll < 0.06) {
    // A status names a message the server already knows, so it is processed now, not parked.
    const wamid = sentWamids[Math.floor(Math.random() * (sentWamids.length - 10))];
    return { body: envelope({ statuses: [{ id: wamid, status: 'read', timestamp: nowSec(), recipient_id: '5511900000000' }] }), kind: 'status' };
  }
  const n = seq++;
  const waId = `55119${String(n % input.contacts).padStart(8, '0')}`;
  const wamid = `${input.prefix}${n}`;
  sentWamids.push(wamid);
  textSentAt[n] = Date.now();
  const body = envelope({
    contacts: [{ profile: { name: `Cliente ${n % input.contacts}` }, wa_id: waId }],
    messages: [{ from: waId, id: wamid, timestamp: nowSec(), type: 'text', text: { body: texts[n % texts.length] } }],
  });
  lastBody = body;
  return { body, kind: 'text' };
}

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request({
      agent: agent!, host: '127.0.0.1', port: target.port, path: '/webhooks/whatsapp', method: 'POST', timeout: 10_000,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-hub-signature-256': `sha256=${createHmac('sha256', input.appSecret).update(body).digest('hex')}`,
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 10 s')));
    req.on('error', (err) => resolve({ status: 0, text: err.message }));
    req.end(body);
  });
}


async function runStep(next: StepInput): Promise<StepOutput> {
  begin(next);
  const planned = Math.round(input.rate * input.seconds);
  const out: StepOutput = {
    offered: input.rate, planned, sent: 0, ok: 0, errors: 0, texts: 0, statuses: 0, duplicatesInjected: 0, duplicatesAcked: 0,
    firstSendAt: 0, lastSendAt: 0, achievedPerSec: 0, ackMs: { p50: 0, p99: 0, max: 0 }, textSentAt, ackBySecond: [],
  };
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  let inflight = 0;
  const start = performance.now();
  out.firstSendAt = Date.now();
  // Past saturation the server slows us down (bounded in-flight); stop offering at 3× the step.
  const hardStop = start + input.seconds * 3000;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(planned, Math.floor(((now - start) / 1000) * input.rate));
      while (out.sent < due && inflight < input.concurrency && now < hardStop) {
        const { body, kind } = nextPayload();
        out.sent++;
        if (kind === 'text') out.texts++;
        else if (kind === 'status') out.statuses++;
        else out.duplicatesInjected++;
        inflight++;
        out.lastSendAt = Date.now();
        const t0 = performance.now();
        void post(body).then((r) => {
          const ms = performance.now() - t0;
          latencies.push(ms);
          (bySecond[Math.floor((t0 - start) / 1000)] ??= []).push(ms);
          inflight--;
          if (r.status === 200) {
            out.ok++;
            if (kind === 'dup' && r.text.includes('"received":0')) out.duplicatesAcked++;
          } else {
            out.errors++;
            out.firstError ??= `${r.status} ${r.text.slice(0, 200)}`;
          }
        });
      }
      if ((out.sent >= planned || performance.now() >= hardStop) && inflight === 0) return done();
      setTimeout(tick, 2);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  out.achievedPerSec = round(out.ok / elapsed);
  out.ackMs = { p50: round(pct(latencies, 50)), p99: round(pct(latencies, 99)), max: round(latencies.at(-1) ?? 0) };
  out.ackBySecond = bySecond.flatMap((l, sec) => {
    if (!l) return [];
    l.sort((a, b) => a - b);
    return [[sec, round(pct(l, 50)), round(pct(l, 99))] as [number, number, number]];
  });
  return out;
}

process.on('message', (next: StepInput) => {
  runStep(next).then(
    (out) => process.send!(out),
    (err: Error) => process.send!({ error: err.message }),
  );
});
process.on('disconnect', () => {
  agent?.destroy();
  process.exit(0);
});
