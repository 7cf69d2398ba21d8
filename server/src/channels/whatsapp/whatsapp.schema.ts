import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../../modules/workspaces/workspace.schema';
import { channels } from '../../modules/channels/channel.schema';

/**
 * Every webhook event (one message, one status, one template update), stored before the
 * webhook is answered. `event_key` (wamid, or status id + status) makes Meta's retries and
 * duplicate deliveries no-ops; a job turns pending rows into messages, exactly once.
 */
export const whatsappEvents = pgTable(
  'whatsapp_events',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    kind: text('kind', { enum: ['message', 'status', 'template_status', 'error'] }).notNull(),
    eventKey: text('event_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: createdAt(),
    processedAt: ts('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('whatsapp_events_key_uq').on(t.workspaceId, t.channelId, t.eventKey),
    index('whatsapp_events_pending_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);

/** Message templates (HSM) of a WhatsApp channel's WABA, synced and created through the Graph API. */
export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    channelId: uuid('channel_id').notNull().references(() => channels.id),
    externalId: text('external_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category', { enum: ['MARKETING', 'UTILITY', 'AUTHENTICATION'] }).notNull(),
    status: text('status').notNull().default('PENDING'),
    rejectedReason: text('rejected_reason'),
    components: jsonb('components').$type<Record<string, unknown>[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('whatsapp_templates_name_uq').on(t.workspaceId, t.channelId, t.name, t.language),
    index('whatsapp_templates_external_idx').on(t.workspaceId, t.externalId),
  ],
);
