import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { emitEvent, emitEvents } from '../../platform/events/outbox';
import { withinWorkHours } from '../users/work-hours';
import { armTimers, type TimerRow } from '../../platform/timers/timers';
import { findBusinessHours, isOpenAt, nextOpeningAfter } from '../business-hours';
import { walletAgentsOf } from '../contacts';
import { activeCounts, assignFromQueue, insertEvents, lockQueue, todayStats } from '../conversations';
import { chooseAgent, isEligible, type AgentCandidate } from './strategies';
import * as repo from './routing.repository';

export const ROUTING_REQUESTED = 'routing.requested';

/** Asks for a routing pass of these groups after the caller's transaction commits. */
export async function requestRouting(tx: Executor, workspaceId: string, serviceGroupIds: string[], reason: string) {
  const ids = [...new Set(serviceGroupIds)];
  if (ids.length) await emitEvent(tx, { workspaceId, type: ROUTING_REQUESTED, payload: { serviceGroupIds: ids, reason } });
}

/** Routing passes for every group the agent serves (came online, paused ended, capacity freed). */
export async function requestRoutingForAgent(tx: Executor, workspaceId: string, userId: string, reason: string) {
  await requestRouting(tx, workspaceId, await repo.groupIdsOfUser(tx, workspaceId, userId), reason);
}

type GroupForRouting = NonNullable<Awaited<ReturnType<typeof repo.groupForRouting>>>;

/** The group's online agents as the strategies see them; `lock` takes their state rows first. */
async function candidatesOf(tx: Executor, workspaceId: string, found: GroupForRouting, now: Date, opts: { lock: boolean }): Promise<AgentCandidate[]> {
  const { group, timeZone } = found;
  const members = await repo.membersForRouting(tx, workspaceId, group.id);
  const memberIds = members.map((m) => m.userId);
  const states = opts.lock ? await repo.lockAgentStates(tx, workspaceId, memberIds) : await repo.agentStatesOf(tx, workspaceId, memberIds);
  const present = members.filter((m) => states.get(m.userId)?.presence === 'online');
  if (!present.length) return [];
  const ids = present.map((m) => m.userId);
  const [load, stats] = await Promise.all([activeCounts(tx, workspaceId, ids), todayStats(tx, workspaceId, ids, timeZone)]);
  return present.map((m) => {
    const st = states.get(m.userId)!;
    return {
      userId: m.userId,
      online: true,
      paused: !!st.pausedUntil && st.pausedUntil > now,
      withinWorkHours: withinWorkHours(m.workHours, now, timeZone),
      active: load.get(m.userId) ?? 0,
      maxConversations: m.maxConversations,
      priority: m.priority,
      lastQueueAssignmentAt: st.lastQueueAssignmentAt,
      handlingSecondsToday: stats.get(m.userId)?.handlingSeconds ?? 0,
      conversationsToday: stats.get(m.userId)?.conversations ?? 0,
    };
  });
}

/** ROUTE-6: how many more conversations the group's agents can take now (0 = nobody online, or all full). */
export async function freeCapacity(db: Executor, workspaceId: string, groupId: string, now = new Date()): Promise<number> {
  const found = await repo.groupForRouting(db, workspaceId, groupId);
  if (!found || found.group.status !== 'active') return 0;
  const candidates = await candidatesOf(db, workspaceId, found, now, { lock: false });
  return candidates.filter(isEligible).reduce((n, a) => n + (a.maxConversations - a.active), 0);
}

/**
 * One routing pass (ROUTE-2, ROUTE-9): under the group's transaction lock, gives the group's
 * queued conversations, best first, to the agents its strategy picks, while anyone can take
 * one. Agents' state rows are locked before their load is counted, so passes of other groups
 * (or other processes) sharing an agent wait instead of overfilling it.
 */
