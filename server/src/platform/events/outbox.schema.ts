import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, ts } from '../db/columns';

/**
 * Transactional outbox: a domain event is a row written in the same transaction as the
 * change it describes, and dispatched to handlers after commit (at least once).
 * The dispatcher reads across workspaces, so its index leads with the undispatched id.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    availableAt: ts('available_at').notNull().defaultNow(),
    dispatchedAt: ts('dispatched_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.availableAt, t.id).where(sql`${t.dispatchedAt} is null`),
    index('outbox_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Which handler already processed which event: makes at-least-once delivery idempotent. */
export const processedEvents = pgTable(
  'processed_events',
  {
    handler: text('handler').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    processedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.handler, t.eventId] })],
);
