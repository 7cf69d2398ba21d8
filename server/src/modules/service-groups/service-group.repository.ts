import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { serviceGroupAgents, serviceGroups, serviceGroupTransfers } from './service-group.schema';

export type ServiceGroupRow = typeof serviceGroups.$inferSelect;
export type ServiceGroupInsert = typeof serviceGroups.$inferInsert;

export async function findServiceGroup(db: Executor, workspaceId: string, id: string): Promise<ServiceGroupRow | null> {
  const [row] = await db
    .select()
    .from(serviceGroups)
    .where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, id)))
    .limit(1);
  return row ?? null;
}

export async function findServiceGroups(db: Executor, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: serviceGroups.id, name: serviceGroups.name, status: serviceGroups.status })
    .from(serviceGroups)
    .where(and(eq(serviceGroups.workspaceId, workspaceId), inArray(serviceGroups.id, ids)));
}

export interface GroupFilter {
  q?: string;
  status?: 'active' | 'inactive';
  limit: number;
  after: [string, string] | null;
}

export async function listServiceGroups(db: Executor, workspaceId: string, f: GroupFilter) {
  const where: (SQL | undefined)[] = [eq(serviceGroups.workspaceId, workspaceId)];
  if (f.status) where.push(eq(serviceGroups.status, f.status));
  if (f.q) where.push(ilike(serviceGroups.name, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (f.after) {
    const [name, id] = f.after;
    where.push(or(gt(serviceGroups.name, name), and(eq(serviceGroups.name, name), gt(serviceGroups.id, id))));
  }
  return db
    .select()
    .from(serviceGroups)
    .where(and(...where))
    .orderBy(asc(serviceGroups.name), asc(serviceGroups.id))
    .limit(f.limit + 1);
}

export async function insertServiceGroup(db: Executor, values: ServiceGroupInsert): Promise<ServiceGroupRow> {
  const [row] = await db.insert(serviceGroups).values(values).returning();
  return row;
}

export async function updateServiceGroup(db: Executor, workspaceId: string, id: string, values: Partial<ServiceGroupInsert>) {
  const [row] = await db
    .update(serviceGroups)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, id)))
    .returning();
  return row ?? null;
}

/** Member user ids of many groups in one query (lists have no N+1). */
export async function membersOfGroups(db: Executor, workspaceId: string, groupIds: string[]) {
  const map = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (!groupIds.length) return map;
  const rows = await db
    .select({ groupId: serviceGroupAgents.serviceGroupId, userId: serviceGroupAgents.userId })
    .from(serviceGroupAgents)
    .where(and(eq(serviceGroupAgents.workspaceId, workspaceId), inArray(serviceGroupAgents.serviceGroupId, groupIds)))
    .orderBy(asc(serviceGroupAgents.userId));
  for (const r of rows) map.get(r.groupId)?.push(r.userId);
  return map;
}

/** Transfer targets of many groups in one query. */
export async function transfersOfGroups(db: Executor, workspaceId: string, groupIds: string[]) {
  const map = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  if (!groupIds.length) return map;
  const rows = await db
    .select({ groupId: serviceGroupTransfers.serviceGroupId, targetId: serviceGroupTransfers.targetGroupId })
    .from(serviceGroupTransfers)
    .where(and(eq(serviceGroupTransfers.workspaceId, workspaceId), inArray(serviceGroupTransfers.serviceGroupId, groupIds)))
    .orderBy(asc(serviceGroupTransfers.targetGroupId));
  for (const r of rows) map.get(r.groupId)?.push(r.targetId);
  return map;
}

export async function replaceMembers(db: Executor, workspaceId: string, groupId: string, userIds: string[]) {
  await db
    .delete(serviceGroupAgents)
    .where(and(eq(serviceGroupAgents.workspaceId, workspaceId), eq(serviceGroupAgents.serviceGroupId, groupId)));
  if (userIds.length) {
    await db.insert(serviceGroupAgents).values(userIds.map((userId) => ({ workspaceId, serviceGroupId: groupId, userId })));
  }
}

export async function replaceTransfers(db: Executor, workspaceId: string, groupId: string, targetIds: string[]) {
  await db
    .delete(serviceGroupTransfers)
    .where(and(eq(serviceGroupTransfers.workspaceId, workspaceId), eq(serviceGroupTransfers.serviceGroupId, groupId)));
  if (targetIds.length) {
    await db
      .insert(serviceGroupTransfers)
      .values(targetIds.map((targetGroupId) => ({ workspaceId, serviceGroupId: groupId, targetGroupId })));
  }
}

/** Every group each user belongs to, active or not (the user form shows them all). */
export async function groupsOfUsers(db: Executor, workspaceId: string, userIds: string[]) {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return map;
  const rows = await db
    .select({ userId: serviceGroupAgents.userId, groupId: serviceGroupAgents.serviceGroupId })
    .from(serviceGroupAgents)
    .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupAgents.serviceGroupId))
    .where(and(eq(serviceGroupAgents.workspaceId, workspaceId), inArray(serviceGroupAgents.userId, userIds)))
    .orderBy(asc(serviceGroups.name));
  for (const r of rows) map.get(r.userId)?.push(r.groupId);
  return map;
}

/** The user's memberships become exactly `groupIds` (membership rows of other groups are kept as they are). */
export async function replaceGroupsOfUser(db: Executor, workspaceId: string, userId: string, groupIds: string[]) {
  await db
    .delete(serviceGroupAgents)
    .where(and(eq(serviceGroupAgents.workspaceId, workspaceId), eq(serviceGroupAgents.userId, userId)));
  if (groupIds.length) {
    await db.insert(serviceGroupAgents).values(groupIds.map((serviceGroupId) => ({ workspaceId, serviceGroupId, userId })));
  }
}

/** Active groups a user serves in. */
export async function activeGroupIdsOfUser(db: Executor, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: serviceGroups.id })
    .from(serviceGroupAgents)
    .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupAgents.serviceGroupId))
    .where(
      and(eq(serviceGroupAgents.workspaceId, workspaceId), eq(serviceGroupAgents.userId, userId), eq(serviceGroups.status, 'active')),
    )
    .orderBy(asc(serviceGroups.name));
  return rows.map((r) => r.id);
}

/** Active groups that offer this classification tree when closing and make it mandatory. */
export async function activeGroupsRequiringClassification(db: Executor, workspaceId: string, classificationId: string) {
  return db
    .select({ id: serviceGroups.id, name: serviceGroups.name })
    .from(serviceGroups)
    .where(
      and(
        eq(serviceGroups.workspaceId, workspaceId),
        eq(serviceGroups.classificationId, classificationId),
        eq(serviceGroups.classificationRequired, true),
        eq(serviceGroups.status, 'active'),
      ),
    )
    .orderBy(asc(serviceGroups.name));
}

/** Active groups a group may transfer to (ROUTE-8), by name. */
export async function activeTransferTargets(db: Executor, workspaceId: string, groupId: string) {
  return db
    .select({ id: serviceGroups.id, name: serviceGroups.name })
    .from(serviceGroupTransfers)
    .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupTransfers.targetGroupId))
    .where(
      and(
        eq(serviceGroupTransfers.workspaceId, workspaceId),
        eq(serviceGroupTransfers.serviceGroupId, groupId),
        eq(serviceGroups.status, 'active'),
      ),
    )
    .orderBy(asc(serviceGroups.name));
}
