import { agentPermissionsSchema, type AgentPermissions, type CreateUserInput, type Role, type UpdateUserInput } from '@contracts/users';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { recordAudit } from '../audit';
import { emitEvent } from '../../platform/events/outbox';
import { existingOperationIds } from '../operations';
import { SERVING_ROLES, serviceGroupIdProblems, serviceGroupIdsOfUsers, setServiceGroupsOfUser } from '../service-groups';
import { revokeUserSessions } from '../auth/session.repository';
import { assertStrongPassword, hashPassword } from './password';
import * as repo from './user.repository';
import { presentUser } from './user.presenter';

async function assertOperations(db: Executor, workspaceId: string, ids: string[]) {
  const found = await existingOperationIds(db, workspaceId, ids);
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw validationFailed([{ path: `operationIds.${missing}`, message: 'operation not found' }]);
}

/**
 * Groups a user serves in: active groups of the workspace (ones the user already belongs to
 * stay accepted after a deactivation), and only for the roles that serve.
 */
async function assertServiceGroups(db: Executor, workspaceId: string, ids: string[], alreadyLinked: string[], role: Role) {
  if (ids.length && !(SERVING_ROLES as readonly string[]).includes(role)) {
    throw validationFailed([{ path: 'serviceGroupIds', message: 'only agents and supervisor-agents serve in groups' }]);
  }
  const problems = await serviceGroupIdProblems(db, workspaceId, ids, alreadyLinked);
  if (problems.length) throw validationFailed(problems);
}

/** Operations and service groups of many users, one query each (lists have no N+1). */
async function linksOf(db: Executor, workspaceId: string, userIds: string[]) {
  const [ops, groups] = await Promise.all([repo.operationIdsOf(db, workspaceId, userIds), serviceGroupIdsOfUsers(db, workspaceId, userIds)]);
  return (row: repo.UserRow) => presentUser(row, ops.get(row.id) ?? [], groups.get(row.id) ?? []);
}

const loginTaken = () => conflict('This login is already in use', [{ path: 'login', message: 'already in use' }]);

/**
 * USER-4 permissions with the extension password sealed at rest. The API never returns
 * it, so an edit that sends none keeps the stored one.
 */
function sealPermissions(ctx: Ctx, given: UpdateUserInput['permissions'], before?: AgentPermissions) {
  const p = agentPermissionsSchema.parse(given ?? {});
  const plain = p.voice.extensionPassword;
  const extensionPassword = plain ? ctx.secrets.seal(plain) : (before?.voice.extensionPassword ?? null);
  return { ...p, voice: { ...p.voice, extensionPassword } };
}

/** Fields of the input that map 1:1 onto columns. */
function columnsOf(input: UpdateUserInput) {
  const { operationIds: _o, serviceGroupIds: _g, password: _p, permissions: _perm, ...rest } = input;
  return rest;
}

export async function createUser(ctx: Ctx, input: CreateUserInput & { operationIds: string[]; serviceGroupIds: string[] }) {
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertOperations(tx, ctx.workspaceId, input.operationIds);
      await assertServiceGroups(tx, ctx.workspaceId, input.serviceGroupIds, [], input.role);
      const row = await repo.insertUser(tx, {
        ...columnsOf(input),
        displayName: input.displayName,
        role: input.role,
        workspaceId: ctx.workspaceId,
        login: input.login,
        passwordHash,
        permissions: sealPermissions(ctx, input.permissions),
        mustChangePassword: input.mustChangePassword ?? true,
      });
      await repo.replaceOperations(tx, ctx.workspaceId, row.id, input.operationIds);
      await setServiceGroupsOfUser(tx, ctx.workspaceId, row.id, input.serviceGroupIds);
      await recordAudit(tx, ctx, { action: 'user.created', entityType: 'user', entityId: row.id, changes: { ...input, password: input.password } });
      return (await linksOf(tx, ctx.workspaceId, [row.id]))(row);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'users_login_uq')) throw loginTaken();
    throw e;
  }
}

