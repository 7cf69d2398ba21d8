import type { SettledMemory } from '../support/heap-probe';
import { row } from '../support/stats';
import type { Chart } from '../support/charts';

/** The WhatsApp ingest section of `latest.md`. */

type Usage = { atendeCpuPct: number; pgCpuPct: number; atendeRssMbBefore: number; atendeRssMbAfter: number };
type Latency = { p50: number; p99: number; max: number };

export interface StepResult {
  offeredPerSec: number;
  achievedPerSec: number;
  /** Events stored (messages and statuses) per second, from the first send to the last message stored. */
  processedPerSec: number;
  ackMs: Latency;
  processingLagMs: number | null;
  drained: boolean;
  sent: number;
  acked: number;
  errors: number;
  firstError?: string;
  texts: number;
  statuses: number;
  storedEvents: number;
  pendingEvents: number;
  messageRows: number;
  lost: number;
  duplicatesInjected: number;
  duplicatesAckedAsIgnored: number;
  duplicateRows: number;
  /** Past saturation: what the step had stored / delivered once everything drained (set only then). */
  storedInTheEnd?: number;
  deliveredInTheEnd?: number;
  /** Messages of the step that reached their agent's socket (null: agents not watched). */
  delivered: number | null;
  deliverMs: Latency | null;
  pushedTwice: number | null;
  misrouted: number | null;
  screenLoads: number | null;
  screenLoadErrors: number | null;
  /** [second of the step, p50, p99] by the second the request (message) was sent. */
  ackBySecond: [number, number, number][];
  deliverBySecond: [number, number, number][];
  whileSending: Usage;
  sendAndDrain: Usage;
}

export interface IngestResult {
  settings: {
    stepSeconds: number; contacts: number; agents: number; capacity: number; concurrency: number; soak: boolean;
    mix: string; drainLimitSec: number; keptUpMs: number;
  };
  sustainedMsgPerSec: number;
  acknowledgedMsgPerSec: number;
  withinTargetsMsgPerSec: number;
  p99AckMs: number | null;
  p99DeliverMs: number | null;
  /** The same at the 1,000 msg/s step (the target rate), null if it did not run clean. */
  p99AckMsAt1000: number | null;
  p99DeliverMsAt1000: number | null;
  lost: number;
  duplicated: number;
  /** Every contact's first message, opening its conversation: reported apart from the steps. */
  opening: StepResult & { outboxSettledMs: number };
  steps: StepResult[];
  /** After a forced full GC, before the first step (after the opening) and after the last. */
  memory: { settledBefore: SettledMemory; settledAfter: SettledMemory; messagesMeasured: number };
}

export interface MemoryResult {
  idleRssMb: number;
  idleRssMbAtStart: number;
  idleWaitedMs: number;
  idleSettledRssMb: number;
  idleHeapMb: number;
  growthBytesPerMessage: number | null;
  rssGrowthBytesPerMessage: number | null;
  growthMeasuredOver: string;
}

const ms = (l: Latency | null) => (l ? [l.p50, l.p99, l.max] : [null, null, null]);

