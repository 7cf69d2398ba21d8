import { api } from '../../e2e/support/api';
import type { Atende } from './atende';
import type { GrowthMeta } from './growth-dataset';
import { ServerCpu } from './growth-cpu';
import { summary } from './stats';

/**
 * The agent workspace's reads, timed over HTTP as the web app makes them: the agent's list, a
 * long conversation's newest and an older page, the contact's timeline, contact search by name and
 * by part of the number, and the supervisor's queue. Each asks about the probe (growth-data.ts),
 * generated alike at every size — not about what the ingest step made, whose amount depends on how
 * fast this shared machine was — and each answer is checked, so an error or an empty page can
 * never pass for a fast one.
 */

export interface QueryPlan {
  name: string;
  path: string;
  token: 'agent' | 'admin';
  /** What a right answer holds. */
  check: (body: unknown) => boolean;
}

const items = (b: unknown) => (b as { items?: unknown[] }).items ?? [];

export async function planQueries(atende: Atende, meta: GrowthMeta): Promise<QueryPlan[]> {
  const probe = meta.probe;
  // The page before the 150 newest: a keyset step into the middle of the conversation.
  const { rows } = await atende.db.query<{ id: string }>(
    `select id from messages where workspace_id = $1 and conversation_id = $2 order by created_at desc, id desc offset 150 limit 1`,
    [atende.workspaceId, probe.conversationId],
  );
  const surname = probe.contactName.split(' ').slice(1).join(' ');
  return [
    { name: 'agentList', path: `/api/v1/conversations?status=active&assigneeId=${probe.agentId}&limit=50`, token: 'agent', check: (b) => items(b).length === 50 },
    { name: 'messagesNewest', path: `/api/v1/conversations/${probe.conversationId}/messages?limit=50`, token: 'agent', check: (b) => items(b).length === 50 },
    { name: 'messagesOlder', path: `/api/v1/conversations/${probe.conversationId}/messages?limit=50&before=${rows[0].id}`, token: 'agent', check: (b) => items(b).length === 50 },
    { name: 'contactTimeline', path: `/api/v1/contacts/${probe.contactId}/timeline`, token: 'agent', check: (b) => items(b).length === 40 },
    { name: 'contactSearchName', path: `/api/v1/contacts?q=${encodeURIComponent(surname)}&limit=20`, token: 'agent', check: (b) => items(b).some((c) => (c as { id: string }).id === probe.contactId) },
    { name: 'contactSearchPhone', path: `/api/v1/contacts?q=${probe.contactPhone.slice(-8)}&limit=20`, token: 'agent', check: (b) => items(b).some((c) => (c as { id: string }).id === probe.contactId) },
    { name: 'supervisorQueue', path: `/api/v1/conversations?status=queued&serviceGroupId=${probe.queueGroupId}&limit=50`, token: 'admin', check: (b) => items(b).length === 50 },
  ];
}

export interface QueryTime {
  count: number;
  /** Wall time of the HTTP request, ms. */
  p50: number;
  p95: number;
  max: number;
  /** CPU Atende and PostgreSQL spent on it, ms: what the request costs, whatever else the machine runs. */
  cpuP50: number;
  cpuP95: number;
}
export type QueryTimes = Record<string, QueryTime>;

/**
 * Rounds of every query in turn (interleaved, so a burst of load elsewhere on this shared machine
 * hits all of them alike), after a few warm-up rounds that fill the caches a live server would have.
 */
export async function timeQueries(
  base: string,
  atendePid: number,
  tokens: { agent: string; admin: string },
  plan: QueryPlan[],
  rounds: number,
  warmup = 3,
): Promise<{ times: QueryTimes; backgroundCpuPct: number }> {
  const wall = new Map(plan.map((q) => [q.name, [] as number[]]));
  const cpu = new Map(plan.map((q) => [q.name, [] as number[]]));
  const server = new ServerCpu(atendePid);
  // Atende is never fully idle (timers every 250 ms, job and outbox polling): its background CPU
  // rate, taken just before, is subtracted from each request's window, which is longer the busier
  // the machine is.
  const idle0 = [performance.now(), server.nowNs()];
  await new Promise((r) => setTimeout(r, 2000));
  const idleNsPerMs = (server.nowNs() - idle0[1]) / (performance.now() - idle0[0]);
  for (let round = 0; round < warmup + rounds; round++) {
    server.refresh();
    for (const q of plan) {
      const [t0, c0] = [performance.now(), server.nowNs()];
      const r = await api(base, 'GET', q.path, undefined, tokens[q.token]);
      const ms = performance.now() - t0;
      const cpuMs = Math.max(0, server.nowNs() - c0 - idleNsPerMs * ms) / 1e6;
      if (r.status !== 200 || !q.check(r.body)) throw new Error(`${q.name}: GET ${q.path} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      if (round < warmup) continue;
      wall.get(q.name)!.push(ms);
      cpu.get(q.name)!.push(cpuMs);
    }
  }
  const times: QueryTimes = {};
  for (const q of plan) {
    const w = summary(wall.get(q.name)!);
    const c = summary(cpu.get(q.name)!);
    times[q.name] = { count: w.count, p50: w.p50, p95: w.p95, max: w.max, cpuP50: c.p50, cpuP95: c.p95 };
  }
  // ns per ms of wall time, as % of one core.
  return { times, backgroundCpuPct: Math.round(idleNsPerMs / 1e4 * 10) / 10 };
}
