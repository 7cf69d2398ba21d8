import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { users } from '../users/user.schema';
import type { Role } from '@contracts/users';

/** Login sessions and API access tokens; only a SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind', { enum: ['session', 'api'] }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    apiCredentialId: uuid('api_credential_id').references(() => apiCredentials.id),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_uq').on(t.tokenHash),
    index('sessions_workspace_user_idx').on(t.workspaceId, t.userId),
    index('sessions_workspace_credential_idx').on(t.workspaceId, t.apiCredentialId),
    // The clean-up job deletes by expiry across workspaces.
    index('sessions_expires_idx').on(t.expiresAt),
  ],
);

/** USER-8: consumer key + secret for integrations, exchanged for short-lived access tokens. */
export const apiCredentials = pgTable(
  'api_credentials',
  {
    id: id(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    name: text('name').notNull(),
    consumerKey: text('consumer_key').notNull(),
    secretHash: text('secret_hash').notNull(),
    role: text('role').$type<Role>().notNull().default('admin'),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_credentials_consumer_key_uq').on(t.consumerKey),
    index('api_credentials_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Failed-login counter per login name (existing or not, so throttling reveals nothing).
 * Kept in the database so every process sees the same count.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: ts('window_started_at').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
});
