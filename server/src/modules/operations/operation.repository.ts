import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { operations } from './operation.schema';

export type OperationRow = typeof operations.$inferSelect;

export async function findOperation(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(operations)
    .where(and(eq(operations.workspaceId, workspaceId), eq(operations.id, id)))
    .limit(1);
  return row ?? null;
}

/** The ids among `ids` that exist in the workspace. */
export async function existingOperationIds(db: Executor, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.workspaceId, workspaceId), inArray(operations.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function listOperations(
  db: Executor,
  workspaceId: string,
  q: { q?: string; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null },
) {
  const where: (SQL | undefined)[] = [eq(operations.workspaceId, workspaceId)];
  if (q.status) where.push(eq(operations.status, q.status));
  if (q.q) where.push(ilike(operations.name, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (q.after) {
    const [name, id] = q.after;
    where.push(or(gt(operations.name, name), and(eq(operations.name, name), gt(operations.id, id))));
  }
  return db
    .select()
    .from(operations)
    .where(and(...where))
    .orderBy(asc(operations.name), asc(operations.id))
    .limit(q.limit + 1);
}

export async function insertOperation(db: Executor, values: typeof operations.$inferInsert) {
  const [row] = await db.insert(operations).values(values).returning();
  return row;
}

export async function updateOperation(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<OperationRow, 'name' | 'description' | 'status'>>,
) {
  const [row] = await db
    .update(operations)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(operations.workspaceId, workspaceId), eq(operations.id, id)))
    .returning();
  return row ?? null;
}
