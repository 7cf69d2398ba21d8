import type { QueryTimes } from '../support/growth-queries';
import { row } from '../support/stats';

/** The growth section of `latest.md`, and the shape of `growth` in latest.json. */

export interface SizeResult {
  /** Generated messages (the probe's few hundred come on top, the same at every size). */
  messages: number;
  storedBeforeIngest: number;
  dataset: {
    name: string;
    /** False when this run built it (cold). */
    cached: boolean;
    buildSeconds: number | null;
    restoreSeconds: number;
    rows: Record<string, number>;
    generation: Record<string, { wall: number; pgCpu: number | null }>;
  };
  startSeconds: number;
  /** 1-minute load average when the size was measured: this machine is shared. */
  loadAverage: number;
  ingest: {
    offeredPerSec: number;
    achievedPerSec: number;
    ackP50Ms: number;
    ackP99Ms: number;
    processingLagMs: number | null;
    drained: boolean;
    texts: number;
    messageRows: number;
    lost: number;
    duplicateRows: number;
    atendeCpuPct: number;
    pgCpuPct: number;
    /** The step's messages stored once the server was quiet again. */
    storedAfterSettle: number;
    /** CPU of Atende and PostgreSQL from the first webhook until all was processed, per message stored. */
    cpuMsPerMessage: number | null;
  };
  /** Whether the server was quiet (ingest fully processed) when the reads were timed. */
  settle: { settled: boolean; seconds: number; pendingEvents: number; pendingOutbox: number };
  /** Atende + PostgreSQL CPU while idle (% of a core), subtracted from each request's CPU. */
  backgroundCpuPct: number;
  queries: QueryTimes;
}

export interface GrowthResult {
  settings: { ingestRate: number; ingestSeconds: number; contacts: number; queryRounds: number };
  sizes: SizeResult[];
  /** Largest size over size 0, per query. */
  ratios: Record<string, { p50: number; p95: number; cpuP50: number }>;
  /** The worst p50 ratio (p95 on a shared two-core machine is mostly other people's load). */
  worstRatio: number;
  worstRatioP95: number;
  /** The worst ratio of server CPU per request (p50): the cost, free of the machine's other load. */
  worstCpuRatio: number;
  ingestAckP99Ratio: number;
  /** Ingest CPU per stored message, largest size over size 0. */
  ingestCpuRatio: number | null;
}

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

const QUERY_TEXT: Record<string, string> = {
  agentList: "agent's list (50 active)",
  messagesNewest: 'messages, newest page (50 of 300)',
  messagesOlder: 'messages, older page (keyset)',
  contactTimeline: 'contact timeline (40 conversations)',
  contactSearchName: 'contact search, surname',
  contactSearchPhone: 'contact search, 8 digits of a number',
  supervisorQueue: "supervisor's queue (500 in a group)",
};

export function renderGrowth(r: GrowthResult): string {
  const s = r.sizes;
  const names = Object.keys(s[0].queries);
  return [
    '## Growth',
    '',
    `The same ingest step (${r.settings.ingestRate} msg/s for ${r.settings.ingestSeconds} s, ${r.settings.contacts} customers) and the same ` +
      `reads of the agent's workspace over HTTP (${r.settings.queryRounds} interleaved rounds after 3 warm-up rounds) with more and more history ` +
      'stored: five workspaces (the measured one holds 40%), 40 agents each, conversations of ~20 messages, vacuumed and analysed. ' +
      'Reads ask about the probe, generated alike at every size and interleaved in time with the rest: an agent serving 50 conversations, ' +
      'a contact with 40 conversations that agent closed (one 300 messages long), a queue of 500 in one group. Each answer is checked.',
    '',
    `**Worst ratio ${label(s.at(-1)!.messages)} / 0: ${r.worstRatio}× in time at p50** (${r.worstRatioP95}× at p95), ` +
      `**${r.worstCpuRatio}× in server CPU per request**; ingest: ack p99 ratio ${r.ingestAckP99Ratio}×, CPU per message ratio ${r.ingestCpuRatio ?? '—'}×.`,
    '',
    'Time is the HTTP request as the browser sees it; CPU is what Atende and PostgreSQL spent on it (/proc schedstat), ' +
      'which other processes on this shared machine barely move — the honest measure of cost growth when the load average is high ' +
      `(Atende's own idle background, ${s.map((x) => `${x.backgroundCpuPct}%`).join(' / ')} of a core, is subtracted).`,
    '',
    row(['query: ms p50 / p95 (server CPU ms p50)', ...s.map((x) => label(x.messages)), 'ratio p50', 'ratio p95', 'ratio CPU']),
    row(['---', ...s.map(() => '---:'), '---:', '---:', '---:']),
    ...names.map((n) => row([QUERY_TEXT[n] ?? n, ...s.map((x) => `${x.queries[n].p50} / ${x.queries[n].p95} (${x.queries[n].cpuP50})`), r.ratios[n].p50, r.ratios[n].p95, r.ratios[n].cpuP50])),
    '',
    row(['stored messages', 'achieved/s', 'ack p50 ms', 'ack p99 ms', 'lag ms', 'drained', 'lost', 'dup rows', 'Atende CPU', 'PG CPU', 'CPU ms/msg', 'quiet for reads', 'load avg']),
    row(['---:', '---:', '---:', '---:', '---:', ':---:', '---:', '---:', '---:', '---:', '---:', ':---:', '---:']),
    ...s.map((x) => row([x.storedBeforeIngest, x.ingest.achievedPerSec, x.ingest.ackP50Ms, x.ingest.ackP99Ms, x.ingest.processingLagMs, x.ingest.drained ? 'yes' : 'NO',
      x.ingest.lost, x.ingest.duplicateRows, `${x.ingest.atendeCpuPct}%`, `${x.ingest.pgCpuPct}%`, x.ingest.cpuMsPerMessage,
      x.settle.settled ? `yes (+${x.settle.seconds} s)` : `NO (${x.settle.pendingEvents} events pending)`, x.loadAverage])),
    '',
    row(['dataset', 'from cache', 'build s', 'restore s', 'start s', 'contacts', 'conversations', 'messages']),
    row(['---', ':---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...s.map((x) => row([x.dataset.name, x.dataset.cached ? 'yes' : 'no (built now)', x.dataset.buildSeconds, x.dataset.restoreSeconds, x.startSeconds,
      x.dataset.rows.contacts, x.dataset.rows.conversations, x.dataset.rows.messages])),
    '',
    'Datasets are built once per machine and schema into `~/.cache/atende-bench/` (see bench/support/dataset-cache.ts) and copied for each run.',
    '',
  ].join('\n');
}
