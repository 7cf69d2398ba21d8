import { aliasedTable, and, getTableColumns, asc, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ConversationStatus } from '@contracts/serving';
import type { Executor } from '../../platform/db/client';
import { channels } from '../channels/channel.schema';
import { contacts } from '../contacts/contact.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import { users } from '../users/user.schema';
import { conversationEvents, conversations } from './conversation.schema';
import { anyOf } from '../../platform/db/any-of';

export type ConversationRow = typeof conversations.$inferSelect;
export const OPEN_STATUSES: ConversationStatus[] = ['bot', 'queued', 'active', 'pending'];

export async function lockConversation(tx: Executor, workspaceId: string, id: string): Promise<ConversationRow | null> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .for('update');
  return row ?? null;
}

/** Open conversations of these contacts on a channel. */
const openOf = (workspaceId: string, channelId: string, contactIds: string[]) =>
  and(
    eq(conversations.workspaceId, workspaceId),
    eq(conversations.channelId, channelId),
    anyOf(conversations.contactId, contactIds, 'uuid'),
    inArray(conversations.status, OPEN_STATUSES),
  );

/** The contact's open conversation on a channel (newest). */
function openConversationQuery(db: Executor, workspaceId: string, channelId: string, contactId: string) {
  return db.select().from(conversations).where(openOf(workspaceId, channelId, [contactId])).orderBy(desc(conversations.createdAt)).limit(1);
}

/** …locked for the caller's transaction (active send). */
export async function lockOpenConversation(tx: Executor, workspaceId: string, channelId: string, contactId: string) {
  return (await lockOpenConversations(tx, workspaceId, channelId, [contactId])).get(contactId) ?? null;
}

/** The newest open conversation of each contact on a channel, locked (inbound batches). */
export async function lockOpenConversations(tx: Executor, workspaceId: string, channelId: string, contactIds: string[]) {
  if (contactIds.length === 0) return new Map<string, ConversationRow>();
  const rows = await tx
    .select()
    .from(conversations)
    .where(openOf(workspaceId, channelId, contactIds))
    // Locks taken in one order by everyone cannot deadlock; the newest per contact wins.
    .orderBy(asc(conversations.id))
    .for('update');
  return newestPerContact(rows);
}

function newestPerContact(rows: ConversationRow[]) {
  const byContact = new Map<string, ConversationRow>();
  for (const row of rows) {
    const seen = byContact.get(row.contactId);
    if (!seen || seen.createdAt < row.createdAt) byContact.set(row.contactId, row);
  }
  return byContact;
}

/**
 * CONT-1: an inactive contact's messages are kept in a conversation that was never served (closed
 * on arrival); within a day their next messages join it instead of opening another.
 */
export async function recentUnservedConversations(tx: Executor, workspaceId: string, channelId: string, contactIds: string[], since: Date) {
  if (contactIds.length === 0) return new Map<string, ConversationRow>();
  const rows = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.channelId, channelId),
        inArray(conversations.contactId, contactIds),
        eq(conversations.status, 'closed'),
        isNull(conversations.queuedAt),
        gt(conversations.createdAt, since),
      ),
    )
    .orderBy(asc(conversations.id))
    .for('update');
  return newestPerContact(rows);
}

/** …without a lock (web chat typing and lookups). */
export async function findOpenConversation(db: Executor, workspaceId: string, channelId: string, contactId: string) {
  const [row] = await openConversationQuery(db, workspaceId, channelId, contactId);
  return row ?? null;
}

export async function getConversation(db: Executor, workspaceId: string, id: string): Promise<ConversationRow | null> {
  const [row] = await db.select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  return row ?? null;
}

export async function insertConversation(tx: Executor, values: typeof conversations.$inferInsert) {
  const [row] = await tx.insert(conversations).values(values).returning();
  return row;
}

