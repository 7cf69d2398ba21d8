import { and, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { ConversationStatus } from '@contracts/serving';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db/client';
import { timersOf } from '../../platform/timers/timers';
import { emitEvent } from '../../platform/events/outbox';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors';
import { can } from '@contracts/permissions';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { users } from '../users/user.schema';
import { findContact, mergeContacts } from '../contacts';
import { serviceGroups, serviceGroupTransfers } from '../service-groups/service-group.schema';
import { agentStates } from '../routing/agent-state.schema';
import { lockAgentStates, groupIdsOfUser } from '../routing/routing.repository';
import { requestRouting } from '../routing/routing.service';
import { assertCanAct, assertCanView, servesContact, supervises } from './conversation.access';
import { classificationAllowed } from './classification-check';
import * as repo from './conversation.repository';
import { markInboundRead } from './message.repository';
import { presentConversation } from './conversation.presenter';

/** Conversation reads: agents (their own) and supervisors (all). */
export function assertMayRead(ctx: Ctx) {
  if (!ctx.actor || !(can(ctx.actor.role, 'serving.use') || supervises(ctx))) throw forbidden();
}

export async function getConversationDto(ctx: Ctx, id: string) {
  assertMayRead(ctx);
  const v = await repo.findConversationView(ctx.db, ctx.workspaceId, id);
  if (!v) throw notFound('Conversation');
  await assertCanView(ctx, v.c);
  const timers = await timersOf(ctx.db, ctx.workspaceId, [id]);
  return { ...presentConversation(v), timers: timers.map((t) => ({ kind: t.kind, dueAt: t.dueAt.toISOString() })) };
}

/** After acting on it, the actor gets the conversation back even if it left them. */
async function afterAction(ctx: Ctx, id: string) {
  return presentConversation((await repo.findConversationView(ctx.db, ctx.workspaceId, id))!);
}

export async function listConversations(
  ctx: Ctx,
  q: { status?: string; assigneeId?: string; serviceGroupId?: string; contactId?: string; q?: string; limit: number; cursor?: string },
) {
  assertMayRead(ctx);
  const statuses = q.status?.split(',').map((s) => s.trim()).filter(Boolean) as ConversationStatus[] | undefined;
  let assigneeId = q.assigneeId;
  let closedById: string | undefined;
  if (!supervises(ctx)) {
    // An agent lists their own conversations — pending ones are those they closed to
    // pending, which left them (AGENT-4) — or the history of a contact they serve.
    const history = q.contactId && (await servesContact(ctx, q.contactId));
    const me = ctx.actor!.userId!;
    if (!history && statuses?.length === 1 && statuses[0] === 'pending') {
      assigneeId = undefined;
      closedById = me;
    } else if (!history) assigneeId = me;
  }
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listConversationViews(ctx.db, ctx.workspaceId, { ...q, statuses, assigneeId, closedById, after });
  const pageRows = pageOf(rows, q.limit, (r) => [(r.c.lastMessageAt ?? r.c.createdAt).toISOString(), r.c.id]);
  return { items: pageRows.items.map(presentConversation), nextCursor: pageRows.nextCursor };
}

async function lockForAction(ctx: Ctx, tx: Parameters<Parameters<Ctx['db']['transaction']>[0]>[0], id: string) {
  const c = await repo.lockConversation(tx, ctx.workspaceId, id);
  if (!c) throw notFound('Conversation');
  await assertCanView({ ...ctx, db: ctx.db }, c);
  assertCanAct(ctx, c);
  return c;
}

export async function markRead(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const c = await lockForAction(ctx, tx, id);
    if (c.unreadCount === 0) return;
    await repo.updateConversation(tx, ctx.workspaceId, id, { unreadCount: 0 });
    await markInboundRead(tx, ctx.workspaceId, id);
    await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.updated', payload: { conversationId: id } });
    // Channels with read receipts (WhatsApp) tell the customer.
    await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.read', payload: { conversationId: id, channelId: c.channelId } });
  });
}

/**
 * AGENT-4: close into *pending* (waits for the customer; a message within 24 h reopens it)
 * or *closed* (the next message starts a new conversation). Either way it leaves the agent,
 * whose freed capacity triggers routing.
 */
