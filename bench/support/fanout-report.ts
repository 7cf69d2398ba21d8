import type { Delivery } from './fanout-measure';
import type { SettledMemory } from './heap-probe';
import type { usage } from './proc-stats';
import { row, type summary } from './stats';

type Summary = ReturnType<typeof summary>;
/** Atende's and PostgreSQL's CPU over the phase, and when its last side effect was dispatched (null: not within the limit). */
type Cpu = { cpu: ReturnType<typeof usage>; cpuMsPerMessage: { atende: number; postgres: number }; settledMs: number | null };
type Connect = Summary & { totalMs: number; cpuMsPerSocket: { atende: number; postgres: number } };
type Burst = Delivery & Cpu & { fromBurstStartMs: Summary };

export interface FanoutResult {
  agents: number;
  customers: number;
  groups: number;
  /** Atende's heap + off-heap memory after a full GC with everyone connected, over the idle one, per socket. */
  bytesPerConnection: number;
  bytesPerAgent: number;
  bytesPerCustomer: number;
  /** The same from RSS (no GC control: coarser). */
  rssBytesPerConnection: number;
  memoryMb: Record<'idle' | 'withAgents' | 'withAll' | 'afterDisconnect', SettledMemory>;
  connect: { agents: Connect; customers: Connect; concurrency: number };
  /** Every agent replies at once: from the burst's start to each customer's socket. */
  broadcastP50Ms: number | null;
  broadcastP99Ms: number | null;
  broadcastMaxMs: number | null;
  oneToOneP50Ms: number | null;
  oneToOneP99Ms: number | null;
  /** Messages that had not reached their socket when their phase stopped waiting. */
  notWithinWait: number;
  /** Messages that never reached their socket, counted at the end of the run. */
  lost: number;
  duplicated: number;
  misrouted: number;
  toCustomers: Burst;
  toAgents: Burst;
  oneToOne: Delivery & Cpu & { rate: number; seconds: number };
  framesReceived: { agents: number; customers: number };
  socketsDropped: { agents: number; customers: number };
  httpConnectionsPerClient: number;
}

const check = (d: Delivery) => `${d.delivered}/${d.messages} delivered, ${d.missing} not within the wait, ${d.duplicated} duplicated, ${d.misrouted} misrouted${d.sendFailed ? `, ${d.sendFailed} POSTs failed` : ''}`;
const cpu = (p: Cpu) => `${p.cpu.atendeCpuPct}% / ${p.cpu.pgCpuPct}% (${p.cpuMsPerMessage.atende} / ${p.cpuMsPerMessage.postgres} ms per message)`;

export function renderFanout(r: FanoutResult): string {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return [
    '## Agent and customer fan-out',
    '',
    `${r.agents} agents (workspace socket \`/\`) and ${r.customers} web chat customers (widget socket \`/webchat\`) in ${r.groups} groups, each customer in an active conversation with an agent of its group (created with SQL); each side runs in its own client process over loopback; connections opened ${r.connect.concurrency} at a time.`,
    '',
    '| Atende after a full GC | heap (MB) | off-heap (MB) | RSS (MB) |',
    '|---|---|---|---|',
    ...([['idle', 'idle'], ['with all agents', 'withAgents'], ['with agents and customers', 'withAll'], ['after everyone left', 'afterDisconnect']] as const).map(([label, k]) =>
      row([label, r.memoryMb[k].heapUsedMb, r.memoryMb[k].externalMb, r.memoryMb[k].rssMb])),
    '',
    `Memory per connection (heap + off-heap after GC, over the idle server): **${kb(r.bytesPerConnection)}** — agent ${kb(r.bytesPerAgent)}, customer ${kb(r.bytesPerCustomer)}; from RSS ${kb(r.rssBytesPerConnection)}. Sockets the server dropped during the run: ${r.socketsDropped.agents} agents, ${r.socketsDropped.customers} customers.`,
    '',
    '| connect | all (ms) | p50 | p99 | max | Atende / PostgreSQL CPU per socket (ms) |',
    '|---|---|---|---|---|---|',
    ...(['agents', 'customers'] as const).map((k) => {
      const c = r.connect[k];
      return row([k, c.totalMs, c.p50, c.p99, c.max, `${c.cpuMsPerSocket.atende} / ${c.cpuMsPerSocket.postgres}`]);
    }),
    '',
    `| burst (everyone sends one message at once, ${r.httpConnectionsPerClient} HTTP connections) | POSTs took (ms) | from burst start p50 / p99 / max (ms) | from own POST p50 / p99 (ms) | all side effects done (ms) | Atende / PostgreSQL CPU | count check |`,
    '|---|---|---|---|---|---|---|',
    row(['agents → every customer', r.toCustomers.postsMs, `${r.toCustomers.fromBurstStartMs.p50} / ${r.toCustomers.fromBurstStartMs.p99} / ${r.toCustomers.fromBurstStartMs.max}`, `${r.toCustomers.fromSendMs.p50} / ${r.toCustomers.fromSendMs.p99}`, r.toCustomers.settledMs, cpu(r.toCustomers), check(r.toCustomers)]),
    row(['customers → every agent', r.toAgents.postsMs, `${r.toAgents.fromBurstStartMs.p50} / ${r.toAgents.fromBurstStartMs.p99} / ${r.toAgents.fromBurstStartMs.max}`, `${r.toAgents.fromSendMs.p50} / ${r.toAgents.fromSendMs.p99}`, r.toAgents.settledMs, cpu(r.toAgents), check(r.toAgents)]),
    '',
    `Count check over the run: ${r.lost} lost (never reached their socket), ${r.duplicated} duplicated, ${r.misrouted} misrouted; ${r.notWithinWait} had not arrived when their phase stopped waiting.`,
    '',
    `One-to-one (a customer's web chat message to its agent's socket) at ${r.oneToOne.rate} msg/s for ${r.oneToOne.seconds} s: p50 **${r.oneToOneP50Ms ?? '—'} ms**, p99 **${r.oneToOneP99Ms ?? '—'} ms**, max ${r.oneToOne.delivered ? r.oneToOne.fromSendMs.max : '—'} ms; ${check(r.oneToOne)}; Atende / PostgreSQL CPU ${cpu(r.oneToOne)}.`,
    '',
  ].join('\n');
}
