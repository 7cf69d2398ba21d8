import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { MessageStatus } from '@contracts/serving';
import type { Executor } from '../../platform/db/client';
import { attachments } from '../attachments/attachment.schema';
import { users } from '../users/user.schema';
import { conversations, messages } from './conversation.schema';

export type MessageRow = typeof messages.$inferSelect;

/** Messages with their author's name and attachment summary. */
function selectMessageViews(db: Executor) {
  return db
    .select({
      m: messages,
      authorName: users.displayName,
      attachment: { id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size },
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(attachments, eq(attachments.id, messages.attachmentId));
}
export type MessageView = Awaited<ReturnType<ReturnType<typeof selectMessageViews>['execute']>>[number];

export async function findMessageView(db: Executor, workspaceId: string, id: string): Promise<MessageView | null> {
  const [row] = await selectMessageViews(db).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id)));
  return row ?? null;
}

export async function findMessageViews(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, MessageView>> {
  if (ids.length === 0) return new Map();
  const rows = await selectMessageViews(db).where(and(eq(messages.workspaceId, workspaceId), inArray(messages.id, ids)));
  return new Map(rows.map((r) => [r.m.id, r]));
}

/** A page of a conversation's messages, newest first from `before` (the caller reverses). */
export async function listMessageViews(db: Executor, workspaceId: string, conversationId: string, limit: number, before: MessageRow | null) {
  return selectMessageViews(db)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        before
          ? or(lt(messages.createdAt, before.createdAt), and(eq(messages.createdAt, before.createdAt), lt(messages.id, before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
}

export async function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | null> {
  const [row] = await db.select().from(messages).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id))).limit(1);
  return row ?? null;
}

export async function findByExternalId(db: Executor, workspaceId: string, channelId: string, externalId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.channelId, channelId), eq(messages.externalId, externalId)))
    .limit(1);
  return row ?? null;
}

export async function findByClientId(db: Executor, workspaceId: string, conversationId: string, clientMessageId: string) {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.clientMessageId, clientMessageId)))
    .limit(1);
  return row ?? null;
}

export async function insertMessage(tx: Executor, values: typeof messages.$inferInsert): Promise<MessageRow> {
  const [row] = await tx.insert(messages).values(values).returning();
  return row;
}

/** Many rows in one INSERT, returned in the order given (ids chosen here, not by RETURNING's order). */
export async function insertMessages(tx: Executor, values: (typeof messages.$inferInsert)[]): Promise<MessageRow[]> {
  if (values.length === 0) return [];
  const ids = values.map((v) => v.id ?? randomUUID());
  const rows = await tx.insert(messages).values(values.map((v, n) => ({ ...v, id: ids[n] }))).returning();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Messages of a channel by provider id (dedupe and reply context of an inbound batch). */
export async function findByExternalIds(db: Executor, workspaceId: string, channelId: string, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, MessageRow>();
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.channelId, channelId), inArray(messages.externalId, [...new Set(externalIds)])));
  return new Map(rows.map((r) => [r.externalId!, r]));
}

const ORDER: Record<MessageStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1 };

/**
 * Moves a message's status forward only (queued < sent < delivered < read; failed from
 * queued or sent): late or repeated provider callbacks never move it back.
 */
export async function advanceStatus(
  tx: Executor,
  workspaceId: string,
  id: string,
  status: MessageStatus,
  extra: { error?: { code: string; title: string } | null; externalId?: string | null } = {},
): Promise<MessageRow | null> {
  const allowedFrom = (Object.keys(ORDER) as MessageStatus[]).filter((s) =>
    status === 'failed' ? s === 'queued' || s === 'sent' : s !== 'failed' && ORDER[s] < ORDER[status],
  );
  const [row] = await tx
    .update(messages)
    .set({ status, updatedAt: sql`now()`, ...(extra.error !== undefined ? { error: extra.error } : {}), ...(extra.externalId ? { externalId: extra.externalId } : {}) })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id), inArray(messages.status, allowedFrom)))
    .returning();
  return row ?? null;
}

/** Marks the customer's messages of a conversation read (the agent opened it). */
export async function markInboundRead(tx: Executor, workspaceId: string, conversationId: string) {
  await tx
    .update(messages)
    .set({ status: 'read', updatedAt: sql`now()` })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.direction, 'in'), inArray(messages.status, ['queued', 'sent', 'delivered'])));
}

/** What a web chat visitor sees: the contact's messages on a channel, notes excluded, oldest first. */
export async function listContactMessageViews(
  db: Executor,
  q: { workspaceId: string; channelId: string; contactId: string; after: MessageRow | null; limit: number },
) {
  return selectMessageViews(db)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.workspaceId, q.workspaceId),
        eq(conversations.channelId, q.channelId),
        eq(conversations.contactId, q.contactId),
        eq(messages.kind, 'message'),
        q.after ? or(gt(messages.createdAt, q.after.createdAt), and(eq(messages.createdAt, q.after.createdAt), gt(messages.id, q.after.id))) : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(q.limit);
}