export async function closeConversation(ctx: Ctx, id: string, input: { folder: 'pending' | 'closed'; classificationId?: string | null; comment?: string | null }) {
  await ctx.db.transaction(async (tx) => {
    const c = await lockForAction(ctx, tx, id);
    if (!['active', 'queued', 'pending'].includes(c.status) || (c.status === 'pending' && input.folder === 'pending')) {
      throw conflict(`A ${c.status} conversation cannot be closed to ${input.folder}`, [{ path: 'folder', message: `conversation is ${c.status}` }]);
    }
    const [group] = await tx.select().from(serviceGroups).where(and(eq(serviceGroups.workspaceId, ctx.workspaceId), eq(serviceGroups.id, c.serviceGroupId)));
    if (input.classificationId) {
      if (!(await classificationAllowed(tx, ctx.workspaceId, group.classificationId, input.classificationId))) {
        throw validationFailed([{ path: 'classificationId', message: 'not a classification of this group' }]);
      }
    } else if (group.classificationRequired) {
      throw validationFailed([{ path: 'classificationId', message: 'this group requires a classification' }]);
    }
    await repo.updateConversation(tx, ctx.workspaceId, id, {
      status: input.folder,
      assigneeId: null,
      closedAt: new Date(),
      closedById: ctx.actor?.userId ?? null,
      classificationId: input.classificationId ?? null,
      closeComment: input.comment ?? null,
    });
    await repo.insertEvents(tx, [
      { workspaceId: ctx.workspaceId, conversationId: id, type: input.folder === 'pending' ? 'closed_pending' : 'closed', actorUserId: ctx.actor?.userId, fromUserId: c.assigneeId, data: { classificationId: input.classificationId ?? null } },
    ]);
    await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.released', payload: { conversationId: id, previousAssigneeId: c.assigneeId } });
    await freeCapacity(tx, ctx.workspaceId, c.assigneeId);
  });
  return afterAction(ctx, id);
}

/** The agent who let a conversation go has room again: route their groups, refresh their load. */
async function freeCapacity(tx: Tx, workspaceId: string, userId: string | null) {
  if (!userId) return;
  await requestRouting(tx, workspaceId, await groupIdsOfUser(tx, workspaceId, userId), 'capacity_freed');
  await emitEvent(tx, { workspaceId, type: 'agent.updated', payload: { userId } });
}

/** ROUTE-8: to an agent (online; paused only where the group allows) or to an allowed group. */
export async function transferConversation(ctx: Ctx, id: string, input: { agentId?: string; serviceGroupId?: string }) {
  await ctx.db.transaction(async (tx) => {
    const c = await lockForAction(ctx, tx, id);
    if (!['active', 'queued'].includes(c.status)) throw conflict(`A ${c.status} conversation cannot be transferred`);
    const [group] = await tx.select().from(serviceGroups).where(and(eq(serviceGroups.workspaceId, ctx.workspaceId), eq(serviceGroups.id, c.serviceGroupId)));
    if (input.agentId) {
      if (input.agentId === c.assigneeId) throw validationFailed([{ path: 'agentId', message: 'already serving this conversation' }]);
      const [target] = await tx
        .select()
        .from(users)
        .where(and(eq(users.workspaceId, ctx.workspaceId), eq(users.id, input.agentId), eq(users.status, 'active'), inArray(users.role, ['agent', 'supervisor_agent'])));
      if (!target) throw validationFailed([{ path: 'agentId', message: 'agent not found' }]);
      const state = (await lockAgentStates(tx, ctx.workspaceId, [target.id])).get(target.id);
      const paused = !!state?.pausedUntil && state.pausedUntil > new Date();
      if (state?.presence !== 'online') throw validationFailed([{ path: 'agentId', message: 'agent is offline' }]);
      if (paused && !group.settings.transferToPaused) throw validationFailed([{ path: 'agentId', message: 'agent is paused' }]);
      const load = (await repo.activeCounts(tx, ctx.workspaceId, [target.id])).get(target.id) ?? 0;
      if (load >= target.maxConversations) throw validationFailed([{ path: 'agentId', message: 'agent is at the simultaneous limit' }]);
      await repo.updateConversation(tx, ctx.workspaceId, id, { status: 'active', assigneeId: target.id, assignedAt: new Date() });
      await repo.insertEvents(tx, [{ workspaceId: ctx.workspaceId, conversationId: id, type: 'transferred', actorUserId: ctx.actor?.userId, fromUserId: c.assigneeId, toUserId: target.id }]);
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.assigned', payload: { conversationId: id, assigneeId: target.id, previousAssigneeId: c.assigneeId } });
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'agent.updated', payload: { userId: target.id } });
    } else if (input.serviceGroupId) {
      const [allowed] = await tx
        .select()
        .from(serviceGroupTransfers)
        .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupTransfers.targetGroupId))
        .where(
          and(
            eq(serviceGroupTransfers.workspaceId, ctx.workspaceId),
            eq(serviceGroupTransfers.serviceGroupId, c.serviceGroupId),
            eq(serviceGroupTransfers.targetGroupId, input.serviceGroupId),
            eq(serviceGroups.status, 'active'),
          ),
        );
      if (!allowed) throw validationFailed([{ path: 'serviceGroupId', message: 'transfers to this group are not allowed from this group' }]);
      await repo.updateConversation(tx, ctx.workspaceId, id, { status: 'queued', assigneeId: null, serviceGroupId: input.serviceGroupId, queuedAt: new Date() });
      await repo.insertEvents(tx, [
        { workspaceId: ctx.workspaceId, conversationId: id, type: 'transferred', actorUserId: ctx.actor?.userId, fromUserId: c.assigneeId, fromGroupId: c.serviceGroupId, toGroupId: input.serviceGroupId },
      ]);
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.released', payload: { conversationId: id, previousAssigneeId: c.assigneeId } });
      await requestRouting(tx, ctx.workspaceId, [input.serviceGroupId], 'transfer');
    } else {
      throw validationFailed([{ path: 'agentId', message: 'give agentId or serviceGroupId' }]);
    }
    await freeCapacity(tx, ctx.workspaceId, c.assigneeId);
  });
  return afterAction(ctx, id);
}

