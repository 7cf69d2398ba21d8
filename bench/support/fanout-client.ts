import http from 'node:http';
import { io, type Socket } from 'socket.io-client';

/**
 * One client process of the fan-out bench: it holds either every agent's workspace socket (`/`)
 * or every customer's widget socket (`/webchat`), as their real clients open them (websocket
 * transport, path /realtime, token in the handshake), and sends through the same HTTP endpoints
 * (an agent's reply, a visitor's message). The parent drives it over IPC (fanout-clients.ts).
 *
 * Every bench message's text is `fanout:<key>`; each socket records the first arrival time of
 * every key and how many times it came, so the parent can join sends with receipts and check
 * that each message reached exactly its one socket exactly once. Times are wall-clock ms with
 * sub-millisecond precision (timeOrigin + performance.now()), comparable across processes.
 */

export type Role = 'agents' | 'customers';
export interface Identity {
  token: string;
  /** agents: user id; customers: contact id */
  id: string;
  /** agents: the conversations they serve */
  conversations?: { id: string; contactId: string }[];
}
export interface InitArgs { base: string; role: Role; identities: Identity[]; httpConnections: number }
export interface Receipt { key: string; at: number; count: number; wrongSocket: number }
export interface SendResult { sent: { key: string; at: number }[]; failed: number; firstError?: string; tookMs: number }

const now = () => performance.timeOrigin + performance.now();
const TAG = 'fanout:';

let cfg: InitArgs;
let agent: http.Agent;
const sockets: Socket[] = [];
const receipts = new Map<string, Receipt>();
let framesReceived = 0;

function record(key: string, at: number, wrongSocket: boolean) {
  const r = receipts.get(key);
  if (r) r.count++;
  else receipts.set(key, { key, at, count: 1, wrongSocket: 0 });
  if (wrongSocket) receipts.get(key)!.wrongSocket++;
}

function wire(socket: Socket, who: Identity) {
  socket.onAny(() => void framesReceived++);
  if (cfg.role === 'agents') {
    socket.on('message.created', (p: { message?: { text: string | null }; conversation?: { assigneeId: string | null } }) => {
      const text = p?.message?.text;
      if (text?.startsWith(TAG)) record(text.slice(TAG.length), now(), p.conversation?.assigneeId !== who.id);
    });
  } else {
    socket.on('message.created', (p: { message?: { id: string; direction: string; text: string | null } }) => {
      const m = p?.message;
      if (m?.direction !== 'out') return;
      const at = now();
      // The widget acknowledges what it shows; the bench does the same, so the server pays for it.
      socket.emit('delivered', { messageIds: [m.id] });
      if (m.text?.startsWith(TAG)) {
        const key = m.text.slice(TAG.length);
        record(key, at, !key.endsWith(`:${who.id}`));
      }
    });
  }
}

function connectOne(who: Identity): Promise<number> {
  const t0 = now();
  const url = cfg.role === 'agents' ? cfg.base : `${cfg.base}/webchat`;
  const socket = io(url, { path: '/realtime', transports: ['websocket'], auth: { token: who.token }, reconnection: false, forceNew: true });
  wire(socket, who);
  return new Promise((ok, fail) => {
    socket.once('connect', () => {
      sockets.push(socket);
      ok(now() - t0);
    });
    socket.once('connect_error', (e) => {
      socket.close();
      fail(e);
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { status: 'fulfilled', value: await fn(items[i], i) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function post(path: string, token: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  const target = new URL(path, cfg.base);
  return new Promise((ok, fail) => {
    const req = http.request(target, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${token}` },
    }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 201 ? ok(res.statusCode) : fail(new Error(`${path} → ${res.statusCode}: ${text.slice(0, 200)}`))));
    });
    req.on('error', fail);
    req.end(data);
  });
}

/** One message per sender: customers write to their conversation, agents reply in theirs. */
function sendOne(tag: string, item: { token: string; contactId: string; conversationId?: string }, seq: string) {
  const key = `${tag}${seq}:${item.contactId}`;
  const at = now();
  const sent = item.conversationId
    ? post(`/api/v1/conversations/${item.conversationId}/messages`, item.token, { text: `${TAG}${key}` })
    : post('/webchat/v1/messages', item.token, { clientMessageId: key, text: `${TAG}${key}` });
  return sent.then(() => ({ key, at }));
}

function senders() {
  return cfg.role === 'agents'
    ? cfg.identities.flatMap((a) => (a.conversations ?? []).map((c) => ({ token: a.token, contactId: c.contactId, conversationId: c.id })))
    : cfg.identities.map((c) => ({ token: c.token, contactId: c.id }));
}

function summarize(settled: PromiseSettledResult<{ key: string; at: number }>[], t0: number): SendResult {
  const sent = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const firstError = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
  return { sent, failed: settled.length - sent.length, firstError: firstError ? String(firstError) : undefined, tookMs: now() - t0 };
}

const commands = {
  init(args: InitArgs) {
    cfg = args;
    agent = new http.Agent({ keepAlive: true, maxSockets: args.httpConnections });
    return { pid: process.pid };
  },
  async connect({ concurrency }: { concurrency: number }) {
    if (new URL(cfg.base).hostname !== '127.0.0.1') throw new Error('the fan-out clients only talk to 127.0.0.1');
    const t0 = now();
    const settled = await pool(cfg.identities, concurrency, connectOne);
    const ms = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const firstError = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
    return { totalMs: now() - t0, connectMs: ms, failed: settled.length - ms.length, firstError: firstError ? String(firstError) : undefined };
  },
  /** Every sender at once (bounded by the HTTP connections): one message each. */
  async burst({ tag }: { tag: string }) {
    const t0 = now();
    const list = senders();
    return { startedAt: t0, ...summarize(await pool(list, cfg.httpConnections, (s) => sendOne(tag, s, '')), t0) };
  },
  /** A steady rate, senders in turn: the one-to-one path without a queue in front of it. */
  async paced({ tag, rate, seconds }: { tag: string; rate: number; seconds: number }) {
    const list = senders();
    const total = Math.round(rate * seconds);
    const t0 = now();
    const pending: Promise<{ key: string; at: number }>[] = [];
    for (let n = 0; n < total; n++) {
      const due = t0 + (n * 1000) / rate;
      const wait = due - now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(sendOne(tag, list[n % list.length], `.${n}`));
    }
    return summarize(await Promise.allSettled(pending), t0);
  },
  receipts: ({ prefix }: { prefix: string }) => [...receipts.values()].filter((r) => r.key.startsWith(prefix)),
  stats: () => ({ sockets: sockets.filter((s) => s.connected).length, framesReceived, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }),
  async disconnect() {
    for (const s of sockets) s.close();
    sockets.length = 0;
    agent?.destroy();
    return true;
  },
};

type Command = keyof typeof commands;
process.on('message', async (msg: { id: number; cmd: Command; args: unknown }) => {
  try {
    const result = await (commands[msg.cmd] as (a: unknown) => unknown)(msg.args);
    process.send!({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send!({ id: msg.id, ok: false, error: String((err as Error)?.stack ?? err) });
  }
});
// The parent going away (crash, Ctrl-C) must not leave thousands of sockets open.
process.on('disconnect', () => process.exit(0));
