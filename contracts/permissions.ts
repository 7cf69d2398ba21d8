import type { Role } from './users';

/**
 * The permission matrix (USER-2). Lists every configuration screen reads (groups,
 * classifications, canned responses, pause reasons, channels, business hours) need only
 * `workspace.read`. Every API route names one permission (or is public / needs only
 * authentication); a role may call the route when the permission is in its set.
 */
export const PERMISSIONS = [
  'workspace.read',
  'workspace.manage',
  'users.read',
  'users.manage',
  'operations.read',
  'operations.manage',
  'apiCredentials.manage',
  'audit.read',
  'supervision.view',
  'serving.use',
  'serviceGroups.manage',
  'classifications.manage',
  'cannedResponses.manage',
  'pauseReasons.manage',
  'channels.manage',
  'businessHours.manage',
  'contacts.read',
  'contacts.edit',
  /** Spreadsheet imports of contacts (CONT-3). */
  'contacts.import',
  /** The contact attribute catalogue (CONT-2). */
  'contactAttributes.manage',
  /** See and act on every conversation of the workspace, not only one's own. */
  'conversations.supervise',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: ['workspace.read', 'users.read', 'operations.read', 'supervision.view', 'contacts.read', 'contacts.edit', 'contacts.import', 'conversations.supervise'],
  supervisor_agent: [
    'workspace.read', 'users.read', 'operations.read', 'supervision.view', 'serving.use', 'contacts.read', 'contacts.edit', 'contacts.import', 'conversations.supervise',
  ],
  agent: ['workspace.read', 'serving.use', 'contacts.read', 'contacts.edit'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
