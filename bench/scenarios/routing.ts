import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Scenario } from '../scenario';
import { api } from '../../e2e/support/api';
import { startServerProcess, type ServerProcess } from '../../e2e/support/server-process';
import { outboxSettled, startAtende, type Atende } from '../support/atende';
import { checkPassed, checkRouting, outboxWaits, type RoutingCheck } from '../support/routing-check';
import { watchFill, type Fill } from '../support/routing-fill';
import { putOnline, requestRoutingOf, resetRouting, setUpRouting, type RoutingPlan, type RoutingWorkspace } from '../support/routing-setup';
import { sample, usage } from '../support/proc-stats';
import { round, row } from '../support/stats';

/**
 * Scenario 4, routing: a standing queue over many agents in groups of every strategy, with two
 * Atende processes on one database, filled twice:
 * - "routing requested": the agents are online and each group gets a `routing.requested` outbox
 *   event (what an inbound batch, a freed slot or an agent coming online writes); the headline.
 * - "shift start": the same queue, every agent goes online with `PUT /me/presence`, half on each
 *   process, and routing follows as it does in production.
 * Each fill is timed until every slot is seen taken, then checked by counting in the database.
 */

const SECRET_KEY = 'bench-routing-shared-secret-key-0123456789abcdef';
const PRESENCE_CONCURRENCY = 50;

interface Phase {
  fill: Fill;
  fillSeconds: number | null;
  assignmentsPerSec: number | null;
  outboxSettledMs: number;
  outboxWaits: Record<string, { count: number; p50Ms: number; maxMs: number }>;
  check: RoutingCheck;
  checkPassed: boolean;
  cpu: { first: ReturnType<typeof usage>; second: ReturnType<typeof usage> };
  /** CPU time spent during the fill (both Atende processes and PostgreSQL): the work, whatever else ran on the machine. */
  cpuSeconds: { first: number; second: number; postgres: number };
}

async function phase(atende: Atende, second: ServerProcess, plan: RoutingPlan, ws: RoutingWorkspace, trigger: () => Promise<void>): Promise<Phase> {
  const before = [sample(atende.pid), sample(second.child.pid!)];
  const fill = await watchFill(atende, ws.capacity, trigger);
  const after = [sample(atende.pid), sample(second.child.pid!)];
  // Late passes and follow-up events settle before counting, so extra assignments would show.
  const settled = await outboxSettled(atende);
  const check = await checkRouting(atende.db, atende.workspaceId, ws);
  return {
    fill,
    fillSeconds: fill.fillMs === null ? null : round(fill.fillMs / 1000, 3),
    assignmentsPerSec: fill.fillMs === null ? null : Math.round(ws.capacity / (fill.fillMs / 1000)),
    outboxSettledMs: settled,
    outboxWaits: await outboxWaits(atende.db, atende.workspaceId),
    check,
    checkPassed: checkPassed(check, plan.conversations, ws.capacity),
    cpu: { first: usage(before[0], after[0]), second: usage(before[1], after[1]) },
    cpuSeconds: {
      first: round(after[0].atendeCpuSec - before[0].atendeCpuSec),
      second: round(after[1].atendeCpuSec - before[1].atendeCpuSec),
      postgres: round(after[0].pgCpuSec - before[0].pgCpuSec),
    },
  };
}

