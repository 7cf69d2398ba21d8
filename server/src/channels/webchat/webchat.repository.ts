import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { channels } from '../../modules/channels/channel.schema';
import { serviceGroupAgents } from '../../modules/service-groups/service-group.schema';
import { users } from '../../modules/users/user.schema';
import { agentStates } from '../../modules/routing/agent-state.schema';
import { conversations, messages } from '../../modules/conversations/conversation.schema';
import { webchatVisitors } from './webchat.schema';

export type VisitorRow = typeof webchatVisitors.$inferSelect;

export async function insertVisitor(tx: Executor, values: typeof webchatVisitors.$inferInsert): Promise<VisitorRow> {
  const [row] = await tx.insert(webchatVisitors).values(values).returning();
  return row;
}

/** Seen more recently than this, a visitor's `last_seen_at` is not written again. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * By token alone (the widget's token is its only credential and names its workspace), with
 * whether its channel still serves: one query for every widget request and socket.
 */
export async function findVisitorByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ visitor: webchatVisitors, channelType: channels.type, channelStatus: channels.status })
    .from(webchatVisitors)
    .innerJoin(channels, and(eq(channels.workspaceId, webchatVisitors.workspaceId), eq(channels.id, webchatVisitors.channelId)))
    .where(eq(webchatVisitors.tokenHash, tokenHash))
    .limit(1);
  return row ? { ...row.visitor, channelServes: row.channelType === 'webchat' && row.channelStatus === 'active' } : null;
}

/** At most once a minute per visitor: a busy widget must not write on every request. */
export async function touchVisitor(db: Executor, workspaceId: string, id: string) {
  await db
    .update(webchatVisitors)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(webchatVisitors.workspaceId, workspaceId),
        eq(webchatVisitors.id, id),
        or(isNull(webchatVisitors.lastSeenAt), lt(webchatVisitors.lastSeenAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

// The reads below cross into other modules' tables on purpose: they answer public,
// unauthenticated requests of the widget and the demo, which must cost one query each.

/**
 * Whether someone can answer now: a member agent of the group who is online and not paused
 * (the widget's online dot and offline notice).
 */
export async function groupHasAgentOnline(db: Executor, workspaceId: string, serviceGroupId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(serviceGroupAgents)
    .innerJoin(users, and(eq(users.id, serviceGroupAgents.userId), eq(users.workspaceId, workspaceId)))
    .innerJoin(agentStates, and(eq(agentStates.workspaceId, workspaceId), eq(agentStates.userId, serviceGroupAgents.userId)))
    .where(
      and(
        eq(serviceGroupAgents.workspaceId, workspaceId),
        eq(serviceGroupAgents.serviceGroupId, serviceGroupId),
        eq(users.status, 'active'),
        inArray(users.role, ['agent', 'supervisor_agent']),
        eq(agentStates.presence, 'online'),
        or(isNull(agentStates.pausedUntil), lt(agentStates.pausedUntil, sql`now()`)),
      ),
    )
    .limit(1);
  return !!row;
}

/** The demo page's default: the oldest active web chat channel of the installation. */
export async function firstActiveWebchatChannelId(db: Executor): Promise<string | null> {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.type, 'webchat'), eq(channels.status, 'active')))
    .orderBy(asc(channels.createdAt), asc(channels.id))
    .limit(1);
  return row?.id ?? null;
}

const conversationOfMessage = (workspaceId: string) => and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, messages.conversationId));

/** Messages (joined to their conversation) of the contact's conversations on the web chat channel: what its visitor may see. */
const ofVisitorChats = (q: { workspaceId: string; channelId: string; contactId: string }) =>
  and(eq(messages.workspaceId, q.workspaceId), eq(conversations.channelId, q.channelId), eq(conversations.contactId, q.contactId));

/**
 * Whether an attachment was sent in one of the contact's conversations on the channel
 * (notes excluded): a visitor may open the files of its own chat, nothing else.
 */
export async function attachmentInContactChat(
  db: Executor,
  q: { workspaceId: string; channelId: string; contactId: string; attachmentId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(messages)
    .innerJoin(conversations, conversationOfMessage(q.workspaceId))
    .where(and(ofVisitorChats(q), eq(messages.attachmentId, q.attachmentId), eq(messages.kind, 'message')))
    .limit(1);
  return !!row;
}

/**
 * Which of these ids are company messages (not notes) of the contact's conversations on the
 * channel, in id order (the order their status updates lock them): what a visitor may
 * acknowledge.
 */
export async function visitorOutgoingMessageIds(
  db: Executor,
  q: { workspaceId: string; channelId: string; contactId: string; messageIds: string[] },
): Promise<string[]> {
  if (q.messageIds.length === 0) return [];
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .innerJoin(conversations, conversationOfMessage(q.workspaceId))
    .where(and(ofVisitorChats(q), inArray(messages.id, q.messageIds), eq(messages.direction, 'out'), eq(messages.kind, 'message')))
    .orderBy(asc(messages.id));
  return rows.map((r) => r.id);
}