export async function insertConversations(tx: Executor, values: (typeof conversations.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(conversations).values(values).returning();
}

export async function updateConversation(tx: Executor, workspaceId: string, id: string, values: Partial<typeof conversations.$inferInsert>) {
  const [row] = await tx
    .update(conversations)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .returning();
  return row;
}

/** After a customer message: its time, the list preview, one more unread, the reply window. */
export async function recordCustomerMessage(
  tx: Executor,
  workspaceId: string,
  id: string,
  m: { at: Date; preview: string; windowExpiresAt: Date | null },
) {
  const [row] = await tx
    .update(conversations)
    .set({
      lastCustomerMessageAt: m.at,
      lastMessageAt: m.at,
      lastMessagePreview: m.preview,
      unreadCount: sql`${conversations.unreadCount} + 1`,
      windowExpiresAt: m.windowExpiresAt,
      updatedAt: sql`now()`,
    })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)))
    .returning();
  return row;
}

/**
 * The same for many messages at once: each conversation gets its newest message's time, preview
 * and window, and one more unread per message — one UPDATE whatever the count.
 */
export async function recordCustomerMessages(
  tx: Executor,
  workspaceId: string,
  list: { conversationId: string; at: Date; preview: string; windowExpiresAt: Date | null }[],
): Promise<Map<string, ConversationRow>> {
  const per = new Map<string, { at: Date; preview: string; windowExpiresAt: Date | null; n: number }>();
  for (const m of list) {
    const seen = per.get(m.conversationId);
    const n = (seen?.n ?? 0) + 1;
    per.set(m.conversationId, !seen || m.at >= seen.at ? { ...m, n } : { ...seen, n });
  }
  if (per.size === 0) return new Map();
  const ids = [...per.keys()];
  const v = [...per.values()];
  const values = sql`unnest(
      ${sql.param(ids)}::uuid[], ${sql.param(v.map((x) => x.at))}::timestamptz[], ${sql.param(v.map((x) => x.preview))}::text[],
      ${sql.param(v.map((x) => x.n))}::int[], ${sql.param(v.map((x) => x.windowExpiresAt))}::timestamptz[]
    ) as v(id, at, preview, n, window_expires_at)`;
  const rows = await tx
    .update(conversations)
    .set({
      lastCustomerMessageAt: sql`v.at`,
      lastMessageAt: sql`v.at`,
      lastMessagePreview: sql`v.preview`,
      unreadCount: sql`${conversations.unreadCount} + v.n`,
      windowExpiresAt: sql`v.window_expires_at`,
      updatedAt: sql`now()`,
    })
    .from(values)
    .where(and(eq(conversations.workspaceId, workspaceId), sql`${conversations.id} = v.id`))
    .returning(getTableColumns(conversations));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Company messages (automatic ones, in bulk): each conversation gets its newest one's time and preview. */
export async function recordCompanyMessages(tx: Executor, workspaceId: string, list: { conversationId: string; at: Date; preview: string }[]) {
  const last = new Map<string, { at: Date; preview: string }>();
  for (const m of list) if (!last.has(m.conversationId) || last.get(m.conversationId)!.at <= m.at) last.set(m.conversationId, m);
  if (last.size === 0) return;
  const v = [...last.values()];
  await tx
    .update(conversations)
    .set({ lastMessageAt: sql`v.at`, lastMessagePreview: sql`v.preview`, updatedAt: sql`now()` })
    .from(sql`unnest(${sql.param([...last.keys()])}::uuid[], ${sql.param(v.map((x) => x.at))}::timestamptz[], ${sql.param(v.map((x) => x.preview))}::text[]) as v(id, at, preview)`)
    .where(and(eq(conversations.workspaceId, workspaceId), sql`${conversations.id} = v.id`));
}

export type ConversationEvent = Omit<typeof conversationEvents.$inferInsert, 'id' | 'createdAt'>;

/**
 * Column arrays instead of a VALUES row per event: a routing pass writes thousands at once, and
 * building them value by value cost ~0.15 ms of CPU per event.
 */
export async function insertEvents(tx: Executor, events: ConversationEvent[]) {
  if (!events.length) return;
  const col = (f: (e: ConversationEvent) => unknown) => sql.param(events.map((e) => f(e) ?? null));
  await tx.execute(sql`
    insert into ${conversationEvents} (workspace_id, conversation_id, type, actor_user_id, from_user_id, to_user_id, from_group_id, to_group_id, data)
    select * from unnest(${col((e) => e.workspaceId)}::uuid[], ${col((e) => e.conversationId)}::uuid[], ${col((e) => e.type)}::text[],
                         ${col((e) => e.actorUserId)}::uuid[], ${col((e) => e.fromUserId)}::uuid[], ${col((e) => e.toUserId)}::uuid[],
                         ${col((e) => e.fromGroupId)}::uuid[], ${col((e) => e.toGroupId)}::uuid[], ${col((e) => (e.data == null ? null : JSON.stringify(e.data)))}::jsonb[])`);
}

const assignee = aliasedTable(users, 'assignee');

/** Conversations with what the API shows beside them (channel, contact, group, assignee) in one query. */
export function selectConversationViews(db: Executor) {
  return db
    .select({
      c: conversations,
      channelType: channels.type,
      channelName: channels.name,
      contact: { id: contacts.id, displayName: contacts.displayName, phone: contacts.phone, email: contacts.email },
      serviceGroupName: serviceGroups.name,
      assigneeName: assignee.displayName,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(serviceGroups, eq(serviceGroups.id, conversations.serviceGroupId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}
export type ConversationView = Awaited<ReturnType<ReturnType<typeof selectConversationViews>['execute']>>[number];

export async function findConversationView(db: Executor, workspaceId: string, id: string): Promise<ConversationView | null> {
  const [row] = await selectConversationViews(db).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, id)));
  return row ?? null;
}

export async function findConversationViews(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, ConversationView>> {
  if (ids.length === 0) return new Map();
  const rows = await selectConversationViews(db).where(and(eq(conversations.workspaceId, workspaceId), anyOf(conversations.id, [...new Set(ids)], 'uuid')));
  return new Map(rows.map((r) => [r.c.id, r]));
}

export interface ConversationFilter {
  statuses?: ConversationStatus[];
  assigneeId?: string;
  /** Who closed it: an agent's own pending conversations have left them (AGENT-4). */
  closedById?: string;
  serviceGroupId?: string;
  contactId?: string;
  q?: string;
  limit: number;
  /** [lastActivity ISO, id] of the previous page's last row. */
  after: [string, string] | null;
}

const activity = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;

export async function listConversationViews(db: Executor, workspaceId: string, f: ConversationFilter) {
  const where: (SQL | undefined)[] = [eq(conversations.workspaceId, workspaceId)];
  if (f.statuses?.length) where.push(inArray(conversations.status, f.statuses));
  if (f.assigneeId) where.push(eq(conversations.assigneeId, f.assigneeId));
  if (f.closedById) where.push(eq(conversations.closedById, f.closedById));
  if (f.serviceGroupId) where.push(eq(conversations.serviceGroupId, f.serviceGroupId));
  if (f.contactId) where.push(eq(conversations.contactId, f.contactId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    const digits = f.q.replace(/\D/g, '');
    where.push(
      or(
        sql`${contacts.displayName} ilike ${like}`,
        digits.length >= 4 ? sql`${contacts.phone} like ${'%' + digits + '%'}` : undefined,
        eq(conversations.protocol, f.q.trim()),
      ),
    );
  }
  if (f.after) {
    const [at, id] = f.after;
    where.push(sql`(${activity}, ${conversations.id}) < (${new Date(at)}::timestamptz, ${id}::uuid)`);
  }
  return selectConversationViews(db)
    .where(and(...where))
    .orderBy(desc(activity), desc(conversations.id))
    .limit(f.limit + 1);
}

/** The queue of a group: contact priority first, then longest waiting (ROUTE-2). */
export async function lockQueue(tx: Executor, workspaceId: string, serviceGroupId: string, limit: number, now: Date) {
  return tx
    .select({ id: conversations.id, contactId: conversations.contactId, priority: conversations.priority, excludedAgentIds: conversations.excludedAgentIds })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.serviceGroupId, serviceGroupId),
        eq(conversations.status, 'queued'),
        // ROUTE-5: one whose reply window closed can no longer be answered; the expiry sweep takes it.
        or(isNull(conversations.windowExpiresAt), gt(conversations.windowExpiresAt, now)),
      ),
    )
    .orderBy(desc(conversations.priority), asc(conversations.queuedAt), asc(conversations.id))
    .limit(limit)
    .for('update');
}

/** Routing's assignments of one pass, in one UPDATE. */
export async function assignFromQueue(tx: Executor, workspaceId: string, list: { conversationId: string; userId: string }[], now: Date) {
  if (list.length === 0) return;
  await tx.execute(sql`
    update conversations c set status = 'active', assignee_id = v.user_id, assigned_at = ${now}, updated_at = now()
    from unnest(${sql.param(list.map((a) => a.conversationId))}::uuid[], ${sql.param(list.map((a) => a.userId))}::uuid[]) as v(id, user_id)
    where c.workspace_id = ${workspaceId} and c.id = v.id`);
}

/** Conversations each agent is serving now, in every group (the limit is per agent). */
export async function activeCounts(db: Executor, workspaceId: string, userIds: string[]): Promise<Map<string, number>> {
  const out = new Map(userIds.map((id) => [id, 0]));
  if (!userIds.length) return out;
  const rows = await db
    .select({ userId: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.assigneeId, userIds), eq(conversations.status, 'active')))
    .groupBy(conversations.assigneeId);
  for (const r of rows) out.set(r.userId!, r.n);
  return out;
}

