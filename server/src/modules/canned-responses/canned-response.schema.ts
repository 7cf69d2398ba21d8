import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { serviceGroups } from '../service-groups/service-group.schema';

/** FAQ / quick replies: for the whole workspace (no group) or one service group. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    serviceGroupId: uuid('service_group_id').references(() => serviceGroups.id),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('canned_responses_workspace_idx').on(t.workspaceId, t.status, t.serviceGroupId, t.shortcut),
    // One shortcut per scope; workspace-wide rows (no group) share the nil-uuid scope.
    uniqueIndex('canned_responses_scope_shortcut_uq').on(
      t.workspaceId,
      sql`coalesce(${t.serviceGroupId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.shortcut,
    ),
  ],
);
