import { createHash } from 'node:crypto';
import type { Executor } from '../../../platform/db/client';
import { contactInputSchema, contactValues, type ContactInput, type ContactValues } from '../contact.input';
import { contactsWithPhones } from '../contact.repository';
import type { ImportCellError } from '../import.schema';
import type { ContactSheet, ParsedContactRow } from './import.columns';
import * as repo from './import.repository';

/**
 * Contacts an import creates get ids made of the import (a hash of its id) and the row: a
 * later row that meets such a contact knows it is "the same as row N" of its own file, with
 * no per-row memory kept across batches (memory stays flat whatever the file's size) and
 * across restarts. Version 8 (custom) UUIDs, so they never equal a random (v4) id.
 */
export function rowContactId(importId: string, row: number): string {
  const b = Buffer.alloc(16);
  createHash('sha256').update(importId).digest().copy(b, 0, 0, 12);
  b.writeUInt32BE(row, 12);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The row of this import that created `contactId`, or null when another writer created it. */
export function rowOfContactId(importId: string, contactId: string): number | null {
  const ours = rowContactId(importId, 0);
  if (contactId.slice(0, 28) !== ours.slice(0, 28)) return null;
  return parseInt(contactId.slice(28), 16);
}

/** A row checked on its own: normalized values, or the reasons it cannot be. */
export interface PreparedRow extends ParsedContactRow {
  contact: ContactValues | null;
}

// Built once: zod compiles a schema on its first parse, and .partial() makes a new schema.
const rowSchema = contactInputSchema.partial();

/** The schema's and `contactValues`' checks (no database): the same rules as the API. */
export function prepareRow(sheet: ContactSheet, parsed: ParsedContactRow): PreparedRow {
  const input: Partial<ContactInput> = {
    displayName: parsed.displayName,
    phone: parsed.phone || undefined,
    email: parsed.email || null,
    document: parsed.document || null,
    birthDate: parsed.birthDate || null,
    companyName: parsed.company || null,
    priority: parsed.priority,
  };
  const errors = [...parsed.errors];
  const checked = rowSchema.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0]) as keyof ContactInput;
      errors.push({ column: sheet.columnOfPath(field), message: issue.message });
      delete input[field];
    }
  }
  const { values, problems } = contactValues(checked.success ? checked.data : input);
  errors.push(...sheet.cellErrors(problems));
  return { ...parsed, errors: unique(errors), contact: errors.length ? null : values };
}

const unique = (errors: ImportCellError[]) => errors.filter((e, i) => errors.findIndex((x) => x.column === e.column && x.message === e.message) === i);

export type Outcome = 'created' | repo.ImportRowOutcome;

export interface BatchOptions {
  workspaceId: string;
  importId: string;
  /**
   * job: rows read from the file; duplicates of contacts that existed before update them when
   * `updateDuplicates`. retry: corrected rows; a row that now goes in is 'fixed'.
   * update: duplicate rows the user chose to apply to the contact they match.
   */
  mode: 'job' | 'retry' | 'update';
  updateDuplicates: boolean;
  /** The stored outcome of re-sent rows, so the counters move from it. */
  previous?: Map<number, repo.ImportRowOutcome>;
}

export interface RowResult {
  row: number;
  outcome: Outcome;
  errors: ImportCellError[];
  recordId: string | null;
}

const COUNTER: Record<Outcome, keyof repo.CounterDelta> = { created: 'created', fixed: 'created', updated: 'updated', duplicate: 'duplicates', failed: 'failed' };

interface Planned {
  row: PreparedRow;
  write: repo.ContactWrite;
  attributes: { attributeId: string; value: string }[];
}

/**
 * The phones and documents ('p+5511…', 'd529…') a batch gives to contacts — those it creates,
 * and the phones it adds to those it updates — before it commits: the next batch, planned
 * meanwhile, reads them as the database will once this one commits.
 */
export type Claimed = Map<string, Owner>;
/** The contact holding a phone or document; `createdRow`: the row of this file that created it. */
type Owner = { contactId: string; createdRow: number | null };

export interface BatchPlan {
  rows: PreparedRow[];
  /** Failed and duplicate rows, decided. */
  results: RowResult[];
  creates: Planned[];
  updates: (Planned & { target: string })[];
  claimed: Claimed;
}

/**
 * One batch in one transaction (re-sent rows, duplicates applied): the workspace's imports
 * wait, then the batch is planned and written. See `planBatch` and `writeBatch`.
 */
export async function applyBatch(tx: Executor, o: BatchOptions, sheet: ContactSheet, rows: PreparedRow[]) {
  await repo.lockWorkspaceImports(tx, o.workspaceId);
  return writeBatch(tx, o, await planBatch(tx, o, sheet, rows));
}

