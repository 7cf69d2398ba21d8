import { agentPermissionsSchema, type User } from '@contracts/users';
import type { UserRow } from './user.repository';

/** The API shape of a user; secrets (password hash, extension password) never leave. */
export function presentUser(row: UserRow, operationIds: string[], serviceGroupIds: string[] = []): User {
  const permissions = agentPermissionsSchema.parse(row.permissions ?? {});
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    email: row.email,
    phone: row.phone,
    company: row.company,
    department: row.department,
    profile: row.profile,
    birthDate: row.birthDate,
    socialToken: row.socialToken,
    integrationKey: row.integrationKey,
    priority: row.priority,
    maxConversations: row.maxConversations,
    workHours: row.workHours ?? null,
    operationIds,
    serviceGroupIds,
    permissions: { ...permissions, voice: { ...permissions.voice, extensionPassword: null } },
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
