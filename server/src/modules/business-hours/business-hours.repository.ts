import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { businessHours } from './business-hours.schema';

export type BusinessHoursRow = typeof businessHours.$inferSelect;
export type BusinessHoursInsert = typeof businessHours.$inferInsert;

export async function findBusinessHours(db: Executor, workspaceId: string, id: string): Promise<BusinessHoursRow | null> {
  const [row] = await db
    .select()
    .from(businessHours)
    .where(and(eq(businessHours.workspaceId, workspaceId), eq(businessHours.id, id)))
    .limit(1);
  return row ?? null;
}

/** `{ id, name, status }` of the given schedules of the workspace (unknown ids are absent). */
export async function findBusinessHoursSummaries(db: Executor, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: businessHours.id, name: businessHours.name, status: businessHours.status })
    .from(businessHours)
    .where(and(eq(businessHours.workspaceId, workspaceId), inArray(businessHours.id, ids)));
}

export async function listBusinessHours(
  db: Executor,
  workspaceId: string,
  f: { q?: string; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null },
) {
  const where: (SQL | undefined)[] = [eq(businessHours.workspaceId, workspaceId)];
  if (f.status) where.push(eq(businessHours.status, f.status));
  if (f.q) where.push(ilike(businessHours.name, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (f.after) {
    const [name, id] = f.after;
    where.push(or(gt(businessHours.name, name), and(eq(businessHours.name, name), gt(businessHours.id, id))));
  }
  return db
    .select()
    .from(businessHours)
    .where(and(...where))
    .orderBy(asc(businessHours.name), asc(businessHours.id))
    .limit(f.limit + 1);
}

export async function insertBusinessHours(db: Executor, values: BusinessHoursInsert): Promise<BusinessHoursRow> {
  const [row] = await db.insert(businessHours).values(values).returning();
  return row;
}

export async function updateBusinessHours(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<BusinessHoursRow, 'name' | 'timeZone' | 'weekly' | 'holidays' | 'status'>>,
) {
  const [row] = await db
    .update(businessHours)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(businessHours.workspaceId, workspaceId), eq(businessHours.id, id)))
    .returning();
  return row ?? null;
}