/**
 * Decides each row of a batch with a constant number of queries: name lookups (agents,
 * groups, attributes) and duplicate lookups (phones, documents). Duplicates are looked for
 * among earlier rows of the batch, then among the rows of the batch still being written
 * (`inFlight`), then in the database, where earlier batches of the file already are. "Same
 * phone as row N" always names the row that created the contact, wherever the batches fall.
 */
export async function planBatch(tx: Executor, o: BatchOptions, sheet: ContactSheet, rows: PreparedRow[], inFlight?: Claimed): Promise<BatchPlan> {
  const results: RowResult[] = [];
  const failed = (row: PreparedRow, errors: ImportCellError[]) => results.push({ row: row.row, outcome: 'failed', errors, recordId: null });

  const lower = (list: string[]) => [...new Set(list.filter(Boolean).map((s) => s.toLowerCase()))];
  // One connection: the queries of a transaction run one after the other.
  const agents = await repo.usersByLogin(tx, o.workspaceId, lower(rows.map((r) => r.agentLogin)));
  const groups = await repo.serviceGroupsByName(tx, o.workspaceId, lower(rows.map((r) => r.groupName)));
  const attributes = await repo.attributesByName(tx, o.workspaceId, lower(rows.flatMap((r) => r.attributes.map((a) => a.name))));

  const candidates: Planned[] = [];
  for (const row of rows) {
    const errors = [...row.errors];
    let walletAgentId: string | null = null;
    if (row.agentLogin) {
      const u = agents.get(row.agentLogin.toLowerCase());
      if (!u) errors.push({ column: sheet.column('agent'), message: 'agent not found' });
      else if (u.status !== 'active') errors.push({ column: sheet.column('agent'), message: 'agent is inactive' });
      else if (u.role !== 'agent' && u.role !== 'supervisor_agent') errors.push({ column: sheet.column('agent'), message: 'this user does not serve customers' });
      else walletAgentId = u.id;
    }
    const serviceGroupId = row.groupName ? (groups.get(row.groupName.toLowerCase()) ?? null) : null;
    if (row.groupName && !serviceGroupId) errors.push({ column: sheet.column('group'), message: 'service group not found' });
    const attrs = new Map<string, string>();
    for (const a of row.attributes) {
      const id = attributes.get(a.name.toLowerCase());
      if (!id) errors.push({ column: a.column, message: 'attribute not found or inactive' });
      else attrs.set(id, a.value);
    }
    if (errors.length || !row.contact) {
      failed(row, errors);
      continue;
    }
    const c = row.contact;
    candidates.push({
      row,
      attributes: [...attrs].map(([attributeId, value]) => ({ attributeId, value })),
      write: {
        id: rowContactId(o.importId, row.row),
        displayName: c.displayName!,
        phone: c.phones?.[0] ?? null,
        email: c.email ?? null,
        birthDate: c.birthDate ?? null,
        documentType: c.documentType ?? null,
        documentNumber: c.documentNumber ?? null,
        companyName: c.companyName ?? null,
        priority: c.priority ?? null,
        walletAgentId,
        serviceGroupId,
      },
    });
  }

  const byPhone = await contactsWithPhones(tx, o.workspaceId, candidates.flatMap((c) => (c.write.phone ? [c.write.phone.number] : [])));
  const byDocument = await repo.contactsWithDocuments(tx, o.workspaceId, candidates.flatMap((c) => (c.write.documentNumber ? [c.write.documentNumber] : [])));
  // 'p+5511…' / 'd529…' → its contact: as the database has it, then as earlier rows leave it.
  const owners = new Map<string, Owner>();
  const own = (key: string, contactId: string) => owners.has(key) || owners.set(key, { contactId, createdRow: rowOfContactId(o.importId, contactId) });
  for (const c of byPhone) for (const n of c.phoneNumbers) own(`p${n}`, c.id);
  for (const c of byDocument) own(`d${c.documentNumber}`, c.id);
  for (const [key, owner] of inFlight ?? []) owners.set(key, owner);

  const claimed: Claimed = new Map();
  const creates: Planned[] = [];
  const updates: (Planned & { target: string })[] = [];
  const phoneColumn = sheet.column('phone');
  const documentColumn = sheet.column('document');

  for (const plan of candidates) {
    const { write, row } = plan;
    const phoneKey = write.phone ? `p${write.phone.number}` : null;
    const documentKey = write.documentNumber ? `d${write.documentNumber}` : null;
    const byPhoneOwner = phoneKey ? owners.get(phoneKey) : undefined;
    const byDocumentOwner = documentKey ? owners.get(documentKey) : undefined;
    const existing = byPhoneOwner ?? byDocumentOwner;
    const conflicting = !!(byPhoneOwner && byDocumentOwner && byPhoneOwner.contactId !== byDocumentOwner.contactId);
    const take = (owner: Owner) => {
      for (const key of [phoneKey, documentKey]) {
        if (!key) continue;
        owners.set(key, owner);
        claimed.set(key, owner);
      }
    };
    const create = () => {
      creates.push(plan);
      take({ contactId: write.id, createdRow: row.row });
    };
    const update = (contactId: string) => {
      updates.push({ ...plan, target: contactId });
      take({ contactId, createdRow: existing!.createdRow });
    };

    if (o.mode === 'update') {
      if (conflicting) failed(row, [{ column: documentColumn, message: 'another contact has this CPF/CNPJ' }]);
      else if (existing) update(existing.contactId);
      else create();
      continue;
    }
    if (!existing) {
      create();
      continue;
    }
    const createdBy = byPhoneOwner?.createdRow ?? byDocumentOwner?.createdRow ?? null;
    if (createdBy !== null) {
      // A contact an earlier row of this file created: the file says the same thing twice.
      const same = byPhoneOwner?.createdRow === createdBy ? { column: phoneColumn, what: 'phone' } : { column: documentColumn, what: 'CPF/CNPJ' };
      results.push({ row: row.row, outcome: 'duplicate', errors: [{ column: same.column, message: `same ${same.what} as row ${createdBy}` }], recordId: existing.contactId });
    } else if (o.updateDuplicates && !conflicting) {
      update(existing.contactId);
    } else {
      const errors: ImportCellError[] = [];
      if (byPhoneOwner) errors.push({ column: phoneColumn, message: 'a contact with this phone already exists' });
      if (byDocumentOwner) errors.push({ column: documentColumn, message: conflicting ? 'another contact has this CPF/CNPJ' : 'a contact with this CPF/CNPJ already exists' });
      results.push({ row: row.row, outcome: 'duplicate', errors, recordId: existing.contactId });
    }
  }
  return { rows, results, creates, updates, claimed };
}

