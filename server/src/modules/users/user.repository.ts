import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import type { Role } from '@contracts/users';
import { userOperations, users } from './user.schema';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;

export async function findUser(db: Executor, workspaceId: string, id: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

/** Login names are unique across the installation, so login needs no workspace. */
export async function findUserByLogin(db: Executor, login: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = lower(${login})`)
    .limit(1);
  return row ?? null;
}

/** Id, role and status of many users in one query (membership checks of service groups). */
export async function findUsersByIds(db: Executor, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role, status: users.status, maxConversations: users.maxConversations })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids)));
}

export interface UserFilter {
  q?: string;
  role?: Role;
  status?: 'active' | 'inactive';
  limit: number;
  after: [string, string] | null;
}

export async function listUsers(db: Executor, workspaceId: string, f: UserFilter) {
  const where: (SQL | undefined)[] = [eq(users.workspaceId, workspaceId)];
  if (f.role) where.push(eq(users.role, f.role));
  if (f.status) where.push(eq(users.status, f.status));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(or(ilike(users.displayName, like), ilike(users.login, like), ilike(users.email, like)));
  }
  if (f.after) {
    const [name, id] = f.after;
    where.push(or(gt(users.displayName, name), and(eq(users.displayName, name), gt(users.id, id))));
  }
  return db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(f.limit + 1);
}

export async function insertUser(db: Executor, values: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUser(db: Executor, workspaceId: string, id: string, values: Partial<UserInsert>) {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, id)))
    .returning();
  return row ?? null;
}

/** Operation ids of many users in one query (no N+1 on lists). */
export async function operationIdsOf(db: Executor, workspaceId: string, userIds: string[]) {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return map;
  const rows = await db
    .select({ userId: userOperations.userId, operationId: userOperations.operationId })
    .from(userOperations)
    .where(and(eq(userOperations.workspaceId, workspaceId), inArray(userOperations.userId, userIds)));
  for (const r of rows) map.get(r.userId)?.push(r.operationId);
  return map;
}

export async function replaceOperations(db: Executor, workspaceId: string, userId: string, operationIds: string[]) {
  await db
    .delete(userOperations)
    .where(and(eq(userOperations.workspaceId, workspaceId), eq(userOperations.userId, userId)));
  if (operationIds.length) {
    await db.insert(userOperations).values(operationIds.map((operationId) => ({ workspaceId, userId, operationId })));
  }
}

export async function countActiveAdmins(db: Executor, workspaceId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'admin'), eq(users.status, 'active')));
  return r.n;
}
