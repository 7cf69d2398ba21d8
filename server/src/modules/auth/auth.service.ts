import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { AppError, rateLimited, unauthorized, validationFailed } from '../../platform/errors';
import { sha256, safeEqual } from '../../platform/crypto';
import { recordAudit } from '../audit';
import { emitEvent } from '../../platform/events/outbox';
import {
  assertStrongPassword,
  burnVerifyTime,
  findUser,
  findUserByLogin,
  hashPassword,
  updateUser,
  verifyPassword,
  withinWorkHours,
} from '../users';
import { workspaces } from '../workspaces/workspace.schema';
import { apiCredentials } from './auth.schema';
import { clearFailures, lockedFor, registerFailure } from './login-throttle';
import { API_TOKEN_TTL_S, createSession, revokeSession, revokeUserSessions, SESSION_TTL_MS } from './session.repository';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Login or password is incorrect');

/** Ctx for events that happen before anyone is authenticated, inside a known workspace. */
const inWorkspace = (ctx: Ctx, workspaceId: string): Ctx => ({ ...ctx, workspaceId });

export async function login(ctx: Ctx, input: { login: string; password: string }) {
  const locked = await lockedFor(ctx.db, input.login);
  if (locked > 0) throw rateLimited(locked);

  const user = await findUserByLogin(ctx.db, input.login);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : (await burnVerifyTime(input.password), false);
  if (!user || !ok) {
    const lock = await registerFailure(ctx.db, input.login);
    if (user) {
      await recordAudit(ctx.db, inWorkspace(ctx, user.workspaceId), {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        actorUserId: null,
        actorLabel: user.login,
        changes: lock ? { lockedForSeconds: lock } : undefined,
      });
    }
    if (lock) throw rateLimited(lock);
    throw invalidCredentials();
  }

  const [workspace] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, user.workspaceId));
  const wctx = inWorkspace(ctx, user.workspaceId);
  if (user.status !== 'active' || workspace.status !== 'active') {
    throw new AppError(403, 'user_inactive', 'This user is deactivated');
  }
  if (!withinWorkHours(user.workHours, ctx.now(), workspace.timeZone)) {
    await recordAudit(ctx.db, wctx, { action: 'auth.login_refused', entityType: 'user', entityId: user.id, actorUserId: user.id, actorLabel: user.login, changes: { reason: 'outside_work_hours' } });
    throw new AppError(403, 'outside_work_hours', 'Login is not allowed outside your work hours');
  }
  await clearFailures(ctx.db, input.login);
  return ctx.db.transaction(async (tx) => {
    const token = await createSession(tx, {
      workspaceId: user.workspaceId,
      kind: 'session',
      userId: user.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      ttlMs: SESSION_TTL_MS,
    });
    const row = await updateUser(tx, user.workspaceId, user.id, { lastLoginAt: new Date() });
    await recordAudit(tx, wctx, { action: 'auth.login', entityType: 'user', entityId: user.id, actorUserId: user.id, actorLabel: user.login });
    return { token, user: row!, workspace };
  });
}

export async function logout(ctx: Ctx) {
  if (!ctx.actor) return;
  await ctx.db.transaction(async (tx) => {
    await revokeSession(tx, ctx.workspaceId, ctx.actor!.sessionId);
    await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'session.ended', payload: { sessionId: ctx.actor!.sessionId } });
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor!.userId ?? undefined });
  });
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
  const userId = ctx.actor?.userId;
  if (!userId) throw unauthorized('Only users have passwords');
  const user = await findUser(ctx.db, ctx.workspaceId, userId);
  if (!user) throw unauthorized();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw validationFailed([{ path: 'currentPassword', message: 'Current password is incorrect' }]);
  }
  assertStrongPassword(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw validationFailed([{ path: 'newPassword', message: 'The new password must differ from the current one' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, ctx.workspaceId, userId, { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() });
    await revokeUserSessions(tx, ctx.workspaceId, userId, ctx.actor!.sessionId);
    await recordAudit(tx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: userId });
  });
}

/** USER-8: consumer key + secret → a short-lived bearer token. */
export async function exchangeApiToken(ctx: Ctx, input: { consumerKey: string; consumerSecret: string }) {
  const [cred] = await ctx.db.select().from(apiCredentials).where(eq(apiCredentials.consumerKey, input.consumerKey)).limit(1);
  if (!cred || cred.status !== 'active' || !safeEqual(cred.secretHash, sha256(input.consumerSecret))) {
    throw invalidCredentials();
  }
  const accessToken = await ctx.db.transaction(async (tx) => {
    await tx.update(apiCredentials).set({ lastUsedAt: sql`now()` }).where(eq(apiCredentials.id, cred.id));
    return createSession(tx, {
      workspaceId: cred.workspaceId,
      kind: 'api',
      apiCredentialId: cred.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      ttlMs: API_TOKEN_TTL_S * 1000,
    });
  });
  return { accessToken, expiresIn: API_TOKEN_TTL_S, tokenType: 'Bearer' as const };
}
