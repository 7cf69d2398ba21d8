import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

export const operations = pgTable(
  'operations',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('operations_workspace_name_uq').on(t.workspaceId, sql`lower(${t.name})`),
    index('operations_workspace_status_idx').on(t.workspaceId, t.status, t.name),
  ],
);
