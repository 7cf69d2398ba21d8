import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { contacts, contactWords } from './contact.schema';

type Attribute = { attributeId: string; name: string; value: string };

/** How a search reads the typed text (the service decides which). */
export type ContactSearch =
  | { by: 'document'; number: string }
  | { by: 'email'; email: string }
  | { by: 'phone'; e164: string | null; digits: string }
  | { by: 'name'; text: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * CONT-2 search by document (unique btree), e-mail (lower-case prefix btree) and phone (GIN on
 * the numbers for a whole one, trigram on their digits for a part), or no search at all. Pages in
 * name order. Names go through `namePage`/`insideNamePage`.
 */
export async function listContacts(
  db: Executor,
  workspaceId: string,
  q: { search?: Exclude<ContactSearch, { by: 'name' }>; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null },
) {
  const where: (SQL | undefined)[] = [eq(contacts.workspaceId, workspaceId)];
  const s = q.search;
  if (s?.by === 'document') where.push(eq(contacts.documentNumber, s.number));
  if (s?.by === 'email') where.push(sql`lower(${contacts.email}) like ${`${escapeLike(s.email)}%`}`);
  if (s?.by === 'phone') {
    where.push(s.e164 ? sql`${contacts.phoneNumbers} @> array[${s.e164}]::text[]` : sql`${contacts.searchPhones} like ${`%${escapeLike(s.digits)}%`}`);
  }
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
  return db
    .select({ contact: contacts, attributes: attributesOfRow(workspaceId) })
    .from(contacts)
    .where(and(...where))
    .orderBy(order, asc(contacts.id))
    .limit(q.limit + 1);
}

/** Digits few enough to match thousands of phones among a million (measured: 3 digits 16,000, 4 digits 1,500). */
export const FEW_DIGITS = 4;

/**
 * Part of a phone of FEW_DIGITS or fewer: in name order through the name index, which carries the
 * phones' digits (migration 0015), so the walk reads no contact until its page is full — about a
 * page divided by the share of phones holding the digits (~1,300 entries for 3 digits, ~14,000
 * for 4). The trigram index would fetch and sort every match instead. strpos keeps the planner off
 * the trigram index.
 */
export async function listByFewDigits(db: Executor, workspaceId: string, q: { digits: string; status?: 'active' | 'inactive'; limit: number; after: [string, string] | null }) {
  const r = await db.execute<{ id: string }>(sql`
    select id from contacts
    where workspace_id = ${workspaceId} and strpos(search_phones, ${q.digits}) > 0
      ${q.status ? sql`and status = ${q.status}` : sql``}
      ${q.after ? sql`and (display_name, id) > (${q.after[0]}, ${q.after[1]}::uuid)` : sql``}
    order by display_name, id
    limit ${q.limit + 1}`);
  const found = await contactsOfPage(db, workspaceId, r.rows.map((x) => x.id));
  return r.rows.flatMap((x) => found.get(x.id) ?? []);
}

/**
 * A page's contacts with their attribute values (for the presenter) in the same query. The outer
 * column is written out: drizzle leaves columns of a select list unqualified, which inside this
 * subquery would name contact_attributes.id.
 */
const attributesOfRow = (workspaceId: string) => sql<Attribute[]>`coalesce((
  select json_agg(json_build_object('attributeId', a.id, 'name', a.name, 'value', v.value) order by a.name)
  from contact_attribute_values v join contact_attributes a on a.id = v.attribute_id
  where v.workspace_id = ${workspaceId} and v.contact_id = contacts.id), '[]'::json)`;

/** The contacts of a page, with their attributes, by id. */
export async function contactsOfPage(db: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { contact: typeof contacts.$inferSelect; attributes: Attribute[] }>();
  const rows = await db
    .select({ contact: contacts, attributes: attributesOfRow(workspaceId) })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
  return new Map(rows.map((r) => [r.contact.id, r]));
}

/** A name search's page key: the contact word that matched, the contact's search name, its id. */
export interface NameKey {
  word: string;
  sortName: string;
  contactId: string;
}

export interface NamePageRow {
  key: NameKey;
  contact: typeof contacts.$inferSelect;
  attributes: Attribute[];
}

export interface NameQuery {
  /** Typed words, unaccented and lower case. */
  words: string[];
  status?: 'active' | 'inactive';
  limit: number;
  after: [string, string, string] | null;
}

// Contact words are COLLATE "C": every word starting with p sorts in [p, p || U+10FFFF).
const LAST_CHAR = String.fromCodePoint(0x10ffff);
/** Typed words counted up to this many contact words each when choosing the one that drives a search. */
const LEAD_CAP = 300;

/** Keyset condition on contact_words' (word, sort_name, contact_id), the order of its index. */
const afterKey = (after: NameQuery['after']) =>
  after ? sql`(w.word, w.sort_name, w.contact_id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql`true`;

/** Only contacts with this status: the one join made before the page is cut. */
const withStatus = (status: NameQuery['status']) =>
  status ? sql`and exists (select 1 from contacts c where c.id = w.contact_id and c.status = ${status})` : sql``;

const keysOf = (rows: { word: string; sort_name: string; contact_id: string }[]): NameKey[] =>
  rows.map((r) => ({ word: r.word, sortName: r.sort_name, contactId: r.contact_id }));

/**
 * CONT-2 name search as people type it: every typed word starts a word of the name ("mar sil"
 * finds "Maria da Silva"). One typed word drives the scan of `contact_words`, whose index order
 * (word, name) is the page order, so a page reads only its own index entries, and the others are
 * checked on the name stored in the same entry (no visit to the contact). The driving word is the
 * one fewest contact words start with (counted up to LEAD_CAP, in the same statement), so a rare
 * word makes any search cheap and the worst case — common words whose combination is rare — reads
 * at most the smallest of their ranges. Returns the page in order.
 */
export async function namePage(db: Executor, workspaceId: string, q: NameQuery): Promise<NamePageRow[]> {
  // sort_name holds the name's words separated by single spaces (migration 0012).
  const every = sql.join(
    q.words.map((w) => sql`strpos(' ' || w.sort_name, ${` ${w}`}) > 0`),
    sql` and `,
  );
  const [only] = q.words;
  const lead =
    q.words.length === 1
      ? { with: sql``, range: sql`w.word >= ${only} and w.word < ${only + LAST_CHAR}` }
      : {
          with: sql`with lead as materialized (
            select p, p || ${LAST_CHAR} as upto from unnest(${sql.param(q.words)}::text[]) with ordinality u(p, k)
            order by (select count(*) from (select 1 from contact_words c
                       where c.workspace_id = ${workspaceId} and c.word >= u.p and c.word < u.p || ${LAST_CHAR} limit ${LEAD_CAP}) x), k
            limit 1)`,
          range: sql`w.word >= (select p from lead) and w.word < (select upto from lead)`,
        };
  // The page's keys first (the index alone, cut at the page), then its contacts: one round trip.
  const keys = db.$with('keys', { word: contactWords.word, sortName: contactWords.sortName, contactId: contactWords.contactId }).as(sql`
    ${lead.with}
    select w.word, w.sort_name, w.contact_id from contact_words w
    where w.workspace_id = ${workspaceId} and ${lead.range}
      and ${every} and ${afterKey(q.after)} ${withStatus(q.status)}
    order by w.word, w.sort_name, w.contact_id
    limit ${q.limit + 1}`);
  const rows = await db
    .with(keys)
    .select({ word: keys.word, sortName: keys.sortName, contact: contacts, attributes: attributesOfRow(workspaceId) })
    .from(keys)
    .innerJoin(contacts, eq(contacts.id, keys.contactId))
    .orderBy(asc(keys.word), asc(keys.sortName), asc(keys.contactId));
  return rows.map((r) => ({ key: { word: r.word, sortName: r.sortName, contactId: r.contact.id }, contact: r.contact, attributes: r.attributes }));
}

/**
 * The typed word to look up among the vocabulary: the one inside fewest words (counted up to a
 * cap; ties to the longer), so "ana zzz" answers at once from "zzz" instead of reading every Ana.
 * Null when a word is inside no word at all, or every word is shorter than a trigram.
 */
async function insideLead(db: Executor, workspaceId: string, words: string[]): Promise<string | null> {
  const usable = words.filter((w) => w.length >= 3);
  if (usable.length === 0) return null;
  if (words.length === 1) return words[0];
  // Typed words are letters and digits only (split on everything else): nothing to escape in LIKE.
  const r = await db.execute<{ p: string; n: number }>(sql`
    select p, (select count(*) from (select 1 from contact_vocabulary v
                where v.workspace_id = ${workspaceId} and v.word like '%' || u.p || '%' limit ${INSIDE_WORDS}) x)::int as n
    from unnest(${sql.param(usable)}::text[]) u(p)`);
  if (r.rows.some((x) => x.n === 0)) return null;
  return r.rows.sort((a, b) => a.n - b.n || b.p.length - a.p.length)[0].p;
}

/** Vocabulary words read per round of `insideNameKeys` (one round almost always fills a page). */
const INSIDE_WORDS = 100;

/**
 * CONT-2 inside words, for what no word starts with ("onceica" → "Conceição"): one typed word
 * (`insideLead`) is looked up by trigram among the workspace's distinct words (`contact_vocabulary`,
 * tens of thousands of short strings, not a million names), then the contacts of each word found
 * are read from `contact_words` in page order, at most a page per word, the other typed words
 * checked anywhere in the name. Words go in rounds of INSIDE_WORDS in word order, so a fragment
 * found in thousands of words still costs about a page; fragments shorter than a trigram find
 * nothing.
 */
async function insideNameKeys(db: Executor, workspaceId: string, q: NameQuery): Promise<NameKey[]> {
  const lead = await insideLead(db, workspaceId, q.words);
  if (lead === null) return [];
  const others = q.words.filter((_, i) => i !== q.words.indexOf(lead));
  const every = sql.join(others.map((w) => sql`and strpos(w.sort_name, ${w}) > 0`), sql` `);
  const keys: NameKey[] = [];
  // The cursor's word may have more contacts: the first round starts at it, later ones after the last word read.
  let from = q.after ? sql`and v.word >= ${q.after[0]}` : sql``;
  for (;;) {
    const want = q.limit + 1 - keys.length;
    const r = await db.execute<{ meta: number; word: string; sort_name: string; contact_id: string; words: number }>(sql`
      with found as materialized (
        select distinct v.word from contact_vocabulary v
        where v.workspace_id = ${workspaceId} and v.word like ${`%${escapeLike(lead)}%`} ${from}
        order by v.word limit ${INSIDE_WORDS}),
      page as (
        select k.* from found f cross join lateral (
          select w.word, w.sort_name, w.contact_id from contact_words w
          where w.workspace_id = ${workspaceId} and w.word = f.word ${every} and ${afterKey(q.after)} ${withStatus(q.status)}
          order by w.sort_name, w.contact_id limit ${want}) k
        order by k.word, k.sort_name, k.contact_id limit ${want})
      select 0 as meta, word, sort_name, contact_id, 0 as words from page
      union all select 1, max(word), null, null, count(*)::int from found
      order by meta, word, sort_name, contact_id`);
    const round = r.rows.pop()!;
    keys.push(...keysOf(r.rows));
    if (keys.length > q.limit || round.words < INSIDE_WORDS) return keys;
    from = sql`and v.word > ${round.word}`;
  }
}

/** The inside-words page in order, with its contacts. */
export async function insideNamePage(db: Executor, workspaceId: string, q: NameQuery): Promise<NamePageRow[]> {
  const keys = await insideNameKeys(db, workspaceId, q);
  const found = await contactsOfPage(db, workspaceId, keys.map((k) => k.contactId));
  return keys.flatMap((key) => {
    const row = found.get(key.contactId);
    return row ? [{ key, ...row }] : [];
  });
}