export async function routeGroup(tx: Executor, workspaceId: string, groupId: string, now = new Date(), random = Math.random) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`route:${groupId}`}, 0))`);
  const found = await repo.groupForRouting(tx, workspaceId, groupId);
  if (!found || found.group.status !== 'active') return [];
  const { group } = found;
  if (!(await groupServesNow(tx, workspaceId, group, now))) return [];
  const candidates = await candidatesOf(tx, workspaceId, found, now, { lock: true });
  if (!candidates.length) return [];
  const capacity = candidates.filter(isEligible).reduce((n, a) => n + (a.maxConversations - a.active), 0);
  if (!capacity) return [];
  const queue = await lockQueue(tx, workspaceId, groupId, capacity, now);
  const wallets = group.settings.priorityToWalletAgent ? await walletAgentsOf(tx, workspaceId, queue.filter((c) => c.priority > 0).map((c) => c.contactId)) : new Map<string, string>();

  const assignments: { conversationId: string; userId: string }[] = [];
  let last = group.lastAssignedUserId;
  for (const conversation of queue) {
    // ROUTE-4: agents who let this conversation go unanswered are not offered it again.
    const excluded = conversation.excludedAgentIds;
    const open = excluded.length ? candidates.filter((a) => !excluded.includes(a.userId)) : candidates;
    // ROUTE-3 priority service: a priority contact goes straight to their wallet agent when they can take it.
    const wallet = open.find((a) => a.userId === wallets.get(conversation.contactId) && isEligible(a));
    const userId = wallet?.userId ?? chooseAgent(group.strategy, open, { lastAssignedUserId: last, random });
    if (!userId) {
      if (excluded.length) continue;
      break;
    }
    const chosen = candidates.find((a) => a.userId === userId)!;
    chosen.active += 1;
    chosen.conversationsToday += 1;
    chosen.lastQueueAssignmentAt = now;
    if (!wallet) last = userId;
    assignments.push({ conversationId: conversation.id, userId });
  }
  if (!assignments.length) return [];
  await assignFromQueue(tx, workspaceId, assignments, now);
  await insertEvents(
    tx,
    assignments.map((a) => ({ workspaceId, conversationId: a.conversationId, type: 'assigned', toUserId: a.userId, toGroupId: groupId, data: { strategy: group.strategy } })),
  );
  await repo.touchQueueAssignments(tx, workspaceId, [...new Set(assignments.map((a) => a.userId))], now);
  if (last) await repo.setLastAssigned(tx, workspaceId, groupId, last);
  await emitEvents(tx, [
    ...assignments.map((a) => ({ workspaceId, type: 'conversation.assigned', payload: { conversationId: a.conversationId, assigneeId: a.userId, reason: 'queue' } })),
    // Their load changed: headers and supervision show it.
    ...[...new Set(assignments.map((a) => a.userId))].map((userId) => ({ workspaceId, type: 'agent.updated', payload: { userId } })),
  ]);
  return assignments;
}

export const ROUTING_OPENING_TIMER = 'routing.opening';

/**
 * ROUTE-5: a group with business hours distributes only while open. Closed, its queue waits and a
 * timer asks for a pass at the next opening (agents coming online ask for their own).
 */
async function groupServesNow(tx: Executor, workspaceId: string, group: GroupForRouting['group'], now: Date) {
  const hoursId = group.settings.businessHoursId;
  if (!hoursId) return true;
  const hours = await findBusinessHours(tx, workspaceId, hoursId);
  if (!hours || hours.status !== 'active' || isOpenAt(hours, now)) return true;
  const opening = nextOpeningAfter(hours, now);
  if (opening) await armTimers(tx, [{ workspaceId, kind: ROUTING_OPENING_TIMER, subjectId: group.id, dueAt: opening }]);
  return false;
}

/** The opening came: a pass for each group whose hours began, by the timers' clock. */
export async function fireOpenings(rows: TimerRow[], tx: Executor, now: Date) {
  for (const r of rows) await routeGroup(tx, r.workspaceId, r.subjectId, now);
}