export const routing: Scenario = {
  name: 'routing',
  async run(ctx) {
    const plan: RoutingPlan = ctx.quick
      ? { conversations: 1000, agents: 50, groups: 5, maxConversations: 16, borrowed: 2, priorityShare: 0.05 }
      : { conversations: 10_000, agents: 500, groups: 20, maxConversations: 16, borrowed: 5, priorityShare: 0.05 };
    const profile = ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`] : [];
    const atende = await startAtende({ env: { SECRET_KEY }, profileDir: ctx.profileDir });
    const secondDir = mkdtempSync(path.join(os.tmpdir(), 'atende-bench-routing-'));
    let second: ServerProcess | null = null;
    try {
      const t0 = Date.now();
      const [ws, started] = await Promise.all([
        setUpRouting(atende, plan),
        startServerProcess({ DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${atende.pgPort}/postgres`, DATA_DIR: secondDir, SECRET_KEY, LOG_LEVEL: 'warn' }, undefined, profile),
      ]);
      second = started;
      ctx.log(`set up ${plan.conversations} queued conversations, ${plan.agents} agents, ${plan.groups} groups, second process in ${Date.now() - t0} ms; capacity ${ws.capacity}`);

      await putOnline(atende.db, atende.workspaceId, ws.agents.map((a) => a.id));
      const requested = await phase(atende, second, plan, ws, () => requestRoutingOf(atende.db, atende.workspaceId, ws.groups.map((g) => g.id)));
      ctx.log(`routing requested: filled ${describe(requested)}`);

      await resetRouting(atende.db, atende.workspaceId);
      const urls = [atende.url, second.url];
      const presenceErrors: string[] = [];
      const shift = await phase(atende, second, plan, ws, async () => {
        const queue = ws.agents.map((a, i) => ({ ...a, url: urls[i % 2] }));
        await Promise.all(Array.from({ length: PRESENCE_CONCURRENCY }, async () => {
          for (let a = queue.shift(); a; a = queue.shift()) {
            const r = await api(a.url, 'PUT', '/api/v1/me/presence', { status: 'online' }, a.token);
            if (r.status !== 200) presenceErrors.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          }
        }));
      });
      if (presenceErrors.length) throw new Error(`routing: ${presenceErrors.length} presence calls failed, first: ${presenceErrors[0]}`);
      ctx.log(`shift start: all online after ${shift.fill.triggerMs} ms, filled ${describe(shift)}`);

      const result = {
        settings: { ...plan, capacity: ws.capacity, capacityVsQueue: `capacity ${ws.capacity} < queue ${plan.conversations}: every agent must end full`, processes: 2, presenceConcurrency: PRESENCE_CONCURRENCY },
        fillSeconds: requested.fillSeconds,
        assignmentsPerSec: requested.assignmentsPerSec,
        checkPassed: requested.checkPassed && shift.checkPassed,
        routingRequested: requested,
        shiftStart: shift,
      };
      return { json: { routing: result }, markdown: render(result, ctx.floors) };
    } finally {
      if (second && second.child.exitCode === null) {
        second.child.kill('SIGTERM');
        await second.exited;
      }
      rmSync(secondDir, { recursive: true, force: true });
      await atende.stop();
    }
  },
};

const describe = (p: Phase) =>
  `${p.fill.fillMs === null ? 'NOT within 60 s' : `at ${p.fill.fillMs} ms (${p.assignmentsPerSec}/s)`}, first assignment at ${p.fill.firstAssignmentMs ?? '—'} ms; ` +
  `outbox settled ${p.outboxSettledMs} ms later; CPU s ${p.cpuSeconds.first} + ${p.cpuSeconds.second} + PG ${p.cpuSeconds.postgres}; check ${p.checkPassed ? 'passed' : `FAILED ${JSON.stringify(p.check)}`}`;

function render(r: { settings: RoutingPlan & { capacity: number; presenceConcurrency: number }; routingRequested: Phase; shiftStart: Phase }, floors?: { helloPerSec: number; insertPerSec: number }) {
  const s = r.settings;
  const line = (name: string, p: Phase) => {
    const c = p.check;
    return row([name, p.fillSeconds ?? 'NOT in 60 s', p.assignmentsPerSec, floors && p.assignmentsPerSec ? round(p.assignmentsPerSec / floors.insertPerSec, 2) : null,
      p.fill.firstAssignmentMs, p.fill.triggerMs, p.outboxSettledMs, `${p.cpuSeconds.first} / ${p.cpuSeconds.second} / ${p.cpuSeconds.postgres}`,
      p.checkPassed ? 'passed' : 'FAILED', c.active, c.queued, c.assignedTwice, c.agentsOverLimit, c.agentsNotFull, c.outsideGroup, c.groupsOutOfOrder]);
  };
  return [
    '## Routing',
    '',
    `${s.conversations} queued conversations, ${s.agents} agents in ${s.groups} groups (strategies in turn: circular, random, priority, least handling time, least conversations, longest idle; each group also has ${s.borrowed} agents of the next group), limit ${s.maxConversations} each: capacity ${s.capacity}, less than the queue, so every agent must end full. Two Atende processes on one database.`,
    '',
    `- **routing requested** (the headline, \`routing.fillSeconds\`): agents online, one \`routing.requested\` outbox event per group, committed one after the other, as producers write them; both processes' dispatchers take them.`,
    `- **shift start**: the same queue again, every agent goes online with \`PUT /me/presence\` (${s.presenceConcurrency} at a time, half on each process).`,
    '',
    `Fill is timed from the trigger until every slot is seen taken in the database; the count check runs once the outbox has dispatched everything (realtime pushes, automation).`,
    '',
    '| trigger | fill s | assignments/s | × insert floor | first assignment ms | trigger done ms | outbox settled ms after | CPU s 1st / 2nd / PG | check | active | queued | twice | over limit | not full | outside group | out of order |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    line('routing requested', r.routingRequested),
    line('shift start', r.shiftStart),
    '',
    `Fill curve, shift start (ms → in service): ${r.shiftStart.fill.timeline.map(([t, n]) => `${t}→${n}`).join(', ')}`,
    '',
  ].join('\n');
}
