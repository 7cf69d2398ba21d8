import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contactIdentities, contacts } from './contact.schema';

export type ContactRow = typeof contacts.$inferSelect;

export async function findContact(db: Executor, workspaceId: string, id: string): Promise<ContactRow | null> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id))).limit(1);
  return row ?? null;
}

export async function insertContact(db: Executor, values: typeof contacts.$inferInsert) {
  const [row] = await db.insert(contacts).values(values).returning();
  return row;
}

export async function updateContact(db: Executor, workspaceId: string, id: string, values: Partial<typeof contacts.$inferInsert>) {
  const [row] = await db
    .update(contacts)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .returning();
  return row ?? null;
}

export async function listContacts(db: Executor, workspaceId: string, q: { q?: string; phone?: string | null; limit: number; after: [string, string] | null }) {
  const where: (SQL | undefined)[] = [eq(contacts.workspaceId, workspaceId)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(or(ilike(contacts.displayName, like), ilike(contacts.email, like), q.phone ? eq(contacts.phone, q.phone) : undefined));
  }
  if (q.after) {
    const [name, id] = q.after;
    where.push(or(gt(contacts.displayName, name), and(eq(contacts.displayName, name), gt(contacts.id, id))));
  }
  return db.select().from(contacts).where(and(...where)).orderBy(asc(contacts.displayName), asc(contacts.id)).limit(q.limit + 1);
}

export interface ChannelIdentity {
  externalId: string;
  displayName: string;
  phone?: string | null;
  email?: string | null;
}

/**
 * CONT-6: the contact a channel identity belongs to, created on first contact. Concurrent
 * first messages of one identity race on the unique index; the loser reads the winner's row.
 */
export async function findOrCreateContactByIdentity(
  tx: Executor,
  i: ChannelIdentity & { workspaceId: string; channelId: string },
): Promise<ContactRow> {
  const found = await findOrCreateContactsByIdentity(tx, i.workspaceId, i.channelId, [i]);
  return found.get(i.externalId)!;
}

/** The same for many identities of one channel, in a constant number of queries (webhook batches). */
export async function findOrCreateContactsByIdentity(
  tx: Executor,
  workspaceId: string,
  channelId: string,
  identities: ChannelIdentity[],
): Promise<Map<string, ContactRow>> {
  const wanted = new Map(identities.map((i) => [i.externalId, i]));
  const found = await contactsByIdentity(tx, workspaceId, channelId, [...wanted.keys()]);
  const missing = [...wanted.values()].filter((i) => !found.has(i.externalId));
  if (missing.length === 0) return found;

  // Ids chosen here tie each new row to its identity without relying on RETURNING's order.
  const ids = missing.map(() => randomUUID());
  const rows = await tx
    .insert(contacts)
    .values(missing.map((i, n) => ({ id: ids[n], workspaceId, displayName: i.displayName, phone: i.phone ?? null, email: i.email ?? null })))
    .returning();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const created = ids.map((id) => byId.get(id)!);
  const linked = await tx
    .insert(contactIdentities)
    .values(missing.map((i, n) => ({ workspaceId, channelId, externalId: i.externalId, contactId: created[n].id })))
    .onConflictDoNothing()
    .returning({ externalId: contactIdentities.externalId });
  const won = new Set(linked.map((l) => l.externalId));
  missing.forEach((i, n) => won.has(i.externalId) && found.set(i.externalId, created[n]));
  const lost = missing.flatMap((i, n) => (won.has(i.externalId) ? [] : [created[n].id]));
  if (lost.length === 0) return found;
  // Another worker created these identities first: drop our copies, take theirs.
  await tx.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, lost)));
  const theirs = await contactsByIdentity(tx, workspaceId, channelId, missing.filter((i) => !won.has(i.externalId)).map((i) => i.externalId));
  for (const [externalId, contact] of theirs) found.set(externalId, contact);
  return found;
}

async function contactsByIdentity(tx: Executor, workspaceId: string, channelId: string, externalIds: string[]) {
  const rows = await tx
    .select({ externalId: contactIdentities.externalId, contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.workspaceId, workspaceId), eq(contactIdentities.channelId, channelId), inArray(contactIdentities.externalId, externalIds)));
  return new Map(rows.map((r) => [r.externalId, r.contact]));
}

/** Contacts by id, for a batch of inbound messages. */
export async function findContacts(db: Executor, workspaceId: string, ids: string[]): Promise<Map<string, ContactRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** ROUTE-3 priority service: the wallet agent of each of these contacts that has one. */
export async function walletAgentsOf(db: Executor, workspaceId: string, contactIds: string[]): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .select({ id: contacts.id, agent: contacts.walletAgentId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...new Set(contactIds)]), isNotNull(contacts.walletAgentId)));
  return new Map(rows.map((r) => [r.id, r.agent!]));
}
