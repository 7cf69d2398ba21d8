import { createHash } from 'node:crypto';
import type { Executor } from '../../../platform/db/client';
import { contactInputSchema, contactValues, type ContactInput, type ContactValues } from '../contact.input';
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
 * Writes one batch inside the caller's transaction with a constant number of statements:
 * name lookups (agents, groups, attributes), duplicate lookups (phones, documents), one
 * insert of the new contacts, updates, attribute values, the rows that need the user, and
 * the counters (moved by the caller). Duplicates are looked for among earlier rows of the
 * batch first, then in the database, where earlier batches of this file already are.
 */
export async function applyBatch(tx: Executor, o: BatchOptions, sheet: ContactSheet, rows: PreparedRow[]) {
  await repo.lockWorkspaceImports(tx, o.workspaceId);
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

  const byPhone = await repo.contactsWithAnyPhone(tx, o.workspaceId, candidates.flatMap((c) => (c.write.phone ? [c.write.phone.number] : [])));
  const byDocument = await repo.contactsWithDocuments(tx, o.workspaceId, candidates.flatMap((c) => (c.write.documentNumber ? [c.write.documentNumber] : [])));
  const phoneOwner = new Map<string, string>();
  for (const c of byPhone) for (const n of c.phoneNumbers) if (!phoneOwner.has(n)) phoneOwner.set(n, c.id);
  const documentOwner = new Map(byDocument.map((c) => [c.documentNumber!, c.id]));

  // Keys of rows already placed in this batch: 'p+5511…' / 'd529…' → that row and its contact.
  const earlier = new Map<string, { row: number; contactId: string }>();
  const creates: Planned[] = [];
  const updates: (Planned & { target: string })[] = [];
  const phoneColumn = sheet.column('phone');
  const documentColumn = sheet.column('document');

  for (const plan of candidates) {
    const { write, row } = plan;
    const keys = [write.phone && `p${write.phone.number}`, write.documentNumber && `d${write.documentNumber}`].filter((k): k is string => !!k);
    const remember = (contactId: string) => keys.forEach((k) => earlier.has(k) || earlier.set(k, { row: row.row, contactId }));
    const sameAs = (k: string, r: number) => ({ column: k.startsWith('p') ? phoneColumn : documentColumn, message: `same ${k.startsWith('p') ? 'phone' : 'CPF/CNPJ'} as row ${r}` });

    const inBatch = keys.map((k) => [k, earlier.get(k)] as const).find(([, e]) => e);
    const phoneId = write.phone ? phoneOwner.get(write.phone.number) : undefined;
    const documentId = write.documentNumber ? documentOwner.get(write.documentNumber) : undefined;
    const existing = phoneId ?? documentId;

    if (o.mode === 'update') {
      const target = inBatch?.[1]?.contactId ?? existing;
      if (phoneId && documentId && phoneId !== documentId) {
        failed(row, [{ column: documentColumn, message: 'another contact has this CPF/CNPJ' }]);
        continue;
      }
      if (target) updates.push({ ...plan, target });
      else creates.push(plan);
      remember(target ?? write.id);
      continue;
    }

    if (inBatch) {
      const [key, e] = inBatch;
      results.push({ row: row.row, outcome: 'duplicate', errors: [sameAs(key, e!.row)], recordId: e!.contactId });
      remember(e!.contactId);
      continue;
    }
    if (existing) {
      const createdBy = rowOfContactId(o.importId, existing);
      const key = phoneId ? keys[0] : keys[keys.length - 1];
      if (createdBy !== null) {
        results.push({ row: row.row, outcome: 'duplicate', errors: [sameAs(key, createdBy)], recordId: existing });
      } else if (o.updateDuplicates && !(phoneId && documentId && phoneId !== documentId)) {
        updates.push({ ...plan, target: existing });
      } else {
        const errors: ImportCellError[] = [];
        if (phoneId) errors.push({ column: phoneColumn, message: 'a contact with this phone already exists' });
        if (documentId) errors.push({ column: documentColumn, message: documentId === phoneId || !phoneId ? 'a contact with this CPF/CNPJ already exists' : 'another contact has this CPF/CNPJ' });
        results.push({ row: row.row, outcome: 'duplicate', errors, recordId: existing });
      }
      remember(existing);
      continue;
    }
    creates.push(plan);
    remember(write.id);
  }

  await repo.insertContacts(tx, o.workspaceId, creates.map((c) => c.write));
  await repo.upsertAttributeValues(tx, o.workspaceId, creates.flatMap((c) => c.attributes.map((a) => ({ contactId: c.write.id, ...a }))));
  for (const c of creates) results.push({ row: c.row.row, outcome: o.mode === 'job' ? 'created' : 'fixed', errors: [], recordId: c.write.id });

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