/**
 * Today's totals per agent (the workspace's local day) for the least-conversations and
 * least-handling-time strategies: conversations received, and their time in service until
 * closed or now. A transferred conversation counts for each agent who received it.
 */
export async function todayStats(db: Executor, workspaceId: string, userIds: string[], timeZone: string) {
  const since = sql`(date_trunc('day', now() at time zone ${timeZone}) at time zone ${timeZone})`;
  const out = new Map(userIds.map((id) => [id, { conversations: 0, handlingSeconds: 0 }]));
  if (!userIds.length) return out;
  const rows = await db
    .select({
      userId: conversationEvents.toUserId,
      n: sql<number>`count(*)::int`,
      seconds: sql<number>`coalesce(sum(extract(epoch from (coalesce(${conversations.closedAt}, now()) - ${conversationEvents.createdAt}))), 0)::float`,
    })
    .from(conversationEvents)
    .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
    .where(
      and(
        eq(conversationEvents.workspaceId, workspaceId),
        inArray(conversationEvents.toUserId, userIds),
        inArray(conversationEvents.type, ['assigned', 'transferred']),
        sql`${conversationEvents.createdAt} >= ${since}`,
      ),
    )
    .groupBy(conversationEvents.toUserId);
  for (const r of rows) out.set(r.userId!, { conversations: r.n, handlingSeconds: r.seconds });
  return out;
}

