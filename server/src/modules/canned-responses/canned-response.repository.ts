import { and, asc, eq, gt, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { cannedResponses } from './canned-response.schema';

export type CannedResponseRow = typeof cannedResponses.$inferSelect;

const ACCENTED = 'áàâãäåéèêëíìîïóòôõöúùûüçñ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuucn';

/** Lower case without accents, in SQL, so "promocao" finds "Promoção" (no extension needed). */
const folded = (column: AnyColumn) => sql`translate(lower(${column}), ${ACCENTED}, ${PLAIN})`;

/** The same folding in JavaScript for the search term. */
export const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '');

export async function findCannedResponse(db: Executor, workspaceId: string, id: string): Promise<CannedResponseRow | null> {
  const [row] = await db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
    .limit(1);
  return row ?? null;
}

export interface CannedFilter {
  q?: string;
  /** Workspace-wide responses plus this group's. */
  serviceGroupId?: string;
  status?: 'active' | 'inactive';
  limit: number;
  after: [string, string] | null;
}

export async function listCannedResponses(db: Executor, workspaceId: string, f: CannedFilter) {
  const where: (SQL | undefined)[] = [eq(cannedResponses.workspaceId, workspaceId)];
  if (f.status) where.push(eq(cannedResponses.status, f.status));
  if (f.serviceGroupId) where.push(or(isNull(cannedResponses.serviceGroupId), eq(cannedResponses.serviceGroupId, f.serviceGroupId)));
  if (f.q) {
    const like = `%${fold(f.q).replace(/[\\%_]/g, '\\$&')}%`;
    where.push(
      or(
        sql`${folded(cannedResponses.shortcut)} like ${like}`,
        sql`${folded(cannedResponses.title)} like ${like}`,
        sql`${folded(cannedResponses.text)} like ${like}`,
      ),
    );
  }
  if (f.after) {
    const [shortcut, id] = f.after;
    where.push(or(gt(cannedResponses.shortcut, shortcut), and(eq(cannedResponses.shortcut, shortcut), gt(cannedResponses.id, id))));
  }
  return db
    .select()
    .from(cannedResponses)
    .where(and(...where))
    .orderBy(asc(cannedResponses.shortcut), asc(cannedResponses.id))
    .limit(f.limit + 1);
}

export async function insertCannedResponse(db: Executor, values: typeof cannedResponses.$inferInsert) {
  const [row] = await db.insert(cannedResponses).values(values).returning();
  return row;
}

export async function updateCannedResponse(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<CannedResponseRow, 'shortcut' | 'title' | 'text' | 'serviceGroupId' | 'status'>>,
) {
  const [row] = await db
    .update(cannedResponses)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(cannedResponses.workspaceId, workspaceId), eq(cannedResponses.id, id)))
    .returning();
  return row ?? null;
}
