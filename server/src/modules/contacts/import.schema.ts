import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

export type ImportCellError = { column: string; message: string };

/**
 * A spreadsheet import (CONT-3 contacts, USER-7 users) run as a job: the file is kept until the
 * job ends; counters move as batches commit, so progress survives a restart.
 */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    kind: text('kind', { enum: ['contacts', 'users'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file is kept (storage key) while the job runs. */
    fileKey: text('file_key'),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdById: uuid('created_by_id'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('imports_workspace_idx').on(t.workspaceId, t.kind, t.createdAt)],
);

/** Rows that need the user: rejected (with each column's reason) or duplicates of existing records. */
export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id').notNull().references(() => imports.id),
    row: integer('row').notNull(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    outcome: text('outcome', { enum: ['failed', 'duplicate', 'fixed', 'updated'] }).notNull(),
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    errors: jsonb('errors').$type<ImportCellError[]>().notNull().default([]),
    /** The existing record a duplicate matched, or the one a fixed row created. */
    recordId: uuid('record_id'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] }), index('import_rows_outcome_idx').on(t.workspaceId, t.importId, t.outcome, t.row)],
);
