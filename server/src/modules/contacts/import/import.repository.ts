import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../platform/db/client';
import { users } from '../../users/user.schema';
import { serviceGroups } from '../../service-groups/service-group.schema';
import { contactAttributes, contacts } from '../contact.schema';
import { importRows, imports, type ImportCellError } from '../import.schema';

export type ImportRow = typeof imports.$inferSelect;
export type ImportRowOutcome = (typeof importRows.$inferSelect)['outcome'];
export type StoredImportRow = typeof importRows.$inferSelect;

const p = (values: unknown[]) => sql.param(values);

export async function insertImport(db: Executor, values: typeof imports.$inferInsert) {
  const [row] = await db.insert(imports).values(values).returning();
  return row;
}

export async function findImport(db: Executor, workspaceId: string, id: string, kind: ImportRow['kind'] = 'contacts', lock = false) {
  const q = db.select().from(imports).where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id), eq(imports.kind, kind))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** Newest first; the cursor is the last row's (createdAt, id). */
export async function listImports(db: Executor, workspaceId: string, q: { limit: number; after: [string, string] | null }) {
  const where = [eq(imports.workspaceId, workspaceId), eq(imports.kind, 'contacts')];
  if (q.after) {
    const at = new Date(q.after[0]);
    where.push(or(lt(imports.createdAt, at), and(eq(imports.createdAt, at), lt(imports.id, q.after[1])))!);
  }
  return db.select().from(imports).where(and(...where)).orderBy(desc(imports.createdAt), desc(imports.id)).limit(q.limit + 1);
}

export async function updateImport(db: Executor, workspaceId: string, id: string, values: Partial<typeof imports.$inferInsert>) {
  const [row] = await db
    .update(imports)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)))
    .returning();
  return row ?? null;
}

export interface CounterDelta {
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
}

/**
 * Moves the counters by `delta`. With `processed`, also moves processed_rows from `from` to
 * `to` — only if it still is `from`: a second run of the same job (a retry racing a run
 * that was thought dead) then finds nothing to update and stops, instead of counting twice.
 */
export async function addToCounters(db: Executor, workspaceId: string, id: string, delta: CounterDelta, processed?: { from: number; to: number }) {
  const where = [eq(imports.workspaceId, workspaceId), eq(imports.id, id)];
  if (processed) where.push(eq(imports.processedRows, processed.from), eq(imports.status, 'running'));
  const [row] = await db
    .update(imports)
    .set({
      created: sql`${imports.created} + ${delta.created}`,
      updated: sql`${imports.updated} + ${delta.updated}`,
      duplicates: sql`${imports.duplicates} + ${delta.duplicates}`,
      failed: sql`${imports.failed} + ${delta.failed}`,
      ...(processed ? { processedRows: processed.to } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(...where))
    .returning();
  return row ?? null;
}

export interface ImportRowWrite {
  row: number;
  outcome: ImportRowOutcome;
  values: Record<string, string>;
  errors: ImportCellError[];
  recordId: string | null;
}

/** Writes rows that need the user (one statement); a row written before takes its new outcome. */
export async function upsertImportRows(db: Executor, workspaceId: string, importId: string, list: ImportRowWrite[]) {
  if (list.length === 0) return;
  await db.execute(sql`
    insert into import_rows (import_id, row, workspace_id, outcome, values, errors, record_id)
    select ${importId}, u.row, ${workspaceId}, u.outcome, u.values, u.errors, u.record_id
    from unnest(${p(list.map((r) => r.row))}::int[], ${p(list.map((r) => r.outcome))}::text[],
                ${p(list.map((r) => JSON.stringify(r.values)))}::jsonb[], ${p(list.map((r) => JSON.stringify(r.errors)))}::jsonb[],
                ${p(list.map((r) => r.recordId))}::uuid[]) as u(row, outcome, values, errors, record_id)
    on conflict (import_id, row) do update
      set outcome = excluded.outcome, values = excluded.values, errors = excluded.errors, record_id = excluded.record_id`);
}

/** A page of one outcome's rows in row order (keyset on the row number). */
export async function importRowsPage(db: Executor, workspaceId: string, importId: string, outcomes: ImportRowOutcome[], q: { limit: number; afterRow: number | null }) {
  const where = [eq(importRows.workspaceId, workspaceId), eq(importRows.importId, importId), inArray(importRows.outcome, outcomes)];
  if (q.afterRow !== null) where.push(gt(importRows.row, q.afterRow));
  return db.select().from(importRows).where(and(...where)).orderBy(asc(importRows.row)).limit(q.limit);
}

export async function importRowsByNumber(db: Executor, workspaceId: string, importId: string, rows: number[]) {
  if (rows.length === 0) return [];
  return db
    .select()
    .from(importRows)
    .where(and(eq(importRows.workspaceId, workspaceId), eq(importRows.importId, importId), inArray(importRows.row, rows)))
    .orderBy(asc(importRows.row));
}

// ——— lookups of a batch: one query each ———

/** Users by login (lower case), with what decides whether they can own a wallet. */
export async function usersByLogin(db: Executor, workspaceId: string, logins: string[]) {
  if (logins.length === 0) return new Map<string, { id: string; role: string; status: string }>();
  const rows = await db
    .select({ id: users.id, login: sql<string>`lower(${users.login})`, role: users.role, status: users.status })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), sql`lower(${users.login}) = any(${p(logins)}::text[])`));
  return new Map(rows.map((r) => [r.login, r]));
}

