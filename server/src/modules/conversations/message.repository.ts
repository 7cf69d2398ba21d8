import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { MessageStatus } from '@contracts/serving';
import type { Executor } from '../../platform/db/client';
import { insertJsonRows } from '../../platform/db/json-rows';
import { attachments } from '../attachments/attachment.schema';
import { users } from '../users/user.schema';
import { conversations, messages } from './conversation.schema';
import { anyOf } from '../../platform/db/any-of';

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
  const rows = await selectMessageViews(db).where(and(eq(messages.workspaceId, workspaceId), anyOf(messages.id, [...new Set(ids)], 'uuid')));
  return new Map(rows.map((r) => [r.m.id, r]));
}

/**
 * The cursor message's (created_at, id) as stored, for a keyset row comparison: one index range that
 * stops after the page (an OR of "older, or same time and smaller id" made PostgreSQL fetch every
 * older message and sort them — a cost that grew with the conversation and with the table), and
 * the stored microseconds, which a JS Date would round to milliseconds and so skip messages.
 */
const cursorOf = (workspaceId: string, id: string) =>
  sql`(select c.created_at, c.id from messages c where c.workspace_id = ${workspaceId} and c.id = ${id})`;

/**
 * A page of a conversation's messages, newest first from `before` (the caller reverses). The page
 * is cut in a subquery, so PostgreSQL reads exactly the page from the index and joins authors and
 * attachments to those rows only: planned as one query, a conversation's length was estimated from
 * the average one (~20), and a long conversation was read, joined and sorted whole for each page.
 */
export async function listMessageViews(db: Executor, workspaceId: string, conversationId: string, limit: number, before: MessageRow | null) {
  const page = db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        before ? sql`(${messages.createdAt}, ${messages.id}) < ${cursorOf(workspaceId, before.id)}` : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1)
    .as('page');
  const m = Object.fromEntries(Object.keys(getTableColumns(messages)).map((k) => [k, page[k as keyof typeof page]])) as unknown as typeof messages._.columns;
  return db
    .select({
      m,
      authorName: users.displayName,
      attachment: { id: attachments.id, fileName: attachments.fileName, mimeType: attachments.mimeType, size: attachments.size },
    })
    .from(page)
    .leftJoin(users, eq(users.id, page.authorUserId))
    .leftJoin(attachments, eq(attachments.id, page.attachmentId))
    .orderBy(desc(page.createdAt), desc(page.id));
}

export async function findMessage(db: Executor, workspaceId: string, id: string): Promise<MessageRow | null> {
  const [row] = await db.select().from(messages).where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id))).limit(1);
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
  // The inbound hot path: hundreds of rows at a time (see json-rows.ts).
  const rows = await insertJsonRows(tx, messages, values.map((v, n) => ({ ...v, id: ids[n] })), { returning: true });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Messages of a channel by provider id (dedupe and reply context of an inbound batch). */
export async function findByExternalIds(db: Executor, workspaceId: string, channelId: string, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, MessageRow>();
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.channelId, channelId), anyOf(messages.externalId, [...new Set(externalIds)], 'text')));
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
  const allowedFrom = (Object.keys(ORDER) as MessageStatus[]).filter((from) => mayMove(from, status));
  const [row] = await tx
    .update(messages)
    .set({ status, updatedAt: sql`now()`, ...(extra.error !== undefined ? { error: extra.error } : {}), ...(extra.externalId ? { externalId: extra.externalId } : {}) })
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.id, id), inArray(messages.status, allowedFrom)))
    .returning();
  return row ?? null;
}

/** What a batch of provider callbacks asks for one message, in arrival order. */
export interface StatusUpdate {
  externalId: string;
  status: MessageStatus;
  error?: { code: string; title: string } | null;
}

/**
 * `advanceStatus` for many provider callbacks of one channel: one locking read and one update,
 * each message moved as far as its callbacks allow, in their order. Returns the messages that
 * changed and the external ids no message has (yet).
 */
export async function advanceStatuses(tx: Executor, workspaceId: string, channelId: string, updates: StatusUpdate[]) {
  const wanted = [...new Set(updates.map((u) => u.externalId))];
  if (wanted.length === 0) return { changed: [] as { id: string; conversationId: string }[], missing: [] as string[] };
  const rows = await tx
    .select({ id: messages.id, externalId: messages.externalId, status: messages.status, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.channelId, channelId), anyOf(messages.externalId, wanted, 'text')))
    // One lock order for everyone: concurrent batches cannot deadlock.
    .orderBy(asc(messages.id))
    .for('update');
  const byExternal = new Map(rows.map((r) => [r.externalId!, { ...r, from: r.status, error: undefined as StatusUpdate['error'] | undefined }]));
  for (const u of updates) {
    const m = byExternal.get(u.externalId);
    if (!m || !mayMove(m.status, u.status)) continue;
    m.status = u.status;
    if (u.error !== undefined) m.error = u.error;
  }
  const moved = [...byExternal.values()].filter((m) => m.status !== m.from);
  if (moved.length) {
    const values = sql`unnest(${sql.param(moved.map((m) => m.id))}::uuid[], ${sql.param(moved.map((m) => m.status))}::text[],
      ${sql.param(moved.map((m) => (m.error === undefined ? null : JSON.stringify(m.error))))}::jsonb[], ${sql.param(moved.map((m) => m.error !== undefined))}::bool[]) as v(id, status, error, set_error)`;
    await tx
      .update(messages)
      .set({ status: sql`v.status`, updatedAt: sql`now()`, error: sql`case when v.set_error then v.error else ${messages.error} end` })
      .from(values)
      .where(and(eq(messages.workspaceId, workspaceId), sql`${messages.id} = v.id`));
  }
  return { changed: moved.map((m) => ({ id: m.id, conversationId: m.conversationId })), missing: wanted.filter((x) => !byExternal.has(x)) };
}

/** A status only moves forward; `failed` only before delivery. */
function mayMove(from: MessageStatus, to: MessageStatus) {
  return to === 'failed' ? from === 'queued' || from === 'sent' : from !== 'failed' && ORDER[from] < ORDER[to];
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
        q.after ? sql`(${messages.createdAt}, ${messages.id}) > ${cursorOf(q.workspaceId, q.after.id)}` : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(q.limit);
}
