import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contactAttributes, contactAttributeValues, contactIdentities, contacts, contactWords } from './contact.schema';

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

/** How a search reads the typed text (the service decides which). */
export type ContactSearch =
  | { by: 'document'; number: string }
  | { by: 'email'; email: string }
  | { by: 'phone'; e164: string | null; digits: string }
  | { by: 'name'; text: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * CONT-2 search, each kind on its own index: document (unique btree), e-mail (lower btree),
 * phone (GIN on the numbers, trigram on their digits for part of a number), name inside words
 * (trigram on the accent-free lower-case name; word starts go through `listContactsByName`).
 * Pages in name order.
 */
export async function listContacts(db: Executor, workspaceId: string, q: { search?: ContactSearch; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null }) {
  const where: (SQL | undefined)[] = [eq(contacts.workspaceId, workspaceId)];
  const s = q.search;
  if (s?.by === 'document') where.push(eq(contacts.documentNumber, s.number));
  if (s?.by === 'email') where.push(sql`lower(${contacts.email}) like ${`${escapeLike(s.email)}%`}`);
  if (s?.by === 'phone') {
    where.push(s.e164 ? sql`${contacts.phoneNumbers} @> array[${s.e164}]::text[]` : sql`${contacts.searchPhones} like ${`%${escapeLike(s.digits)}%`}`);
  }
  // Any part of the name (trigram): what word starts did not find.
  if (s?.by === 'name') where.push(sql`${contacts.searchName} like ${`%${escapeLike(s.text)}%`}`);
  if (q.status) where.push(eq(contacts.status, q.status));
  if (q.after) {
    const [name, id] = q.after;
    where.push(or(gt(contacts.displayName, name), and(eq(contacts.displayName, name), gt(contacts.id, id))));
  }
  // With a search, the name index must not drive the scan: walking a million names in order and
  // filtering them costs seconds when the matches are few or sit late in the alphabet. Ordering by
  // an expression of the same value keeps the order (and the cursor) while the search's own index
  // finds the rows, which are then sorted.
  const order = s ? sql`${contacts.displayName} || ''` : asc(contacts.displayName);
  return db.select().from(contacts).where(and(...where)).orderBy(order, asc(contacts.id)).limit(q.limit + 1);
}

/**
 * The typed word to drive the search: one that few contact words start with (counted up to a cap,
 * from the index), else the first typed — people type the first name first, and pages are in name
 * order, so its range holds the matches together instead of scattered through a common surname.
 */
async function leadWord(db: Executor, workspaceId: string, words: string[]) {
  if (words.length === 1) return words[0];
  const CAP = 200;
  const counts = await Promise.all(
    words.map(async (w) => {
      const r = await db.execute<{ n: number }>(sql`
        select count(*)::int as n from (select 1 from contact_words
          where workspace_id = ${workspaceId} and word like ${`${escapeLike(w)}%`} limit ${CAP}) x`);
      return { w, n: r.rows[0].n };
    }),
  );
  const rare = counts.filter((c) => c.n < CAP).sort((a, b) => a.n - b.n)[0];
  return rare?.w ?? words[0];
}

/**
 * CONT-2 name search as people type it: every typed word starts a word of the name ("mar sil"
 * finds "Maria da Silva"). Driven by one typed word (`leadWord`) through `contact_words`, whose index
 * order (word, name) is the page order, so a page reads only its own rows.
 */
export async function listContactsByName(
  db: Executor,
  workspaceId: string,
  q: { words: string[]; status?: 'active' | 'inactive'; limit: number; after: [string, string, string] | null },
) {
  const lead = await leadWord(db, workspaceId, q.words);
  const others = q.words.filter((w, i) => i !== q.words.indexOf(lead));
  const where: (SQL | undefined)[] = [
    eq(contactWords.workspaceId, workspaceId),
    sql`${contactWords.word} like ${`${escapeLike(lead)}%`}`,
    // strpos, not LIKE: the planner guesses LIKE on an expression to be very selective and then
    // starts from a scan of every contact instead of walking the ordered word index (300 ms → 30).
    ...others.map((w) => sql`strpos(' ' || ${contacts.searchName}, ${` ${w}`}) > 0`),
    q.status ? eq(contacts.status, q.status) : undefined,
    q.after ? sql`(${contactWords.word}, ${contactWords.sortName}, ${contactWords.contactId}) > (${q.after[0]}, ${q.after[1]}, ${q.after[2]}::uuid)` : undefined,
  ];
  return db
    .select({ contact: contacts, word: contactWords.word, sortName: contactWords.sortName })
    .from(contactWords)
    .innerJoin(contacts, eq(contacts.id, contactWords.contactId))
    .where(and(...where))
    .orderBy(asc(contactWords.word), asc(contactWords.sortName), asc(contactWords.contactId))
    .limit(q.limit + 1);
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

/** Contacts that already have one of these numbers (duplicate checks of the API and the import). */
export async function contactsWithPhones(db: Executor, workspaceId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  return db
    .select({ id: contacts.id, phoneNumbers: contacts.phoneNumbers, documentNumber: contacts.documentNumber })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.phoneNumbers} && ${sql.param([...new Set(numbers)])}::text[]`));
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
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.phoneNumbers} && ${sql.param([...new Set(numbers)])}::text[]`))
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
