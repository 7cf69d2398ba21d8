import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { ChannelType } from '@contracts/serving';
import type { Executor } from '../../platform/db/client';
import { channels } from './channel.schema';

export type ChannelRow = typeof channels.$inferSelect;

export async function findChannel(db: Executor, workspaceId: string, id: string): Promise<ChannelRow | null> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
    .limit(1);
  return row ?? null;
}

/**
 * By id alone, for public entry points (the web chat widget, provider webhooks) that know a
 * channel id before they know a workspace; the row carries its workspace id.
 */
export async function findChannelById(db: Executor, id: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).limit(1);
  return row ?? null;
}

export interface ChannelFilter {
  q?: string;
  type?: ChannelType;
  serviceGroupId?: string;
  status?: 'active' | 'inactive';
  limit: number;
  after: [string, string] | null;
}

export async function listChannels(db: Executor, workspaceId: string, f: ChannelFilter) {
  const where: (SQL | undefined)[] = [eq(channels.workspaceId, workspaceId)];
  if (f.status) where.push(eq(channels.status, f.status));
  if (f.type) where.push(eq(channels.type, f.type));
  if (f.serviceGroupId) where.push(eq(channels.serviceGroupId, f.serviceGroupId));
  if (f.q) where.push(ilike(channels.name, `%${f.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (f.after) {
    const [name, id] = f.after;
    where.push(or(gt(channels.name, name), and(eq(channels.name, name), gt(channels.id, id))));
  }
  return db
    .select()
    .from(channels)
    .where(and(...where))
    .orderBy(asc(channels.name), asc(channels.id))
    .limit(f.limit + 1);
}

export async function activeChannelsUsingGroup(db: Executor, workspaceId: string, serviceGroupId: string) {
  return db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.status, 'active'), eq(channels.serviceGroupId, serviceGroupId)))
    .orderBy(asc(channels.name));
}

export async function insertChannel(db: Executor, values: typeof channels.$inferInsert): Promise<ChannelRow> {
  const [row] = await db.insert(channels).values(values).returning();
  return row;
}

export async function updateChannel(
  db: Executor,
  workspaceId: string,
  id: string,
  values: Partial<Pick<ChannelRow, 'name' | 'serviceGroupId' | 'settings' | 'credentialsSealed' | 'status'>>,
) {
  const [row] = await db
    .update(channels)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id)))
    .returning();
  return row ?? null;
}

/** Whether another active channel of `type` answers for this provider id (webhook routing). */
export async function externalKeyTaken(db: Executor, type: ChannelType, key: string, exceptId: string | null) {
  const rows = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.type, type), eq(channels.externalKey, key), eq(channels.status, 'active'), exceptId ? sql`${channels.id} <> ${exceptId}` : undefined))
    .limit(1);
  return rows.length > 0;
}
