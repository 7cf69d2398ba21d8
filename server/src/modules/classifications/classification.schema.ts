import { index, integer, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

/** QUAL-2: a tree — main level (no parent), reasons, sub-reasons. */
export const classifications = pgTable(
  'classifications',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => classifications.id),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('classifications_workspace_parent_idx').on(t.workspaceId, t.parentId, t.position)],
);
