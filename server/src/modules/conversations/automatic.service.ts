import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { emitEvents } from '../../platform/events/outbox';
import { requestRouting } from '../routing/routing.service';
import { groupIdsOfUsers } from '../routing/routing.repository';
import * as repo from './conversation.repository';
import * as messages from './message.repository';
import { previewOf } from './conversation.presenter';
import { conversations } from './conversation.schema';
import { anyOf } from '../../platform/db/any-of';

export interface AutomaticMessage {
  conversationId: string;
  text: string;
  /** Why it was sent: greeting, out_of_hours, no_agent, wait, inactivity_warning … */
  purpose: string;
}

/**
 * Messages the company sends by itself (CHAN-6, ROUTE-4/5/6): stored as company messages with no
 * author, so they show in the transcript, and delivered through the channel like an agent's.
 * A closed 24 h window cannot take free text: those are skipped (and reported back).
 */
/**
 * A reply is never older than what it answers: the handler's clock (the database's for outbox
 * events) may lag the clock that stamped the customer's message by a few milliseconds.
 */
const after = (last: Date | null, now: Date) => (last && last >= now ? new Date(last.getTime() + 1) : now);

export async function sendAutomaticMessages(tx: Executor, workspaceId: string, list: AutomaticMessage[], now: Date) {
  if (list.length === 0) return { sent: [] as string[], skipped: [] as string[] };
  const rows = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, [...new Set(list.map((m) => m.conversationId))])));
  const byId = new Map(rows.map((c) => [c.id, c]));
  const open = list.filter((m) => {
    const c = byId.get(m.conversationId);
    return c && (!c.windowExpiresAt || c.windowExpiresAt > now);
  });
  const inserted = await messages.insertMessages(
    tx,
    open.map((m) => ({
      workspaceId,
      conversationId: m.conversationId,
      channelId: byId.get(m.conversationId)!.channelId,
      direction: 'out' as const,
      kind: 'message' as const,
      authorUserId: null,
      text: m.text,
      contentType: 'text',
      content: { automatic: m.purpose },
      status: 'queued' as const,
      createdAt: after(byId.get(m.conversationId)!.lastMessageAt, now),
    })),
  );
  await repo.recordCompanyMessages(tx, workspaceId, inserted.map((m) => ({ conversationId: m.conversationId, at: m.createdAt, preview: previewOf(m.text) })));
  await emitEvents(
    tx,
    inserted.map((m) => ({ workspaceId, type: 'message.created', payload: { messageId: m.id, conversationId: m.conversationId, direction: 'out', kind: 'message', automatic: true } })),
  );
  const sent = new Set(open.map((m) => m.conversationId));
  return { sent: [...sent], skipped: list.filter((m) => !sent.has(m.conversationId)).map((m) => m.conversationId) };
}

/** Where the clock takes a conversation (ROUTE-3/4), from which statuses, and what the history says. */
const CLOCK_MOVES = {
  /** Inactivity timeout. */
  close: { from: ['queued', 'active'], status: 'closed', event: 'closed' },
  /** No customer interaction for the group's minutes. */
  pending: { from: ['active'], status: 'pending', event: 'closed_pending' },
  /** The agent did not answer in time: back to the queue (keeping its place), never to that agent again. */
  requeue: { from: ['active'], status: 'queued', event: 'requeued' },
} as const;
export type ClockMove = keyof typeof CLOCK_MOVES;

/**
 * Conversations the clock moves (inactivity close, automatic pending, unanswered redistribution),
 * in one UPDATE whatever their number. The agent's capacity frees and their groups (and, for a
 * redistribution, the conversation's own) route again, as when an agent acts.
 */
export async function moveByClock(tx: Executor, workspaceId: string, ids: string[], now: Date, move: ClockMove, reason: string): Promise<repo.ConversationRow[]> {
  if (ids.length === 0) return [];
  const rule = CLOCK_MOVES[move];
  const open = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), anyOf(conversations.id, ids, 'uuid'), inArray(conversations.status, [...rule.from])))
    .for('update');
  if (open.length === 0) return [];
  const changes =
    move === 'requeue'
      ? {
          queuedAt: sql`coalesce(${conversations.queuedAt}, ${now})`,
          excludedAgentIds: sql`case when ${conversations.assigneeId} is null or ${conversations.assigneeId} = any(${conversations.excludedAgentIds})
            then ${conversations.excludedAgentIds} else array_append(${conversations.excludedAgentIds}, ${conversations.assigneeId}) end`,
        }
      : { closedAt: now, closedById: null, closeComment: null };
  await tx
    .update(conversations)
    .set({ status: rule.status, assigneeId: null, updatedAt: now, ...changes })
    .where(and(eq(conversations.workspaceId, workspaceId), anyOf(conversations.id, open.map((c) => c.id), 'uuid')));
  await repo.insertEvents(
    tx,
    open.map((c) => ({ workspaceId, conversationId: c.id, type: rule.event, fromUserId: c.assigneeId, data: { reason } })),
  );
  const agents = [...new Set(open.flatMap((c) => (c.assigneeId ? [c.assigneeId] : [])))];
  await emitEvents(tx, [
    ...open.map((c) => ({ workspaceId, type: 'conversation.released', payload: { conversationId: c.id, previousAssigneeId: c.assigneeId } })),
    ...agents.map((userId) => ({ workspaceId, type: 'agent.updated', payload: { userId } })),
  ]);
  const groups = await groupIdsOfUsers(tx, workspaceId, agents);
  if (move === 'requeue') groups.push(...open.map((c) => c.serviceGroupId));
  await requestRouting(tx, workspaceId, groups, move === 'requeue' ? 'redistribution' : 'capacity_freed');
  return open;
}
