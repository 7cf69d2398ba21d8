import type { Scenario } from '../scenario';
import { startAtende } from '../support/atende';
import { startClient, type FanoutClient } from '../support/fanout-clients';
import { burst, collect, until } from '../support/fanout-measure';
import { attachHeapProbe, INSPECT_ARGS, type HeapProbe, type SettledMemory } from '../support/heap-probe';
import { renderFanout, type FanoutResult } from '../support/fanout-report';
import { setUpFanout } from '../support/fanout-setup';
import { sample, usage } from '../support/proc-stats';
import { round, summary } from '../support/stats';

/**
 * Scenario 3, agent and customer fan-out: N agents on their workspace socket and N web chat
 * customers on the widget's socket, each customer in an active conversation with an agent, all
 * connected at once from two client processes (one per side). Measures memory per connection,
 * connect time, both bursts (every customer writes at once → each agent; every agent replies at
 * once → each customer) and the one-to-one path at a steady rate, each with the count check.
 */

const CONNECT_CONCURRENCY = 50;
const HTTP_CONNECTIONS = 100;

export const fanout: Scenario = {
  name: 'fanout',
  async run(ctx) {
    const plan = ctx.quick
      ? { size: 200, groups: 2, paced: { rate: 50, seconds: 3 }, waitMs: 15_000 }
      : { size: 2000, groups: 20, paced: { rate: 100, seconds: 5 }, waitMs: 30_000 };
    // The inspector (loopback only) lets the bench collect garbage before reading memory: what
    // the heap holds then is what the sockets cost, where RSS alone moves in steps of its own.
    const atende = await startAtende({ profileDir: ctx.profileDir, nodeArgs: INSPECT_ARGS });
    const clients: FanoutClient[] = [];
    let probe: HeapProbe | null = null;
    try {
      probe = await attachHeapProbe(atende.server.output);
      const memory = probe.settled.bind(probe);
      const w = await setUpFanout(atende, { agents: plan.size, customers: plan.size, groups: plan.groups });
      const idle = await memory();
      ctx.log(`${w.agents.length} agents, ${w.customers.length} customers in ${w.groups} groups; idle heap ${idle.heapUsedMb} MB, RSS ${idle.rssMb} MB`);

      const agents = await startClient(atende.url, 'agents', w.agents.map((a) => ({ token: a.token, id: a.userId, conversations: a.conversations })), HTTP_CONNECTIONS);
      clients.push(agents);
      const customers = await startClient(atende.url, 'customers', w.customers.map((c) => ({ token: c.token, id: c.contactId })), HTTP_CONNECTIONS);
      clients.push(customers);

      const connect = async (client: FanoutClient, who: string) => {
        const a = sample(atende.pid);
        const r = await client.connect(CONNECT_CONCURRENCY);
        if (r.failed) throw new Error(`${r.failed} ${who} sockets failed: ${r.firstError}`);
        const b = sample(atende.pid);
        const n = r.connectMs.length;
        return { totalMs: round(r.totalMs, 0), ...summary(r.connectMs), cpuMsPerSocket: { atende: round(((b.atendeCpuSec - a.atendeCpuSec) * 1000) / n, 2), postgres: round(((b.pgCpuSec - a.pgCpuSec) * 1000) / n, 2) } };
      };
      const connectAgents = await connect(agents, 'agent');
      const withAgents = await memory();
      const connectCustomers = await connect(customers, 'customer');
      const withAll = await memory();
      ctx.log(`connected: agents in ${Math.round(connectAgents.totalMs)} ms (heap ${withAgents.heapUsedMb} MB), customers in ${Math.round(connectCustomers.totalMs)} ms (heap ${withAll.heapUsedMb} MB)`);

      // Each phase starts on a quiet server and ends when every side effect (status updates, the
      // widget's acknowledgements) has been dispatched: phases do not pay for each other's backlog.
      const pendingEvents = async () => (await atende.db.query<{ n: number }>('select count(*)::int as n from outbox_events where dispatched_at is null')).rows[0].n;
      const quiet = () => until(async () => (await pendingEvents()) === 0, plan.waitMs);
      const phase = async <T extends { messages: number }>(fn: () => Promise<T>) => {
        await quiet();
        const a = sample(atende.pid);
        const t0 = Date.now();
        const r = await fn();
        const settled = await quiet();
        const b = sample(atende.pid);
        // CPU time per message holds up on a busy machine better than latency does.
        const perMessage = (sec: number) => round((sec * 1000) / Math.max(1, r.messages), 2);
        const cpuMsPerMessage = { atende: perMessage(b.atendeCpuSec - a.atendeCpuSec), postgres: perMessage(b.pgCpuSec - a.pgCpuSec) };
        return { ...r, settledMs: settled ? Date.now() - t0 : null, cpu: usage(a, b), cpuMsPerMessage };
      };
      const toAgents = await phase(() => burst(customers, agents, 'a', plan.waitMs));
      ctx.log(`customers → agents burst: last after ${toAgents.fromBurstStartMs.max} ms, ${toAgents.delivered}/${toAgents.messages}`);
      const toCustomers = await phase(() => burst(agents, customers, 'b', plan.waitMs));
      ctx.log(`agents → customers burst: last after ${toCustomers.fromBurstStartMs.max} ms, ${toCustomers.delivered}/${toCustomers.messages}`);
      const oneToOne = await phase(async () => {
        const sent = await customers.paced('p', plan.paced.rate, plan.paced.seconds);
        return { ...plan.paced, ...(await collect(sent, agents, 'p.', plan.waitMs)).delivery };
      });
      ctx.log(`one-to-one at ${plan.paced.rate}/s: p50 ${oneToOne.fromSendMs.p50} p99 ${oneToOne.fromSendMs.p99} ms, ${oneToOne.delivered}/${oneToOne.messages}`);

      // "Not within the wait" may only be late: what never arrived by the end of the run is lost.
      await quiet();
      const arrived = async (to: FanoutClient, prefix: string) => (await to.receipts(prefix)).length;
      const lost = [
        toAgents.messages - (await arrived(agents, 'a:')),
        toCustomers.messages - (await arrived(customers, 'b:')),
        oneToOne.messages - (await arrived(agents, 'p.')),
      ].reduce((sum, n) => sum + Math.max(0, n), 0);
      const [agentStats, customerStats] = [await agents.stats(), await customers.stats()];
      // A socket the server dropped on the way (the clients do not reconnect) explains missing messages.
      const dropped = { agents: plan.size - agentStats.sockets, customers: plan.size - customerStats.sockets };
      const frames = { agents: agentStats.framesReceived, customers: customerStats.framesReceived };
      await Promise.all(clients.splice(0).map((c) => c.stop()));
      // Closed sockets are collected only once their handles' close callbacks ran: give them a moment.
      await new Promise((r) => setTimeout(r, 2000));
      const afterDisconnect = await memory();

      // Heap and off-heap (socket buffers) after a full GC: the memory the sockets hold.
      const held = (m: SettledMemory) => m.heapUsedMb + m.externalMb;
      const perConnection = (mb: number, n: number) => Math.round((mb * 2 ** 20) / n);
      const result: FanoutResult = {
        agents: plan.size,
        customers: plan.size,
        groups: plan.groups,
        bytesPerConnection: perConnection(held(withAll) - held(idle), 2 * plan.size),
        bytesPerAgent: perConnection(held(withAgents) - held(idle), plan.size),
        bytesPerCustomer: perConnection(held(withAll) - held(withAgents), plan.size),
        rssBytesPerConnection: perConnection(withAll.rssMb - idle.rssMb, 2 * plan.size),
        memoryMb: { idle, withAgents, withAll, afterDisconnect },
        connect: {
          agents: connectAgents,
          customers: connectCustomers,
          concurrency: CONNECT_CONCURRENCY,
        },
        // Null when nothing arrived within the wait: a percentile of nothing is not zero.
        broadcastP50Ms: toCustomers.delivered ? toCustomers.fromBurstStartMs.p50 : null,
        broadcastP99Ms: toCustomers.delivered ? toCustomers.fromBurstStartMs.p99 : null,
        broadcastMaxMs: toCustomers.delivered ? toCustomers.fromBurstStartMs.max : null,
        oneToOneP50Ms: oneToOne.delivered ? oneToOne.fromSendMs.p50 : null,
        oneToOneP99Ms: oneToOne.delivered ? oneToOne.fromSendMs.p99 : null,
        notWithinWait: toAgents.missing + toCustomers.missing + oneToOne.missing,
        lost,
        duplicated: toAgents.duplicated + toCustomers.duplicated + oneToOne.duplicated,
        misrouted: toAgents.misrouted + toCustomers.misrouted + oneToOne.misrouted,
        toCustomers,
        toAgents,
        oneToOne,
        framesReceived: frames,
        socketsDropped: dropped,
        httpConnectionsPerClient: HTTP_CONNECTIONS,
      };
      return { json: { fanout: result }, markdown: renderFanout(result) };
    } finally {
      await Promise.all(clients.map((c) => c.stop()));
      // An attached inspector keeps the server from exiting.
      await probe?.close();
      await atende.stop();
    }
  },
};
