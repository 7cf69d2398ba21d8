import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, ts } from '../db/columns';

/**
 * Durable timers: one row per (kind, subject) — "inactivity of conversation X" — armed in the
 * transaction of the change that arms it, re-armed by an upsert, fired by deleting the row in
 * the transaction that acts on it (so it fires once, whichever process takes it).
 * The runner reads across workspaces by due time; visibility reads by workspace and subject.
 */
export const timers = pgTable(
  'timers',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    dueAt: ts('due_at').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    armedAt: ts('armed_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('timers_kind_subject_uq').on(t.kind, t.subjectId),
    index('timers_due_idx').on(t.dueAt),
    index('timers_workspace_subject_idx').on(t.workspaceId, t.subjectId),
  ],
);
