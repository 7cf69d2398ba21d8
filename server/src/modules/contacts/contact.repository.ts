import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
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

/**
 * CONT-6: the contact a channel identity belongs to, created on first contact. Concurrent
 * first messages of one identity race on the unique index; the loser reads the winner's row.
 */
export async function findOrCreateContactByIdentity(
  tx: Executor,
  i: { workspaceId: string; channelId: string; externalId: string; displayName: string; phone?: string | null; email?: string | null },
): Promise<ContactRow> {
  const existing = await tx
    .select({ contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.workspaceId, i.workspaceId), eq(contactIdentities.channelId, i.channelId), eq(contactIdentities.externalId, i.externalId)))
    .limit(1);
  if (existing[0]) return existing[0].contact;
  const contact = await insertContact(tx, { workspaceId: i.workspaceId, displayName: i.displayName, phone: i.phone ?? null, email: i.email ?? null });
  const inserted = await tx
    .insert(contactIdentities)
    .values({ workspaceId: i.workspaceId, channelId: i.channelId, externalId: i.externalId, contactId: contact.id })
    .onConflictDoNothing()
    .returning();
  if (inserted.length) return contact;
  await tx.delete(contacts).where(eq(contacts.id, contact.id));
  return findOrCreateContactByIdentity(tx, i);
}
