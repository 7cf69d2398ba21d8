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