export async function serviceGroupsByName(db: Executor, workspaceId: string, names: string[]) {
  if (names.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: serviceGroups.id, name: sql<string>`lower(${serviceGroups.name})` })
    .from(serviceGroups)
    .where(and(eq(serviceGroups.workspaceId, workspaceId), sql`lower(${serviceGroups.name}) = any(${p(names)}::text[])`));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Active attributes of the catalogue by name (lower case). */
export async function attributesByName(db: Executor, workspaceId: string, names: string[]) {
  if (names.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: contactAttributes.id, name: sql<string>`lower(${contactAttributes.name})` })
    .from(contactAttributes)
    .where(and(eq(contactAttributes.workspaceId, workspaceId), eq(contactAttributes.status, 'active'), sql`lower(${contactAttributes.name}) = any(${p(names)}::text[])`));
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function contactsWithDocuments(db: Executor, workspaceId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  return db
    .select({ id: contacts.id, documentNumber: contacts.documentNumber })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`${contacts.documentNumber} = any(${p([...new Set(numbers)])}::text[])`));
}

// ——— contact writes of a batch: one statement each ———

export interface ContactWrite {
  id: string;
  displayName: string;
  phone: { number: string; type: string } | null;
  email: string | null;
  birthDate: string | null;
  documentType: string | null;
  documentNumber: string | null;
  companyName: string | null;
  priority: number | null;
  walletAgentId: string | null;
  serviceGroupId: string | null;
}

const columnsOf = (list: ContactWrite[]) => sql`unnest(
  ${p(list.map((c) => c.id))}::uuid[], ${p(list.map((c) => c.displayName))}::text[],
  ${p(list.map((c) => c.phone?.number ?? null))}::text[], ${p(list.map((c) => c.phone?.type ?? null))}::text[],
  ${p(list.map((c) => c.email))}::text[], ${p(list.map((c) => c.birthDate))}::date[],
  ${p(list.map((c) => c.documentType))}::text[], ${p(list.map((c) => c.documentNumber))}::text[],
  ${p(list.map((c) => c.companyName))}::text[], ${p(list.map((c) => c.priority))}::int[],
  ${p(list.map((c) => c.walletAgentId))}::uuid[], ${p(list.map((c) => c.serviceGroupId))}::uuid[]
) as u(id, display_name, phone, phone_type, email, birth_date, document_type, document_number, company_name, priority, wallet_agent_id, service_group_id)`;

/** New contacts in one statement (the trigger derives the main phone, search columns and username). */
export async function insertContacts(db: Executor, workspaceId: string, list: ContactWrite[]) {
  if (list.length === 0) return;
  await db.execute(sql`
    insert into contacts (id, workspace_id, display_name, phones, email, birth_date, document_type, document_number, company_name, priority, wallet_agent_id, service_group_id)
    select u.id, ${workspaceId}, u.display_name,
           case when u.phone is null then '[]'::jsonb else jsonb_build_array(jsonb_build_object('number', u.phone, 'type', u.phone_type)) end,
           u.email, u.birth_date, u.document_type, u.document_number, u.company_name, coalesce(u.priority, 0), u.wallet_agent_id, u.service_group_id
    from ${columnsOf(list)}`);
}