export async function getUser(ctx: Ctx, id: string) {
  const row = await repo.findUser(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('User');
  return (await linksOf(ctx.db, ctx.workspaceId, [id]))(row);
}

export async function listUsers(ctx: Ctx, q: { q?: string; role?: Role; status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listUsers(ctx.db, ctx.workspaceId, { ...q, after });
  const { items, nextCursor } = pageOf(rows, q.limit, (r) => [r.displayName, r.id]);
  const present = await linksOf(ctx.db, ctx.workspaceId, items.map((r) => r.id));
  return { items: items.map(present), nextCursor };
}

/** An administrator may not remove the workspace's last active administrator. */
async function assertKeepsAnAdmin(tx: Executor, ctx: Ctx, before: repo.UserRow, change: { role?: Role; status?: string }) {
  const losesAdmin = before.role === 'admin' && before.status === 'active' &&
    ((change.role && change.role !== 'admin') || change.status === 'inactive');
  if (losesAdmin && (await repo.countActiveAdmins(tx, ctx.workspaceId)) <= 1) {
    throw conflict('The workspace needs at least one active administrator', [
      { path: change.role ? 'role' : 'status', message: 'last active administrator' },
    ]);
  }
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput) {
  if (input.password !== undefined) assertStrongPassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUser(tx, ctx.workspaceId, id);
    if (!before) throw notFound('User');
    await assertKeepsAnAdmin(tx, ctx, before, { role: input.role });
    if (input.operationIds) await assertOperations(tx, ctx.workspaceId, input.operationIds);
    if (input.serviceGroupIds) {
      const current = (await serviceGroupIdsOfUsers(tx, ctx.workspaceId, [id])).get(id) ?? [];
      await assertServiceGroups(tx, ctx.workspaceId, input.serviceGroupIds, current, input.role ?? before.role);
    }
    const row = await repo.updateUser(tx, ctx.workspaceId, id, {
      ...columnsOf(input),
      ...(input.permissions ? { permissions: sealPermissions(ctx, input.permissions, before.permissions) } : {}),
      ...(passwordHash ? { passwordHash, mustChangePassword: input.mustChangePassword ?? true, passwordChangedAt: new Date() } : {}),
    });
    if (input.operationIds) await repo.replaceOperations(tx, ctx.workspaceId, id, input.operationIds);
    if (input.serviceGroupIds) await setServiceGroupsOfUser(tx, ctx.workspaceId, id, input.serviceGroupIds);
    // A new password or another role ends the user's sessions and live connections.
    if (passwordHash || (input.role && input.role !== before.role)) {
      await revokeUserSessions(tx, ctx.workspaceId, id);
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'user.access_revoked', payload: { userId: id, reason: passwordHash ? 'password_reset' : 'role_changed' } });
    }
    await recordAudit(tx, ctx, { action: 'user.updated', entityType: 'user', entityId: id, changes: input });
    return (await linksOf(tx, ctx.workspaceId, [id]))(row!);
  });
}

export async function setUserStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUser(tx, ctx.workspaceId, id);
    if (!before) throw notFound('User');
    if (status === 'inactive' && ctx.actor?.userId === id) {
      throw conflict('You cannot deactivate yourself', [{ path: 'id', message: 'own account' }]);
    }
    await assertKeepsAnAdmin(tx, ctx, before, { status });
    const row = await repo.updateUser(tx, ctx.workspaceId, id, { status });
    if (status === 'inactive') {
      await revokeUserSessions(tx, ctx.workspaceId, id);
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'user.access_revoked', payload: { userId: id, reason: 'deactivated' } });
    }
    await recordAudit(tx, ctx, { action: status === 'active' ? 'user.activated' : 'user.deactivated', entityType: 'user', entityId: id });
    return (await linksOf(tx, ctx.workspaceId, [id]))(row!);
  });
}
