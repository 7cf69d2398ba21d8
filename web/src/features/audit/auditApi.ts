import { useCursorList } from '../../lib/cursorList';

export interface AuditEntry {
  id: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  actorLabel: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** Action name → translation key (i18n keys cannot contain the dots the API uses). */
export const AUDIT_ACTIONS = {
  'auth.login': 'auth_login',
  'auth.login_failed': 'auth_login_failed',
  'auth.logout': 'auth_logout',
  'auth.password_changed': 'auth_password_changed',
  'user.created': 'user_created',
  'user.updated': 'user_updated',
  'user.deactivated': 'user_deactivated',
  'user.activated': 'user_activated',
  'operation.created': 'operation_created',
  'operation.updated': 'operation_updated',
  'operation.deactivated': 'operation_deactivated',
  'operation.activated': 'operation_activated',
  'api_credential.created': 'api_credential_created',
  'api_credential.revoked': 'api_credential_revoked',
  'workspace.created': 'workspace_created',
  'workspace.updated': 'workspace_updated',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isKnownAction = (action: string): action is AuditAction => action in AUDIT_ACTIONS;

export function actionColor(action: string): string {
  if (action.endsWith('failed')) return 'red';
  if (action.endsWith('deactivated') || action.endsWith('revoked')) return 'orange';
  if (action.endsWith('created') || action.endsWith('activated')) return 'teal';
  if (action.startsWith('auth.')) return 'blue';
  return 'indigo';
}

export function useAuditLog(action: string | null) {
  return useCursorList<AuditEntry>(['audit-log', action], '/api/v1/audit-log', { action });
}
