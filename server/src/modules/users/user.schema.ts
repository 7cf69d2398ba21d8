import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { operations } from '../operations/operation.schema';
import type { AgentPermissions, Role, WorkHours } from '@contracts/users';

export const users = pgTable(
  'users',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    /** Unique across the installation (login has no workspace field) and immutable. */
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    email: text('email'),
    phone: text('phone'),
    company: text('company'),
    department: text('department'),
    profile: text('profile'),
    birthDate: date('birth_date'),
    socialToken: text('social_token'),
    integrationKey: text('integration_key'),
    priority: integer('priority').notNull().default(0),
    maxConversations: integer('max_conversations').notNull().default(5),
    workHours: jsonb('work_hours').$type<WorkHours | null>(),
    permissions: jsonb('permissions').$type<AgentPermissions>().notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: ts('password_changed_at'),
    lastLoginAt: ts('last_login_at'),
    status: text('status', { enum: ['active', 'inactive'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_login_uq').on(sql`lower(${t.login})`),
    index('users_workspace_status_idx').on(t.workspaceId, t.status, t.displayName),
    index('users_workspace_role_idx').on(t.workspaceId, t.role),
  ],
);

export const userOperations = pgTable(
  'user_operations',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    operationId: uuid('operation_id').notNull().references(() => operations.id),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.operationId] }),
    index('user_operations_operation_idx').on(t.workspaceId, t.operationId),
  ],
);
