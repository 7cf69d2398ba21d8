import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    actorUserId: uuid('actor_user_id'),
    actorCredentialId: uuid('actor_credential_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    changes: jsonb('changes').$type<Record<string, unknown>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_workspace_id_idx').on(t.workspaceId, t.id.desc()),
    index('audit_log_workspace_action_idx').on(t.workspaceId, t.action, t.id.desc()),
    index('audit_log_workspace_entity_idx').on(t.workspaceId, t.entityId, t.id.desc()),
  ],
);