/** Who and where a conversation can be transferred to, for the transfer dialog. */
export async function transferOptions(ctx: Ctx, id: string, q: { q?: string; onlineOnly?: boolean }) {
  const v = await repo.findConversationView(ctx.db, ctx.workspaceId, id);
  if (!v) throw notFound('Conversation');
  await assertCanView(ctx, v.c);
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const agents = await ctx.db
    .select({ id: users.id, displayName: users.displayName, maxConversations: users.maxConversations, presence: agentStates.presence, pausedUntil: agentStates.pausedUntil })
    .from(users)
    .leftJoin(agentStates, and(eq(agentStates.workspaceId, users.workspaceId), eq(agentStates.userId, users.id)))
    .where(
      and(
        eq(users.workspaceId, ctx.workspaceId),
        eq(users.status, 'active'),
        inArray(users.role, ['agent', 'supervisor_agent']),
        like ? ilike(users.displayName, like) : undefined,
        q.onlineOnly ? eq(agentStates.presence, 'online') : undefined,
        v.c.assigneeId ? sql`${users.id} <> ${v.c.assigneeId}` : undefined,
      ),
    )
    .orderBy(users.displayName)
    .limit(100);
  const load = await repo.activeCounts(ctx.db, ctx.workspaceId, agents.map((a) => a.id));
  const groups = await ctx.db
    .select({ id: serviceGroups.id, name: serviceGroups.name })
    .from(serviceGroupTransfers)
    .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupTransfers.targetGroupId))
    .where(and(eq(serviceGroupTransfers.workspaceId, ctx.workspaceId), eq(serviceGroupTransfers.serviceGroupId, v.c.serviceGroupId), eq(serviceGroups.status, 'active')))
    .orderBy(serviceGroups.name);
  const now = new Date();
  return {
    agents: agents.map((a) => ({
      id: a.id,
      displayName: a.displayName,
      presence: (a.presence ?? 'offline') as 'online' | 'offline',
      paused: !!a.pausedUntil && a.pausedUntil > now,
      activeCount: load.get(a.id) ?? 0,
      maxConversations: a.maxConversations,
    })),
    serviceGroups: groups,
  };
}

export async function contactTimeline(ctx: Ctx, contactId: string) {
  if (!(await findContact(ctx.db, ctx.workspaceId, contactId))) throw notFound('Contact');
  if (!supervises(ctx) && !(await servesContact(ctx, contactId))) {
    // Agents see the history of contacts they serve (CONT-4); the contact itself is not secret.
    throw new AppError(404, 'not_found', 'Contact not found');
  }
  const r = await repo.contactTimeline(ctx.db, ctx.workspaceId, contactId, 200);
  return r.rows.map((t) => ({
    conversationId: t.conversation_id,
    protocol: t.protocol,
    channelType: t.channel_type,
    channelName: t.channel_name,
    status: t.status,
    serviceGroupName: t.service_group_name,
    assigneeName: t.assignee_name,
    classificationName: t.classification_name,
    createdAt: new Date(t.created_at).toISOString(),
    closedAt: t.closed_at ? new Date(t.closed_at).toISOString() : null,
    messageCount: t.message_count,
  }));
}

/** CONT-6: an agent tells who the customer really is; their contact (and number) joins that one. */
export async function linkContact(ctx: Ctx, id: string, contactId: string) {
  const c = await repo.getConversation(ctx.db, ctx.workspaceId, id);
  if (!c) throw notFound('Conversation');
  await assertCanView(ctx, c);
  assertCanAct(ctx, c);
  if (c.contactId !== contactId) await mergeContacts(ctx, contactId, c.contactId);
  return afterAction(ctx, id);
}
