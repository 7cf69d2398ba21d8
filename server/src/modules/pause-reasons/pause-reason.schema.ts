import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

/** ROUTE-7: why and for how long an agent pauses (a pause without a reason lasts 15 minutes). */
export const pauseReasons = pgTable(
  'pause_reasons',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    minutes: integer('minutes').notNull().default(15),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('pause_reasons_workspace_idx').on(t.workspaceId, t.status, t.name),
    uniqueIndex('pause_reasons_workspace_name_uq').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);
