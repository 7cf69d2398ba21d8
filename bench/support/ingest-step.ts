import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Atende } from './atende';
import type { AgentSockets } from './agent-sockets-process';
import { sample, usage } from './proc-stats';
import { pct, round } from './stats';
import type { StepInput, StepOutput } from './webhook-generator';
import { WA } from './whatsapp-workspace';
import type { StepResult } from '../scenarios/ingest.report';

/**
 * One step of WhatsApp ingest, shared by the ingest and growth scenarios: a separate
 * load-generator process offers signed webhooks at a fixed rate over loopback; then we wait
 * (bounded) for processing, count what the database holds and, when the agents' sockets are
 * watched, what reached them and how long after it was sent.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The load-generator process (webhook-generator.ts), kept up across the steps of a scenario so
 * its start and its connections are not measured as the server's latency.
 */
export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static start(): LoadGenerator {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'webhook-generator.ts')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadGenerator(child);
  }

  run(input: StepInput): Promise<StepOutput> {
    return new Promise((resolve, reject) => {
      // Bounded: a generator that hangs past its hard stop plus request timeouts is killed.
      const killer = setTimeout(() => this.child.kill('SIGKILL'), input.seconds * 3000 + 30_000);
      const settle = () => {
        clearTimeout(killer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      const onMessage = (out: StepOutput | { error: string }) => {
        settle();
        if ('error' in out) reject(new Error(`load generator: ${out.error}`));
        else resolve(out);
      };
      const onExit = (code: number | null) => {
        settle();
        reject(new Error(`load generator exited with ${code}`));
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(input);
    });
  }

  stop() {
    if (this.child.connected) this.child.disconnect();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the channel has nothing pending. Polled through the small pending index only, so
 * waiting costs the database next to nothing however much is stored; events given up after
 * their last attempt do not count as pending (they show up as lost).
 */
async function drain(db: Atende['db'], channelId: string, drainMs: number) {
  const deadline = Date.now() + drainMs;
  for (;;) {
    const r = await db.query(`select count(*)::int as n from whatsapp_events where processed_at is null and attempts < 5 and channel_id = $1`, [channelId]);
    if (r.rows[0].n === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

async function countStep(db: Atende['db'], channelId: string, prefix: string) {
  const like = `${prefix}%`;
  const ev = await db.query(
    `select count(*)::int as events, count(*) filter (where processed_at is null)::int as pending,
            extract(epoch from max(processed_at) filter (where kind = 'message')) * 1000 as last
       from whatsapp_events where channel_id = $1 and event_key like $2`, [channelId, like]);
  const ms = await db.query(
    `select count(*)::int as messages, (count(*) - count(distinct external_id))::int as dup
       from messages where channel_id = $1 and external_id like $2`, [channelId, like]);
  return {
    events: ev.rows[0].events as number,
    pending: ev.rows[0].pending as number,
    messages: ms.rows[0].messages as number,
    duplicateRows: ms.rows[0].dup as number,
    // messages.created_at carries WhatsApp's own timestamp; the event's processed_at is set in
    // the same transaction that inserts the message row, so it is the moment it was stored.
    lastStoredAt: ev.rows[0].last === null ? null : Math.round(Number(ev.rows[0].last)),
  };
}

/** Waits (bounded) for the agents' screens to show as many of the step's messages as were stored. */
async function deliveries(agents: AgentSockets, prefix: string, stored: number, gen: StepOutput, waitMs: number) {
  const deadline = Date.now() + waitMs;
  while ((await agents.count(prefix)) < stored && Date.now() < deadline) await sleep(200);
  const c = await agents.collect(prefix);
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  for (const [n, at] of c.receipts) {
    const sentAt = gen.textSentAt[n];
    if (sentAt === undefined) continue;
    latencies.push(at - sentAt);
    (bySecond[Math.floor((sentAt - gen.firstSendAt) / 1000)] ??= []).push(at - sentAt);
  }
  latencies.sort((a, b) => a - b);
  return {
    delivered: c.receipts.length,
    deliverMs: { p50: round(pct(latencies, 50)), p99: round(pct(latencies, 99)), max: round(latencies.at(-1) ?? 0) },
    deliverBySecond: bySecond.flatMap((l, sec) => {
      if (!l) return [];
      l.sort((a, b) => a - b);
      return [[sec, round(pct(l, 50)), round(pct(l, 99))] as [number, number, number]];
    }),
    pushedTwice: c.pushedTwice,
    misrouted: c.misrouted,
    screenLoads: c.loads,
    screenLoadErrors: c.loadErrors,
  };
}

/**
 * Past saturation a step is not stored within its wait: backpressure, not loss, as long as it all
 * arrives later. Waits (bounded) for the channel to drain, then counts what the step finally
 * stored and what reached the agents since the step was measured.
 */
export async function settleStep(atende: Atende, channelId: string, prefix: string, agents: AgentSockets | undefined, waitMs: number) {
  const drained = await drain(atende.db, channelId, waitMs);
  const counts = await countStep(atende.db, channelId, prefix);
  const late = agents ? (await agents.collect(prefix)).receipts.length : 0;
  return { drained, messageRows: counts.messages, duplicateRows: counts.duplicateRows, lateDeliveries: late };
}

export interface StepPlan {
  rate: number;
  seconds: number;
  prefix: string;
  contacts: number;
  concurrency: number;
  drainMs: number;
  /** The agents' sockets to watch: then the step reports deliveries and their latency. */
  agents?: AgentSockets;
  /** The scenario's generator process; without it, one is started for this step. */
  generator?: LoadGenerator;
}

export async function ingestStep(atende: Atende, channelId: string, plan: StepPlan): Promise<StepResult> {
  const before = sample(atende.pid);
  const generator = plan.generator ?? LoadGenerator.start();
  const gen = await generator.run({
    url: atende.url, appSecret: WA.appSecret, phoneNumberId: WA.phoneNumberId, wabaId: WA.wabaId,
    rate: plan.rate, seconds: plan.seconds, prefix: plan.prefix, contacts: plan.contacts, concurrency: plan.concurrency,
  }).finally(() => {
    if (!plan.generator) generator.stop();
  });
  const sent = sample(atende.pid);
  const drained = await drain(atende.db, channelId, plan.drainMs);
  const after = sample(atende.pid);
  const counts = await countStep(atende.db, channelId, plan.prefix);
  const delivery = plan.agents ? await deliveries(plan.agents, plan.prefix, counts.messages, gen, 15_000) : null;
  const busySec = counts.lastStoredAt === null ? null : (Math.max(counts.lastStoredAt, gen.lastSendAt) - gen.firstSendAt) / 1000;
  return {
    offeredPerSec: plan.rate,
    achievedPerSec: gen.achievedPerSec,
    // Stored events (messages and statuses) over the time from the first send to the last message stored.
    processedPerSec: busySec ? round(counts.events / busySec, 1) : 0,
    ackMs: gen.ackMs,
    processingLagMs: counts.lastStoredAt === null ? null : Math.max(0, counts.lastStoredAt - gen.lastSendAt),
    drained: drained && counts.messages >= gen.texts,
    sent: gen.sent,
    acked: gen.ok,
    errors: gen.errors,
    firstError: gen.firstError,
    texts: gen.texts,
    statuses: gen.statuses,
    storedEvents: counts.events,
    pendingEvents: counts.pending,
    messageRows: counts.messages,
    lost: Math.max(0, gen.texts - counts.messages),
    duplicatesInjected: gen.duplicatesInjected,
    duplicatesAckedAsIgnored: gen.duplicatesAcked,
    duplicateRows: counts.duplicateRows,
    delivered: delivery?.delivered ?? null,
    deliverMs: delivery?.deliverMs ?? null,
    pushedTwice: delivery?.pushedTwice ?? null,
    misrouted: delivery?.misrouted ?? null,
    screenLoads: delivery?.screenLoads ?? null,
    screenLoadErrors: delivery?.screenLoadErrors ?? null,
    ackBySecond: gen.ackBySecond,
    deliverBySecond: delivery?.deliverBySecond ?? [],
    whileSending: usage(before, sent),
    sendAndDrain: usage(before, after),
  };
}
