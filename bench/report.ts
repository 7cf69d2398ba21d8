/** Turns a bench result into the readable `latest.md`: one table per scenario plus the machine. */

type Usage = { atendeCpuPct: number; pgCpuPct: number; atendeRssMbBefore: number; atendeRssMbAfter: number };

export interface StepResult {
  offeredPerSec: number;
  achievedPerSec: number;
  ackMs: { p50: number; p99: number; max: number };
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
  whileSending: Usage;
  sendAndDrain: Usage;
}

interface Result {
  mode: string;
  startedAt: string;
  durationSec: number;
  machine: { nproc: number; cpu: string; memoryMb: number; node: string; platform: string };
  settings: { stepSeconds: number; contacts: number; concurrency: number; mix: string; drainLimitSec: number };
  memory: { idleRssMb: number };
  ingest: { sustainedMsgPerSec: number; processedMsgPerSec: number; p99AckMs: number | null; lost: number; duplicated: number; steps: StepResult[] };
}

const row = (cells: (string | number | null)[]) => `| ${cells.map((c) => (c === null ? '—' : String(c))).join(' | ')} |`;

export function renderMarkdown(r: Result): string {
  const s = r.ingest.steps;
  return [
    `# Atende bench — ${r.mode} run`,
    '',
    `${r.startedAt}, ${r.durationSec} s. Machine: ${r.machine.nproc} CPU (${r.machine.cpu}), ${r.machine.memoryMb} MB, Node ${r.machine.node}, ${r.machine.platform}.`,
    `Everything on one box: Atende, its embedded PostgreSQL and the load generator share these cores.`,
    '',
    '## WhatsApp ingest',
    '',
    `Signed Cloud API webhooks over loopback, ${r.settings.stepSeconds} s per step, ${r.settings.contacts} contacts, ` +
      `${r.settings.concurrency} requests in flight at most, mix: ${r.settings.mix}. ` +
      `Lag = last message of the step stored as a message row, after its last webhook was sent (wait limit ${r.settings.drainLimitSec} s).`,
    '',
    `**Acknowledged: ${r.ingest.sustainedMsgPerSec} msg/s** (highest step fully stored), **processed into messages: ${r.ingest.processedMsgPerSec} msg/s**, p99 ack ${r.ingest.p99AckMs ?? '—'} ms; ` +
      `lost ${r.ingest.lost}, duplicated ${r.ingest.duplicated}. Idle RSS ${r.memory.idleRssMb} MB.`,
    '',
    row(['offered/s', 'achieved/s', 'ack p50 ms', 'ack p99 ms', 'ack max ms', 'lag ms', 'drained']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', ':---:']),
    ...s.map((x) => row([x.offeredPerSec, x.achievedPerSec, x.ackMs.p50, x.ackMs.p99, x.ackMs.max, x.processingLagMs, x.drained ? 'yes' : 'NO'])),
    '',
    row(['offered/s', 'sent', 'acked', 'errors', 'texts', 'statuses', 'stored events', 'message rows', 'lost', 'dups injected', 'dups ignored', 'dup rows']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...s.map((x) => row([x.offeredPerSec, x.sent, x.acked, x.errors, x.texts, x.statuses, x.storedEvents, x.messageRows, x.lost, x.duplicatesInjected, x.duplicatesAckedAsIgnored, x.duplicateRows])),
    '',
    'CPU in % of one core (200% = two cores busy); PostgreSQL = all processes under Atende.',
    '',
    row(['offered/s', 'Atende CPU sending', 'PG CPU sending', 'Atende CPU send+drain', 'PG CPU send+drain', 'RSS before MB', 'RSS after MB']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...s.map((x) => row([x.offeredPerSec, `${x.whileSending.atendeCpuPct}%`, `${x.whileSending.pgCpuPct}%`, `${x.sendAndDrain.atendeCpuPct}%`, `${x.sendAndDrain.pgCpuPct}%`, x.sendAndDrain.atendeRssMbBefore, x.sendAndDrain.atendeRssMbAfter])),
    ...s.filter((x) => x.firstError).map((x) => `\nFirst error at ${x.offeredPerSec}/s: \`${x.firstError}\``),
    '',
  ].join('\n');
}
