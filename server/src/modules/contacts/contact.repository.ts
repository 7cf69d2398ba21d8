import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contactAttributes, contactAttributeValues, contactIdentities, contacts } from './contact.schema';

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

/** Attribute values of these contacts, with the attribute names (one query for a page). */
export async function attributesOf(db: Executor, workspaceId: string, contactIds: string[]) {
  const out = new Map<string, { attributeId: string; name: string; value: string }[]>();
  if (contactIds.length === 0) return out;
  const rows = await db
    .select({ contactId: contactAttributeValues.contactId, attributeId: contactAttributes.id, name: contactAttributes.name, value: contactAttributeValues.value })
    .from(contactAttributeValues)
    .innerJoin(contactAttributes, eq(contactAttributes.id, contactAttributeValues.attributeId))
    .where(and(eq(contactAttributeValues.workspaceId, workspaceId), inArray(contactAttributeValues.contactId, contactIds)))
    .orderBy(asc(contactAttributes.name));
  for (const r of rows) out.set(r.contactId, [...(out.get(r.contactId) ?? []), { attributeId: r.attributeId, name: r.name, value: r.value }]);
  return out;
}

/** Replaces a contact's attribute values (an empty value removes the attribute). */
export async function setAttributeValues(db: Executor, workspaceId: string, contactId: string, list: { attributeId: string; value: string }[]) {
  await db.delete(contactAttributeValues).where(and(eq(contactAttributeValues.workspaceId, workspaceId), eq(contactAttributeValues.contactId, contactId)));
  const kept = list.filter((a) => a.value !== '');
  if (kept.length) await db.insert(contactAttributeValues).values(kept.map((a) => ({ workspaceId, contactId, attributeId: a.attributeId, value: a.value })));
}

/**
 * Contacts holding any of these phones (duplicate checks of the API and of each import batch): one
 * query, always through the GIN index (`contacts_holding_phones`, migration 0016, says why).
 */
export async function contactsWithPhones(db: Executor, workspaceId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  const r = await db.execute<{ id: string; phone_numbers: string[] }>(
    sql`select id, phone_numbers from contacts_holding_phones(${workspaceId}, ${sql.param([...new Set(numbers)])}::text[])`,
  );
  return r.rows.map((c) => ({ id: c.id, phoneNumbers: c.phone_numbers }));
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

/**
 * The same for many identities of one channel, in a constant number of queries (webhook batches).
 * CONT-6: an identity whose phone is already a contact's (imported, typed by an agent) joins that
 * contact; otherwise a contact is created — unless the channel serves known contacts only
 * (`create: false`), and then the identity is left out of the answer.
 */
export async function findOrCreateContactsByIdentity(
  tx: Executor,
  workspaceId: string,
  channelId: string,
  identities: ChannelIdentity[],
  opts: { create?: boolean } = {},
): Promise<Map<string, ContactRow>> {
  const wanted = new Map(identities.map((i) => [i.externalId, i]));
  const found = await contactsByIdentity(tx, workspaceId, channelId, [...wanted.keys()]);
  const missing = [...wanted.values()].filter((i) => !found.has(i.externalId));
  if (missing.length === 0) return found;

  const known = await contactsByPhone(tx, workspaceId, missing.flatMap((i) => (i.phone ? [i.phone] : [])));
  const existing = missing.flatMap((i) => (i.phone && known.has(i.phone) ? [{ identity: i, contact: known.get(i.phone)! }] : []));
  const unknown = opts.create === false ? [] : missing.filter((i) => !(i.phone && known.has(i.phone)));
  // Ids chosen here tie each new row to its identity without relying on RETURNING's order.
  const ids = unknown.map(() => randomUUID());
  const rows = unknown.length
    ? await tx
        .insert(contacts)
        .values(unknown.map((i, n) => ({ id: ids[n], workspaceId, displayName: i.displayName, phone: i.phone ?? null, email: i.email ?? null })))
        .returning()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pairs = [...existing, ...unknown.map((identity, n) => ({ identity, contact: byId.get(ids[n])!, created: true }))];
  if (pairs.length === 0) return found;
  const linked = await tx
    .insert(contactIdentities)
    .values(pairs.map((p) => ({ workspaceId, channelId, externalId: p.identity.externalId, contactId: p.contact.id })))
    .onConflictDoNothing()
    .returning({ externalId: contactIdentities.externalId });
  const won = new Set(linked.map((l) => l.externalId));
  for (const p of pairs) if (won.has(p.identity.externalId)) found.set(p.identity.externalId, p.contact);
  const lost = pairs.filter((p) => !won.has(p.identity.externalId));
  if (lost.length === 0) return found;
  // Another worker linked these identities first: drop the contacts we created for them, take theirs.
  const ours = lost.flatMap((p) => ('created' in p ? [p.contact.id] : []));
  if (ours.length) await tx.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ours)));
  const theirs = await contactsByIdentity(tx, workspaceId, channelId, lost.map((p) => p.identity.externalId));
  for (const [externalId, contact] of theirs) found.set(externalId, contact);
  return found;
}

/** The contact of each of these numbers (the oldest, when two share one). */
async function contactsByPhone(tx: Executor, workspaceId: string, numbers: string[]) {
  const out = new Map<string, ContactRow>();
  if (numbers.length === 0) return out;
  const holding = sql`(select id from contacts_holding_phones(${workspaceId}, ${sql.param([...new Set(numbers)])}::text[]))`;
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.id} in ${holding}`))
    .orderBy(asc(contacts.createdAt));
  for (const c of rows) for (const n of c.phoneNumbers) if (numbers.includes(n) && !out.has(n)) out.set(n, c);
  return out;
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
