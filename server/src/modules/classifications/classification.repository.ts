import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { classifications } from './classification.schema';

export type ClassificationRow = typeof classifications.$inferSelect;

export async function findClassification(db: Executor, workspaceId: string, id: string): Promise<ClassificationRow | null> {
  const [row] = await db
    .select()
    .from(classifications)
    .where(and(eq(classifications.workspaceId, workspaceId), eq(classifications.id, id)))
    .limit(1);
  return row ?? null;
}

/** Every node of the workspace: trees are small (tens to hundreds of reasons) and built in memory. */
export async function allClassifications(db: Executor, workspaceId: string): Promise<ClassificationRow[]> {
  return db
    .select()
    .from(classifications)
    .where(eq(classifications.workspaceId, workspaceId))
    .orderBy(asc(classifications.position), asc(classifications.createdAt), asc(classifications.id));
}

export async function siblingsOf(db: Executor, workspaceId: string, parentId: string | null): Promise<ClassificationRow[]> {
  return db
    .select()
    .from(classifications)
    .where(
      and(
        eq(classifications.workspaceId, workspaceId),
        parentId ? eq(classifications.parentId, parentId) : isNull(classifications.parentId),
      ),
    )
    .orderBy(asc(classifications.position), asc(classifications.createdAt), asc(classifications.id));
}

/** The node and its ancestors up to the root, node first (one recursive query). */
export async function chainToRoot(db: Executor, workspaceId: string, id: string) {
  const result = await db.execute<{ id: string; parent_id: string | null; name: string; status: 'active' | 'inactive' }>(sql`
    with recursive up as (
      select id, parent_id, name, status, 1 as depth from classifications where workspace_id = ${workspaceId} and id = ${id}
      union all
      select c.id, c.parent_id, c.name, c.status, up.depth + 1
        from classifications c join up on c.id = up.parent_id
       where c.workspace_id = ${workspaceId} and up.depth < 10
    )
    select id, parent_id, name, status from up order by depth`);
  return result.rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, status: r.status }));
}

export async function insertClassification(db: Executor, values: typeof classifications.$inferInsert): Promise<ClassificationRow> {
  const [row] = await db.insert(classifications).values(values).returning();
  return row;
}

export async function updateClassification(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<ClassificationRow, 'name' | 'parentId' | 'position' | 'status'>>,
) {
  const [row] = await db
    .update(classifications)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(classifications.workspaceId, workspaceId), eq(classifications.id, id)))
    .returning();
  return row ?? null;
}

/** Positions 0..n-1 in the given order; only rows whose position changes are written. */
export async function renumber(db: Executor, workspaceId: string, ordered: ClassificationRow[]) {
  for (const [position, row] of ordered.entries()) {
    if (row.position !== position) {
      await db
        .update(classifications)
        .set({ position })
        .where(and(eq(classifications.workspaceId, workspaceId), eq(classifications.id, row.id)));
    }
  }
}
