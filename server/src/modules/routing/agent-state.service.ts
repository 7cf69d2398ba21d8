import { and, eq } from 'drizzle-orm';
import type { Ctx, Deps } from '../../platform/context';
import type { Db, Executor } from '../../platform/db/client';
import { emitEvent } from '../../platform/events/outbox';
import { AppError, validationFailed } from '../../platform/errors';
import { PAUSE_DEFAULT_MINUTES } from '@contracts/serving';
import { pauseReasons } from '../pause-reasons/pause-reason.schema';
import { findUsersByIds } from '../users';
import { activeConversationsOf, activeCounts, insertEvents, updateConversation } from '../conversations';
import * as repo from './routing.repository';
import { requestRouting, requestRoutingForAgent } from './routing.service';

export const PAUSE_END_JOB = 'agent.pause-end';

export interface AgentStateDto {
  presence: 'online' | 'offline';
  pausedUntil: string | null;
  pauseReasonId: string | null;
  activeCount: number;
  maxConversations: number;
}

/** Agents' states as screens show them: three queries however many agents. */
async function presentMany(db: Executor, workspaceId: string, userIds: string[]): Promise<Map<string, AgentStateDto>> {
  const [states, found, active] = await Promise.all([
    repo.agentStatesOf(db, workspaceId, userIds),
    findUsersByIds(db, workspaceId, userIds),
    activeCounts(db, workspaceId, userIds),
  ]);
  const maxOf = new Map(found.map((u) => [u.id, u.maxConversations]));
  const now = new Date();
  return new Map(
    userIds.map((userId) => {
      const state = states.get(userId);
      const paused = state?.pausedUntil && state.pausedUntil > now ? state.pausedUntil : null;
      const dto: AgentStateDto = {
        presence: state?.presence ?? 'offline',
        pausedUntil: paused?.toISOString() ?? null,
        pauseReasonId: paused ? state!.pauseReasonId : null,
        activeCount: active.get(userId) ?? 0,
        maxConversations: maxOf.get(userId) ?? 0,
      };
      return [userId, dto];
    }),
  );
}

const present = async (db: Executor, workspaceId: string, userId: string) => (await presentMany(db, workspaceId, [userId])).get(userId)!;

function agentOf(ctx: Ctx): string {
  if (!ctx.actor?.userId) throw new AppError(403, 'forbidden', 'Only users serve conversations');
  return ctx.actor.userId;
}

export const getAgentState = (ctx: Ctx) => present(ctx.db, ctx.workspaceId, agentOf(ctx));
export const getAgentStatesFor = (db: Executor, workspaceId: string, userIds: string[]) => presentMany(db, workspaceId, userIds);

async function announce(tx: Executor, workspaceId: string, userId: string) {
  await emitEvent(tx, { workspaceId, type: 'agent.updated', payload: { userId } });
}

/**
 * ROUTE-3 "redirect on disconnect": an agent going offline gives back every conversation in
 * service — to its group's queue when the group says so (keeping its place), else it closes.
 */
export async function releaseAgentConversations(tx: Executor, workspaceId: string, userId: string, reason: string) {
  const open = await activeConversationsOf(tx, workspaceId, userId);
  const groups = new Set<string>();
  const redirects = new Map<string, boolean>();
  for (const c of open) {
    if (!redirects.has(c.serviceGroupId)) {
      const g = await repo.groupForRouting(tx, workspaceId, c.serviceGroupId);
      redirects.set(c.serviceGroupId, g?.group.settings.redirectOnDisconnect ?? true);
    }
    const redirect = redirects.get(c.serviceGroupId)!;
    if (redirect) {
      await updateConversation(tx, workspaceId, c.id, { status: 'queued', assigneeId: null });
      groups.add(c.serviceGroupId);
    } else {
      await updateConversation(tx, workspaceId, c.id, { status: 'closed', assigneeId: null, closedAt: new Date() });
    }
    await insertEvents(tx, [
      { workspaceId, conversationId: c.id, type: redirect ? 'requeued' : 'closed', fromUserId: userId, data: { reason } },
    ]);
    await emitEvent(tx, { workspaceId, type: 'conversation.released', payload: { conversationId: c.id, previousAssigneeId: userId } });
  }
  await requestRouting(tx, workspaceId, [...groups], 'agent_released');
}

