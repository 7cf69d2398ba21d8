import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { aliasedTable } from 'drizzle-orm';
import { channelSettingsSchema, serviceGroupSettingsSchema, serviceGroupTimersSchema } from '@contracts/serving';
import type { Executor } from '../../platform/db/client';
import { channels } from '../channels/channel.schema';
import { contacts } from '../contacts/contact.schema';
import { conversations } from '../conversations/conversation.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import { users } from '../users/user.schema';
import { workspaces } from '../workspaces/workspace.schema';

const assignee = aliasedTable(users, 'assignee');

/** What automation needs to decide for a conversation: its group's timers, its channel's messages, names for variables. */
export async function automationContexts(db: Executor, workspaceId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return new Map<string, AutomationContext>();
  const rows = await db
    .select({
      c: conversations,
      groupSettings: serviceGroups.settings,
      groupTimers: serviceGroups.timers,
      channelSettings: channels.settings,
      contactName: contacts.displayName,
      contactStatus: contacts.status,
      agentName: assignee.displayName,
      timeZone: workspaces.timeZone,
      workspaceName: workspaces.name,
    })
    .from(conversations)
    .innerJoin(serviceGroups, eq(serviceGroups.id, conversations.serviceGroupId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, [...new Set(conversationIds)])));
  return new Map(
    rows.map((r) => [
      r.c.id,
      {
        conversation: r.c,
        group: { settings: serviceGroupSettingsSchema.parse(r.groupSettings ?? {}), timers: serviceGroupTimersSchema.parse(r.groupTimers ?? {}) },
        channel: channelSettingsSchema.parse(r.channelSettings ?? {}),
        contactName: r.contactName,
        contactStatus: r.contactStatus,
        agentName: r.agentName,
        timeZone: r.timeZone,
        companyName: r.workspaceName,
      },
    ]),
  );
}

export interface AutomationContext {
  conversation: typeof conversations.$inferSelect;
  group: { settings: ReturnType<typeof serviceGroupSettingsSchema.parse>; timers: ReturnType<typeof serviceGroupTimersSchema.parse> };
  channel: ReturnType<typeof channelSettingsSchema.parse>;
  contactName: string;
  contactStatus: 'active' | 'inactive';
  agentName: string | null;
  timeZone: string;
  companyName: string;
}

/** ROUTE-3: a queued conversation's place in its group's queue (routing order: priority, then longest wait). */
export async function queuePosition(db: Executor, c: typeof conversations.$inferSelect): Promise<number | null> {
  if (c.status !== 'queued' || !c.queuedAt) return null;
  const [r] = await db
    .select({ ahead: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, c.workspaceId),
        eq(conversations.serviceGroupId, c.serviceGroupId),
        eq(conversations.status, 'queued'),
        or(gt(conversations.priority, c.priority), and(eq(conversations.priority, c.priority), lt(conversations.queuedAt, c.queuedAt))),
      ),
    );
  return r.ahead + 1;
}

/** Conversations whose assignee has written to the customer since receiving them (ROUTE-4 answer time). */
export async function answeredSinceAssignment(db: Executor, workspaceId: string, conversationIds: string[]): Promise<Set<string>> {
  if (conversationIds.length === 0) return new Set();
  const r = await db.execute<{ id: string }>(sql`
    select c.id from conversations c
    where c.workspace_id = ${workspaceId} and c.id = any(${sql.param(conversationIds)}::uuid[])
      and exists (
        select 1 from messages m
        where m.workspace_id = c.workspace_id and m.conversation_id = c.id and m.created_at >= c.assigned_at
          and m.direction = 'out' and m.kind = 'message' and m.author_user_id = c.assignee_id)`);
  return new Set(r.rows.map((x) => x.id));
}

export interface QueueNotice {
  conversationId: string;
  protocol: string;
  contactName: string;
  text: string;
  position: number;
  notified: number | null;
}

/**
 * ROUTE-3 on change: every queued conversation of these groups with its place (routing order) and
 * the place last told, where its channel has a queue-position message and the group no period.
 */
export async function groupQueueNotices(db: Executor, workspaceId: string, groupIds: string[]): Promise<QueueNotice[]> {
  if (groupIds.length === 0) return [];
  const r = await db.execute<{ id: string; protocol: string; contact_name: string; text: string | null; position: number; notified: number | null }>(sql`
    select * from (
      select c.id, c.protocol, ct.display_name as contact_name, ch.settings->>'queuePositionMessage' as text,
             c.queue_position_notified as notified,
             (row_number() over (partition by c.service_group_id order by c.priority desc, c.queued_at, c.id))::int as position,
             coalesce((g.timers->>'queuePositionMinutes')::int, 0) as period
      from conversations c
      join channels ch on ch.id = c.channel_id
      join contacts ct on ct.id = c.contact_id
      join service_groups g on g.id = c.service_group_id
      where c.workspace_id = ${workspaceId} and c.service_group_id = any(${sql.param(groupIds)}::uuid[]) and c.status = 'queued'
    ) q
    where coalesce(q.text, '') <> '' and q.period = 0`);
  return r.rows.map((x) => ({ conversationId: x.id, protocol: x.protocol, contactName: x.contact_name, text: x.text!, position: x.position, notified: x.notified }));
}

export async function markQueuePositionsNotified(db: Executor, workspaceId: string, list: { conversationId: string; position: number }[]) {
  if (list.length === 0) return;
  await db.execute(sql`
    update conversations c set queue_position_notified = v.position
    from unnest(${sql.param(list.map((n) => n.conversationId))}::uuid[], ${sql.param(list.map((n) => n.position))}::int[]) as v(id, position)
    where c.workspace_id = ${workspaceId} and c.id = v.id`);
}
