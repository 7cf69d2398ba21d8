import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ServiceGroupSettings, ServiceGroupTimers, Strategy } from '@contracts/serving';
import { createdAt, id, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { operations } from '../operations/operation.schema';
import { users } from '../users/user.schema';

export const serviceGroups = pgTable(
  'service_groups',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    operationId: uuid('operation_id').references(() => operations.id),
    strategy: text('strategy').$type<Strategy>().notNull().default('longest_idle'),
    settings: jsonb('settings').$type<ServiceGroupSettings>().notNull(),
    timers: jsonb('timers').$type<ServiceGroupTimers>().notNull(),
    /** Root of the classification tree offered when closing (QUAL-2). */
    classificationId: uuid('classification_id'),
    classificationRequired: boolean('classification_required').notNull().default(false),
    surveyId: uuid('survey_id'),
    surveyRequired: boolean('survey_required').notNull().default(false),
    /** Circular strategy: the member who received the group's last conversation. */
    lastAssignedUserId: uuid('last_assigned_user_id'),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_groups_workspace_status_idx').on(t.workspaceId, t.status, t.name),
    uniqueIndex('service_groups_workspace_name_uq').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/** Member agents of a group. */
export const serviceGroupAgents = pgTable(
  'service_group_agents',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    serviceGroupId: uuid('service_group_id').notNull().references(() => serviceGroups.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.serviceGroupId, t.userId] }),
    index('service_group_agents_user_idx').on(t.workspaceId, t.userId),
  ],
);

/** ROUTE-8: the groups a group may transfer conversations to. */
export const serviceGroupTransfers = pgTable(
  'service_group_transfers',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    serviceGroupId: uuid('service_group_id').notNull().references(() => serviceGroups.id),
    targetGroupId: uuid('target_group_id').notNull().references(() => serviceGroups.id),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.serviceGroupId, t.targetGroupId] })],
);