export async function activeConversationsOf(tx: Executor, workspaceId: string, userId: string) {
  return tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.assigneeId, userId), eq(conversations.status, 'active')))
    .for('update');
}

/** AGENT-5: open or closed conversations whose customer has been silent for 24 h. */
export async function expireSilent(tx: Executor, olderThan: Date, limit: number) {
  const r = await tx.execute<{ id: string; workspace_id: string; assignee_id: string | null; status: string }>(sql`
    update conversations set status = 'expired', assignee_id = null, updated_at = now()
    where id in (
      select id from conversations
      where status in ('queued', 'pending', 'closed') and last_customer_message_at < ${olderThan}
      order by last_customer_message_at limit ${limit}
      for update skip locked)
    returning id, workspace_id, assignee_id, status`);
  return r.rows;
}

export async function contactTimeline(db: Executor, workspaceId: string, contactId: string, limit: number) {
  return db.execute<{
    conversation_id: string; protocol: string; channel_type: string; channel_name: string; status: string;
    service_group_name: string; assignee_name: string | null; classification_name: string | null;
    created_at: Date; closed_at: Date | null; message_count: number;
  }>(sql`
    select c.id as conversation_id, c.protocol, ch.type as channel_type, ch.name as channel_name, c.status,
           g.name as service_group_name, u.display_name as assignee_name, cl.name as classification_name,
           c.created_at, c.closed_at,
           (select count(*)::int from messages m where m.workspace_id = c.workspace_id and m.conversation_id = c.id and m.kind = 'message') as message_count
    from conversations c
    join channels ch on ch.id = c.channel_id
    join service_groups g on g.id = c.service_group_id
    left join users u on u.id = coalesce(c.assignee_id, c.closed_by_id)
    left join classifications cl on cl.id = c.classification_id
    where c.workspace_id = ${workspaceId} and c.contact_id = ${contactId}
    order by c.created_at desc, c.id desc
    limit ${limit}`);
}

