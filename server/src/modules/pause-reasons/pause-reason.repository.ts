import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { pauseReasons } from './pause-reason.schema';

export type PauseReasonRow = typeof pauseReasons.$inferSelect;

export async function findPauseReason(db: Executor, workspaceId: string, id: string): Promise<PauseReasonRow | null> {
  const [row] = await db
    .select()
    .from(pauseReasons)
    .where(and(eq(pauseReasons.workspaceId, workspaceId), eq(pauseReasons.id, id)))
    .limit(1);
  return row ?? null;
}

export async function listPauseReasons(
  db: Executor,
  workspaceId: string,
  f: { q?: string; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null },
) {
  const where: (SQL | undefined)[] = [eq(pauseReasons.workspaceId, workspaceId)];
  if (f.status) where.push(eq(pauseReasons.status, f.status));
  if (f.q) where.push(ilike(pauseReasons.name, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (f.after) {
    const [name, id] = f.after;
    where.push(or(gt(pauseReasons.name, name), and(eq(pauseReasons.name, name), gt(pauseReasons.id, id))));
  }
  return db
    .select()
    .from(pauseReasons)
    .where(and(...where))
    .orderBy(asc(pauseReasons.name), asc(pauseReasons.id))
    .limit(f.limit + 1);
}

export async function insertPauseReason(db: Executor, values: typeof pauseReasons.$inferInsert) {
  const [row] = await db.insert(pauseReasons).values(values).returning();
  return row;
}

export async function updatePauseReason(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<PauseReasonRow, 'name' | 'minutes' | 'status'>>,
) {
  const [row] = await db
    .update(pauseReasons)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(pauseReasons.workspaceId, workspaceId), eq(pauseReasons.id, id)))
    .returning();
  return row ?? null;
}