export function renderIngest(r: IngestResult, m: MemoryResult, images: { name: string; title: string }[] = []): string {
  const s = [r.opening, ...r.steps];
  const label = (x: StepResult) => (x === r.opening ? `${x.offeredPerSec} (opening)` : x.offeredPerSec);
  const o = r.opening;
  const t = r.settings;
  return [
    '## WhatsApp ingest',
    '',
    `Signed Cloud API webhooks over loopback from a load-generator process, ${t.stepSeconds} s per step, ${t.contacts} contacts, ` +
      `${t.concurrency} requests in flight at most, mix: ${t.mix}. ${t.agents} agents (capacity ${t.capacity} each, so every conversation gets one) ` +
      `watch their realtime sockets from a third process. *Ack* = webhook answered 200 (stored). *Lag* = last message of the step stored ` +
      `as a message row after its last webhook was sent (wait limit ${t.drainLimitSec} s). *Deliver* = from sending the webhook to the message ` +
      `on its agent's socket: pushed as \`message.created\`, or, for a conversation still queued when it arrived, in the messages the agent ` +
      `loads when \`conversation.assigned\` shows it. A step kept up when its lag is under ${t.keptUpMs} ms; the next rate runs only while it does.`,
    '',
    `**Sustained: ${r.sustainedMsgPerSec} msg/s processed** (highest step kept up, every message stored and delivered), ` +
      `p99 ack ${r.p99AckMs ?? '—'} ms, p99 deliver ${r.p99DeliverMs ?? '—'} ms; all three targets (ack p99 < 50 ms, deliver p99 < 250 ms) met up to ` +
      `${r.withinTargetsMsgPerSec} msg/s; at 1,000 msg/s p99 ack ${r.p99AckMsAt1000 ?? '—'} ms, p99 deliver ${r.p99DeliverMsAt1000 ?? '—'} ms. Lost ${r.lost}, duplicated ${r.duplicated}. ` +
      `Idle RSS ${m.idleRssMb} MB after ${Math.round(m.idleWaitedMs / 1000)} s with nothing to do (${m.idleRssMbAtStart} MB right after start; ` +
      `${m.idleSettledRssMb} MB after a forced full GC, heap ${m.idleHeapMb} MB); memory left per stored message ` +
      `(${m.growthMeasuredOver}, after a full GC): heap ${m.growthBytesPerMessage ?? '—'} B, RSS ${m.rssGrowthBytesPerMessage ?? '—'} B.`,
    '',
    `**Opening ${t.contacts} conversations** (each contact's first message: contact, conversation, routing, the agent's screen loading it) ` +
      `at ${o.offeredPerSec} msg/s: ack p99 ${o.ackMs.p99} ms, deliver p50 ${o.deliverMs?.p50 ?? '—'} ms, p99 ${o.deliverMs?.p99 ?? '—'} ms; ` +
      `everything it set off was dispatched ${o.outboxSettledMs} ms after its last message was delivered, before the next step began. ` +
      'The first row below, kept out of the headline, which is about traffic on open conversations.',
    '',
    row(['offered/s', 'acked/s', 'processed/s', 'ack p50', 'ack p99', 'ack max', 'lag ms', 'deliver p50', 'deliver p99', 'deliver max', 'drained']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', ':---:']),
    ...s.map((x) => row([label(x), x.achievedPerSec, x.processedPerSec, ...ms(x.ackMs), x.processingLagMs, ...ms(x.deliverMs), x.drained ? 'yes' : 'NO'])),
    '',
    'Count check per step: every text sent is stored once and reaches its agent once; duplicate deliveries are answered `received: 0` and stored nowhere. ' +
      'A step past saturation is counted again once everything drained (*in the end*): slower, not lost.',
    '',
    row(['offered/s', 'requests', 'errors', 'texts sent', 'stored', 'delivered', 'stored in the end', 'delivered in the end', 'lost', 'statuses', 'dups injected', 'dups ignored', 'dup rows', 'pushed twice', 'misrouted']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...s.map((x) => row([
      label(x), x.sent, x.errors, x.texts, x.messageRows, x.delivered, x.storedInTheEnd ?? x.messageRows, x.deliveredInTheEnd ?? x.delivered, x.lost,
      x.statuses, x.duplicatesInjected, x.duplicatesAckedAsIgnored, x.duplicateRows, x.pushedTwice, x.misrouted,
    ])),
    '',
    'CPU in % of one core (200% = both cores busy); PostgreSQL = all its processes. ' +
      `After a full GC: heap ${r.memory.settledBefore.heapUsedMb} MB, RSS ${r.memory.settledBefore.rssMb} MB before the first step; ` +
      `heap ${r.memory.settledAfter.heapUsedMb} MB, RSS ${r.memory.settledAfter.rssMb} MB after the last (${r.memory.messagesMeasured} messages stored in between).`,
    '',
    row(['offered/s', 'Atende CPU sending', 'PG CPU sending', 'Atende CPU send+drain', 'PG CPU send+drain', 'RSS before MB', 'RSS after MB']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...s.map((x) => row([
      label(x), `${x.whileSending.atendeCpuPct}%`, `${x.whileSending.pgCpuPct}%`, `${x.sendAndDrain.atendeCpuPct}%`, `${x.sendAndDrain.pgCpuPct}%`,
      x.sendAndDrain.atendeRssMbBefore, x.sendAndDrain.atendeRssMbAfter,
    ])),
    ...s.filter((x) => x.firstError).map((x) => `\nFirst error at ${x.offeredPerSec}/s: \`${x.firstError}\``),
    '',
    ...images.flatMap((i) => [`![${i.title}](${i.name})`, '']),
  ].join('\n');
}

/** The pictures of the ingest section: throughput and latency by offered rate, and latency over the run. */
export function ingestCharts(r: IngestResult): { name: string; title: string; chart: Chart }[] {
  const s = r.steps;
  const targets = [{ y: 50, label: 'ack target 50 ms' }, { y: 250, label: 'deliver target 250 ms' }];
  // The steps one after the other, each second of each at its place in the run; a step's last,
  // partial second (a handful of requests) is left out.
  const whole = (bySecond: [number, number, number][]) => bySecond.filter(([sec]) => sec < r.settings.stepSeconds);
  let offset = 0;
  const timeline = s.map((x) => {
    const at = offset;
    offset += r.settings.stepSeconds + 1;
    return { at, x };
  });
  return [
    {
      name: 'ingest-throughput.png',
      title: 'Throughput vs offered rate',
      chart: {
        title: 'WhatsApp ingest: throughput vs offered rate',
        xLabel: 'offered webhooks/s',
        yLabel: 'per second',
        series: [
          { name: 'offered', color: '#9ca3af', dashed: true, points: s.map((x) => [x.offeredPerSec, x.offeredPerSec]) },
          { name: 'acknowledged', color: '#6366f1', points: s.map((x) => [x.offeredPerSec, x.achievedPerSec]) },
          { name: 'processed', color: '#059669', points: s.map((x) => [x.offeredPerSec, x.processedPerSec]) },
        ],
      },
    },
    {
      name: 'ingest-latency-by-rate.png',
      title: 'Latency vs offered rate',
      chart: {
        title: 'WhatsApp ingest: latency vs offered rate (log scale)',
        xLabel: 'offered webhooks/s',
        yLabel: 'ms',
        logY: true,
        targets,
        series: [
          { name: 'ack p99', color: '#6366f1', points: s.map((x) => [x.offeredPerSec, x.ackMs.p99]) },
          { name: 'deliver p50', color: '#10b981', points: s.flatMap((x) => (x.deliverMs ? [[x.offeredPerSec, x.deliverMs.p50] as [number, number]] : [])) },
          { name: 'deliver p99', color: '#047857', points: s.flatMap((x) => (x.deliverMs ? [[x.offeredPerSec, x.deliverMs.p99] as [number, number]] : [])) },
        ],
      },
    },
    {
      name: 'ingest-latency-over-time.png',
      title: 'Latency over the run',
      chart: {
        title: 'WhatsApp ingest: p99 per second over the run (log scale)',
        xLabel: 'seconds (steps one after the other)',
        yLabel: 'ms',
        logY: true,
        targets,
        marks: timeline.map(({ at, x }) => ({ x: at, label: `${x.offeredPerSec}/s` })),
        series: [
          { name: 'ack p99', color: '#6366f1', points: timeline.flatMap(({ at, x }) => whole(x.ackBySecond).map(([sec, , p99]) => [at + sec, p99] as [number, number])) },
          { name: 'deliver p99', color: '#047857', points: timeline.flatMap(({ at, x }) => whole(x.deliverBySecond).map(([sec, , p99]) => [at + sec, p99] as [number, number])) },
        ],
      },
    },
  ];
}