export const setPresence = (ctx: Ctx, status: 'online' | 'offline') => setPresenceOf(ctx.db, ctx.workspaceId, agentOf(ctx), status);

/** Going online asks for routing; going offline gives the agent's conversations back. */
export async function setPresenceOf(db: Db, workspaceId: string, userId: string, status: 'online' | 'offline') {
  await db.transaction(async (tx) => {
    const before = await repo.lockOwnState(tx, workspaceId, userId);
    if (status === 'online') {
      await repo.updateAgentState(tx, workspaceId, userId, { presence: 'online', onlineSince: before.presence === 'online' ? before.onlineSince : new Date() });
      await requestRoutingForAgent(tx, workspaceId, userId, 'agent_online');
    } else if (before.presence === 'online') {
      await repo.updateAgentState(tx, workspaceId, userId, { presence: 'offline', onlineSince: null, pausedUntil: null, pauseReasonId: null });
      await releaseAgentConversations(tx, workspaceId, userId, 'agent_offline');
    }
    await announce(tx, workspaceId, userId);
  });
  return present(db, workspaceId, userId);
}

/** ROUTE-7: a pause for the reason's minutes (15 without a reason), resumed by a durable timer. */
export async function pause(ctx: Ctx, deps: Deps, reasonId: string | undefined) {
  const userId = agentOf(ctx);
  let minutes = PAUSE_DEFAULT_MINUTES;
  if (reasonId) {
    const [reason] = await ctx.db
      .select()
      .from(pauseReasons)
      .where(and(eq(pauseReasons.workspaceId, ctx.workspaceId), eq(pauseReasons.id, reasonId), eq(pauseReasons.status, 'active')));
    if (!reason) throw validationFailed([{ path: 'reasonId', message: 'pause reason not found' }]);
    minutes = reason.minutes;
  }
  const until = new Date(Date.now() + minutes * 60_000);
  await ctx.db.transaction(async (tx) => {
    const state = await repo.lockOwnState(tx, ctx.workspaceId, userId);
    if (state.presence !== 'online') throw new AppError(409, 'conflict', 'Go online before pausing', [{ path: 'status', message: 'offline' }]);
    await repo.updateAgentState(tx, ctx.workspaceId, userId, { pausedUntil: until, pauseReasonId: reasonId ?? null });
    await announce(tx, ctx.workspaceId, userId);
  });
  await deps.jobs.rearm(PAUSE_END_JOB, userId, { workspaceId: ctx.workspaceId, userId }, { startAfter: until });
  return present(ctx.db, ctx.workspaceId, userId);
}

export async function resume(ctx: Ctx, deps: Deps) {
  const userId = agentOf(ctx);
  await endPause(ctx.db, ctx.workspaceId, userId, true);
  await deps.jobs.cancelKey(PAUSE_END_JOB, userId);
  return present(ctx.db, ctx.workspaceId, userId);
}

/** Ends a pause (by the agent, or by its timer once due) and lets routing use the agent again. */
export async function endPause(db: Db, workspaceId: string, userId: string, early: boolean) {
  await db.transaction(async (tx) => {
    const state = await repo.lockOwnState(tx, workspaceId, userId);
    if (!state.pausedUntil) return;
    // A timer that fires after the agent paused again must not cut the new pause short.
    if (!early && state.pausedUntil.getTime() > Date.now() + 1000) return;
    await repo.updateAgentState(tx, workspaceId, userId, { pausedUntil: null, pauseReasonId: null });
    await requestRoutingForAgent(tx, workspaceId, userId, 'pause_ended');
    await announce(tx, workspaceId, userId);
  });
}