/**
 * Writes a planned batch inside the caller's transaction, one statement each: the new contacts,
 * the updates, attribute values, the rows that need the user. Returns how the counters move
 * (the caller moves them).
 */
export async function writeBatch(tx: Executor, o: BatchOptions, plan: BatchPlan, opts: { beforeUpdates?: Promise<unknown> } = {}) {
  const { rows, creates, updates } = plan;
  const results = [...plan.results];
  await repo.insertContacts(tx, o.workspaceId, creates.map((c) => c.write));
  await repo.upsertAttributeValues(tx, o.workspaceId, creates.flatMap((c) => c.attributes.map((a) => ({ contactId: c.write.id, ...a }))));
  for (const c of creates) results.push({ row: c.row.row, outcome: o.mode === 'job' ? 'created' : 'fixed', errors: [], recordId: c.write.id });

  // A batch written alongside the one before may update a contact that one updates too: it
  // waits for its commit first (row locks taken the other way round would deadlock).
  if (updates.length) await opts.beforeUpdates;
  // Rows that meet the same contact are applied in file order, one statement per round.
  let pending = updates;
  while (pending.length) {
    const round = new Map<string, (typeof updates)[number]>();
    const later: typeof updates = [];
    for (const u of pending) {
      if (round.has(u.target)) later.push(u);
      else round.set(u.target, u);
    }
    const list = [...round.values()];
    await repo.updateContacts(tx, o.workspaceId, list.map((u) => ({ ...u.write, id: u.target })));
    await repo.upsertAttributeValues(tx, o.workspaceId, list.flatMap((u) => u.attributes.map((a) => ({ contactId: u.target, ...a }))));
    for (const u of list) results.push({ row: u.row.row, outcome: 'updated', errors: [], recordId: u.target });
    pending = later;
  }

  if (creates.length || updates.length) await repo.foldPhoneIndex(tx);

  const byRow = new Map(rows.map((r) => [r.row, r]));
  await repo.upsertImportRows(
    tx,
    o.workspaceId,
    o.importId,
    results.filter((r) => r.outcome !== 'created').map((r) => ({ row: r.row, outcome: r.outcome as repo.ImportRowOutcome, values: byRow.get(r.row)!.values, errors: r.errors, recordId: r.recordId })),
  );

  const delta: repo.CounterDelta = { created: 0, updated: 0, duplicates: 0, failed: 0 };
  for (const r of results) {
    delta[COUNTER[r.outcome]]++;
    const before = o.previous?.get(r.row);
    if (before) delta[COUNTER[before]]--;
  }
  results.sort((a, b) => a.row - b.row);
  return { results, delta };
}
