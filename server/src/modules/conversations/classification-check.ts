import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';

/**
 * QUAL-2: a classification may close a conversation when it is active and inside the group's
 * tree (the root or a descendant); a group without a tree accepts any active one.
 */
export async function classificationAllowed(db: Executor, workspaceId: string, rootId: string | null, nodeId: string): Promise<boolean> {
  const r = await db.execute<{ ok: boolean }>(sql`
    with recursive tree as (
      select id from classifications
      where workspace_id = ${workspaceId} and status = 'active' and ${rootId ? sql`id = ${rootId}` : sql`parent_id is null`}
      union all
      select c.id from classifications c join tree t on c.parent_id = t.id
      where c.workspace_id = ${workspaceId} and c.status = 'active')
    select exists (select 1 from tree where id = ${nodeId}) as ok`);
  return r.rows[0].ok;
}
