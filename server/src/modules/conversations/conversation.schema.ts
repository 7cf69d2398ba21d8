import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ConversationStatus, MessageStatus } from '@contracts/serving';
import { createdAt, id, ts, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { channels } from '../channels/channel.schema';
import { contacts } from '../contacts/contact.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import { users } from '../users/user.schema';
import { attachments } from '../attachments/attachment.schema';

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    /** Human-readable, unique in the workspace: YYYYMMDD-NNNNNN in the workspace's time zone. */
    protocol: text('protocol').notNull(),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    contactId: uuid('contact_id').notNull().references(() => contacts.id),
    serviceGroupId: uuid('service_group_id').notNull().references(() => serviceGroups.id),
    status: text('status').$type<ConversationStatus>().notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** Contact priority at queue time: higher is served first (ROUTE-2 queue order). */
    priority: integer('priority').notNull().default(0),
    queuedAt: ts('queued_at'),
    assignedAt: ts('assigned_at'),
    firstResponseAt: ts('first_response_at'),
    lastCustomerMessageAt: ts('last_customer_message_at'),
    lastMessageAt: ts('last_message_at'),
    lastMessagePreview: text('last_message_preview'),
    /** Customer messages the assignee has not read yet. */
    unreadCount: integer('unread_count').notNull().default(0),
    /** When the provider's reply window closes (WhatsApp 24 h); null where there is none. */
    windowExpiresAt: ts('window_expires_at'),
    closedAt: ts('closed_at'),
    closedById: uuid('closed_by_id'),
    classificationId: uuid('classification_id'),
    closeComment: text('close_comment'),
    /** ROUTE-4: agents who let it go unanswered; routing never offers it to them again. */
    excludedAgentIds: uuid('excluded_agent_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** ROUTE-3: the queue position last told to the customer, so a change is told once. */
    queuePositionNotified: integer('queue_position_notified'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('conversations_workspace_protocol_uq').on(t.workspaceId, t.protocol),
    // The queue: longest waiting first, contact priority respected.
    index('conversations_queue_idx')
      .on(t.workspaceId, t.serviceGroupId, t.priority.desc(), t.queuedAt)
      .where(sql`${t.status} = 'queued'`),
    index('conversations_assignee_idx').on(t.workspaceId, t.assigneeId, t.status),
    index('conversations_contact_idx').on(t.workspaceId, t.contactId, t.createdAt),
    index('conversations_open_by_contact_idx').on(t.workspaceId, t.channelId, t.contactId, t.status),
    index('conversations_workspace_status_idx').on(t.workspaceId, t.status, t.lastMessageAt),
    // The expiry sweep (AGENT-5) looks across workspaces for silent conversations.
    index('conversations_silence_idx')
      .on(t.lastCustomerMessageAt)
      .where(sql`${t.status} in ('queued', 'pending', 'closed')`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id),
    /** `in` from the contact, `out` from the company; notes are `out` with kind `note`. */
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    kind: text('kind', { enum: ['message', 'note', 'system'] }).notNull().default('message'),
    authorUserId: uuid('author_user_id').references(() => users.id),
    text: text('text'),
    /**
     * What the message is: text, image, audio, video, document, sticker, location, contacts,
     * interactive (buttons/list sent, or a reply), button (template quick reply), reaction,
     * template, unsupported. Structured parts live in `content`.
     */
    contentType: text('content_type').notNull().default('text'),
    content: jsonb('content').$type<Record<string, unknown> | null>(),
    /** The message this one answers (WhatsApp context), in the same conversation. */
    replyToMessageId: uuid('reply_to_message_id'),
    attachmentId: uuid('attachment_id').references(() => attachments.id),
    status: text('status').$type<MessageStatus>().notNull(),
    error: jsonb('error').$type<{ code: string; title: string } | null>(),
    /** The provider's id (wamid …), unique per channel: retries are no-ops. */
    externalId: text('external_id'),
    channelId: uuid('channel_id').notNull(),
    /** The sender's own id for a message, so a resent request does not duplicate it. */
    clientMessageId: text('client_message_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.workspaceId, t.conversationId, t.createdAt, t.id),
    uniqueIndex('messages_external_uq').on(t.workspaceId, t.channelId, t.externalId).where(sql`${t.externalId} is not null`),
    uniqueIndex('messages_client_uq').on(t.workspaceId, t.conversationId, t.clientMessageId).where(sql`${t.clientMessageId} is not null`),
  ],
);

/** The conversation's history: queued, assigned, transferred, closed … (ROUTE-8 keeps it all). */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id),
    type: text('type').notNull(),
    actorUserId: uuid('actor_user_id'),
    fromUserId: uuid('from_user_id'),
    toUserId: uuid('to_user_id'),
    fromGroupId: uuid('from_group_id'),
    toGroupId: uuid('to_group_id'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('conversation_events_conversation_idx').on(t.workspaceId, t.conversationId, t.id),
    // Routing's day totals per agent (least conversations / least handling time strategies).
    index('conversation_events_received_idx')
      .on(t.workspaceId, t.toUserId, t.createdAt)
      .where(sql`${t.type} in ('assigned', 'transferred')`),
  ],
);

/** Per workspace and local day, the last protocol number handed out. */
export const protocolCounters = pgTable(
  'protocol_counters',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);