/**
 * Existing contacts take a row's values in one statement: the name always (a required
 * column), other fields only when the cell was filled — an empty cell keeps what the contact
 * had — and the row's phone joins the contact's phones when it is new to it. Each contact
 * may appear once per call.
 */
export async function updateContacts(db: Executor, workspaceId: string, list: ContactWrite[]) {
  if (list.length === 0) return;
  await db.execute(sql`
    update contacts c set
      display_name = u.display_name,
      phones = case when u.phone is null or c.phone_numbers @> array[u.phone] then c.phones
                    else c.phones || jsonb_build_array(jsonb_build_object('number', u.phone, 'type', u.phone_type)) end,
      email = coalesce(u.email, c.email),
      birth_date = coalesce(u.birth_date, c.birth_date),
      document_type = coalesce(u.document_type, c.document_type),
      document_number = coalesce(u.document_number, c.document_number),
      company_name = coalesce(u.company_name, c.company_name),
      priority = coalesce(u.priority, c.priority),
      wallet_agent_id = coalesce(u.wallet_agent_id, c.wallet_agent_id),
      service_group_id = coalesce(u.service_group_id, c.service_group_id),
      updated_at = now()
    from ${columnsOf(list)}
    where c.workspace_id = ${workspaceId} and c.id = u.id`);
}

/** Sets attribute values (a value given again replaces the old one); each (contact, attribute) once per call. */
export async function upsertAttributeValues(db: Executor, workspaceId: string, list: { contactId: string; attributeId: string; value: string }[]) {
  if (list.length === 0) return;
  await db.execute(sql`
    insert into contact_attribute_values (workspace_id, contact_id, attribute_id, value)
    select ${workspaceId}, u.contact_id, u.attribute_id, u.value
    from unnest(${p(list.map((a) => a.contactId))}::uuid[], ${p(list.map((a) => a.attributeId))}::uuid[], ${p(list.map((a) => a.value))}::text[]) as u(contact_id, attribute_id, value)
    on conflict (contact_id, attribute_id) do update set value = excluded.value`);
}

const importLock = (workspaceId: string) => sql`hashtextextended(${`contacts.import:${workspaceId}`}, 0)`;

/**
 * Re-sent rows and applied duplicates of a workspace's imports go one at a time, between the
 * batches of a running import job (whose transactions share this lock).
 */
export async function lockWorkspaceImports(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${importLock(workspaceId)})`);
}

/** A batch of the import job: its two transactions in flight share the lock; corrections wait for both. */
export async function shareWorkspaceImports(tx: Executor, workspaceId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${importLock(workspaceId)})`);
}

/**
 * One import job per workspace at a time (two would each create the same new phone). Held by
 * a transaction that only holds it — no snapshot, no writes — for as long as the job runs, so
 * a crashed process lets it go with its connection.
 */
export async function whileHoldingImportJobLock<T>(db: Db, workspaceId: string, run: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`contacts.import.job:${workspaceId}`}, 0))`);
    return run();
  });
}

/**
 * A batch of the job commits without waiting for its WAL flush: after a crash the last batches
 * may be lost, but processed_rows is lost with them, so the resumed job reads those rows again.
 */
export async function commitWithoutFlushWait(tx: Executor) {
  await tx.execute(sql`set local synchronous_commit = off`);
}

/**
 * GIN indexes queue new entries in a pending list (up to 4 MB) that every lookup scans whole.
 * The next batch looks up a thousand phones: against a grown list that costs more than the
 * batch's insert (measured: 11 of 17 s for 20,000 rows). Folding the phone index's list into
 * the index after each batch's writes keeps those lookups at index speed; it measured faster
 * (5.4 s against 7.8 s for 20,000 rows) than a small gin_pending_list_limit, which makes every
 * insert fold the search indexes' lists too.
 */
export async function foldPhoneIndex(tx: Executor) {
  await tx.execute(sql`select gin_clean_pending_list('contacts_phone_numbers_idx'::regclass)`);
}

/** The same for the search indexes, once at the end of an import: searches right after it stay fast. */
export async function foldSearchIndexes(db: Executor) {
  await db.execute(sql`select gin_clean_pending_list('contacts_search_phones_trgm_idx'::regclass), gin_clean_pending_list('contact_vocabulary_trgm_idx'::regclass)`);
}
