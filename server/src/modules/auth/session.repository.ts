import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { randomToken, sha256 } from '../../platform/crypto';
import type { Principal } from '../../platform/context';
import { users } from '../users/user.schema';
import { workspaces } from '../workspaces/workspace.schema';
import { apiCredentials, sessions } from './auth.schema';

export const SESSION_TTL_MS = 12 * 3600_000;
export const API_TOKEN_TTL_S = 3600;

export async function createSession(
  db: Executor,
  s: { workspaceId: string; kind: 'session' | 'api'; userId?: string; apiCredentialId?: string; ip: string | null; userAgent: string | null; ttlMs: number },
) {
  const token = randomToken();
  await db.insert(sessions).values({
    workspaceId: s.workspaceId,
    tokenHash: sha256(token),
    kind: s.kind,
    userId: s.userId ?? null,
    apiCredentialId: s.apiCredentialId ?? null,
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + s.ttlMs),
  });
  return token;
}

/**
 * The principal behind a token, in one indexed query: the session must be live, and its
 * user (or credential) and workspace still active.
 */
export async function findPrincipal(db: Executor, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      workspaceId: sessions.workspaceId,
      userId: sessions.userId,
      credentialId: sessions.apiCredentialId,
      userRole: users.role,
      userStatus: users.status,
      login: users.login,
      mustChangePassword: users.mustChangePassword,
      credentialRole: apiCredentials.role,
      credentialStatus: apiCredentials.status,
      credentialName: apiCredentials.name,
      workspaceStatus: workspaces.status,
    })
    .from(sessions)
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .leftJoin(users, and(eq(users.id, sessions.userId), eq(users.workspaceId, sessions.workspaceId)))
    .leftJoin(
      apiCredentials,
      and(eq(apiCredentials.id, sessions.apiCredentialId), eq(apiCredentials.workspaceId, sessions.workspaceId)),
    )
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row || row.workspaceStatus !== 'active') return null;
  if (row.userId) {
    if (row.userStatus !== 'active' || !row.userRole) return null;
    return {
      workspaceId: row.workspaceId,
      sessionId: row.sessionId,
      userId: row.userId,
      credentialId: null,
      role: row.userRole,
      label: row.login ?? '',
      mustChangePassword: row.mustChangePassword ?? false,
    };
  }
  if (row.credentialId && row.credentialStatus === 'active' && row.credentialRole) {
    return {
      workspaceId: row.workspaceId,
      sessionId: row.sessionId,
      userId: null,
      credentialId: row.credentialId,
      role: row.credentialRole,
      label: `api:${row.credentialName}`,
      mustChangePassword: false,
    };
  }
  return null;
}

export async function revokeSession(db: Executor, workspaceId: string, sessionId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.id, sessionId)));
}

/** Ends every session of a user (deactivation, password change elsewhere). */
export async function revokeUserSessions(db: Executor, workspaceId: string, userId: string, exceptSessionId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.workspaceId, workspaceId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}

export async function revokeCredentialSessions(db: Executor, workspaceId: string, credentialId: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.apiCredentialId, credentialId), isNull(sessions.revokedAt)));
}
