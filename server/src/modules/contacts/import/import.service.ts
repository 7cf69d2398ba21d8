import type { Ctx, Deps } from '../../../platform/context';
import type { Executor } from '../../../platform/db/client';
import { decodeCursor, encodeCursor } from '../../../platform/db/pagination';
import { notFound, validationFailed, type FieldError } from '../../../platform/errors';
import { openSpreadsheet, SpreadsheetError, type CsvValue } from '../../../platform/spreadsheet';
import { recordAudit } from '../../audit';
import { applyBatch, prepareRow, type BatchOptions } from './import.batch';
import { ContactSheet, uniqueHeaders } from './import.columns';
import { importOptions, presentImport, presentImportSummary } from './import.presenter';
import * as repo from './import.repository';

export const CONTACT_IMPORT_JOB = 'contacts.import';
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Rows per transaction: big enough that per-statement costs vanish, small enough for flat memory. */
export const IMPORT_BATCH_ROWS = 1000;

export const importFileKey = (workspaceId: string, id: string) => `imports/${workspaceId}/${id}`;

/**
 * Checks a stored upload's header row (a missing required column refuses the whole file, and
 * nothing is kept), then records the import and queues its job.
 */
export async function startContactImport(deps: Deps, ctx: Ctx, upload: { id: string; key: string; fileName: string; updateDuplicates: boolean }) {
  let headers: string[];
  try {
    const sheet = await openSpreadsheet(deps.storage.get(upload.key), { fileName: upload.fileName });
    headers = sheet.headers;
    await sheet.close();
    const match = new ContactSheet(headers).match;
    if (match.error) throw validationFailed([{ path: 'file', message: match.error }], `The file cannot be imported: ${match.error}`);
  } catch (err) {
    await deps.storage.remove(upload.key);
    if (err instanceof SpreadsheetError) throw validationFailed(err.fields, `The file cannot be imported: ${err.message}`);
    throw err;
  }
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertImport(tx, {
      id: upload.id,
      workspaceId: ctx.workspaceId,
      kind: 'contacts',
      fileName: upload.fileName,
      fileKey: upload.key,
      options: { updateDuplicates: upload.updateDuplicates, headers: uniqueHeaders(headers) },
      createdById: ctx.actor?.userId ?? null,
    });
    await recordAudit(tx, ctx, { action: 'contact_import.started', entityType: 'contact_import', entityId: created.id, changes: { fileName: upload.fileName, updateDuplicates: upload.updateDuplicates } });
    return created;
  });
  await deps.jobs.send(CONTACT_IMPORT_JOB, { workspaceId: ctx.workspaceId, importId: row.id });
  return presentImport(row, { items: [], nextCursor: null }, { items: [], nextCursor: null });
}

const rowCursor = (cursor: string | undefined) => decodeCursor<[number]>(cursor, 1)?.[0] ?? null;

async function rowsPage(db: Executor, workspaceId: string, importId: string, outcome: repo.ImportRowOutcome, cursor: string | undefined, limit: number) {
  const rows = await repo.importRowsPage(db, workspaceId, importId, [outcome], { limit: limit + 1, afterRow: rowCursor(cursor) });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].row]) : null };
}

export async function getContactImport(ctx: Ctx, id: string, q: { limit: number; cursor?: string; duplicatesCursor?: string }) {
  const row = await repo.findImport(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Import');
  const [failed, duplicates] = await Promise.all([
    rowsPage(ctx.db, ctx.workspaceId, id, 'failed', q.cursor, q.limit),
    rowsPage(ctx.db, ctx.workspaceId, id, 'duplicate', q.duplicatesCursor, q.limit),
  ]);
  return presentImport(row, failed, duplicates);
}

export async function listContactImports(ctx: Ctx, q: { limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listImports(ctx.db, ctx.workspaceId, { limit: q.limit, after });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items: items.map(presentImportSummary), nextCursor: rows.length > q.limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
}

/** The sheet of a stored import: its headers as row values are keyed. */
const sheetOf = (row: repo.ImportRow) => new ContactSheet(importOptions(row).headers ?? []);

/** A re-sent row's cells in the import's column order; a column the client left out keeps what was stored. */
const cellsOf = (sheet: ContactSheet, values: Record<string, string>, stored: Record<string, string>) =>
  sheet.keys.map((k) => String(values[k] ?? stored[k] ?? ''));

/**
 * Corrected rows (CONT-3 "corrected in place and re-sent"): checked and written like rows of
 * the file; a row that goes in becomes 'fixed', one still wrong keeps 'failed' with its new
 * reasons and values. Runs under the workspace's import lock, so a running job and retries
 * take turns.
 */
export async function retryImportRows(ctx: Ctx, id: string, rows: { row: number; values: Record<string, string> }[]) {
  await ctx.db.transaction(async (tx) => {
    await repo.lockWorkspaceImports(tx, ctx.workspaceId);
    const imp = await repo.findImport(tx, ctx.workspaceId, id);
    if (!imp) throw notFound('Import');
    if (rows.length === 0) return;
    const stored = new Map((await repo.importRowsByNumber(tx, ctx.workspaceId, id, rows.map((r) => r.row))).map((r) => [r.row, r]));
    const problems: FieldError[] = [];
    rows.forEach((r, i) => {
      const s = stored.get(r.row);
      if (!s || (s.outcome !== 'failed' && s.outcome !== 'duplicate')) problems.push({ path: `rows.${i}.row`, message: 'not a failed or duplicate row of this import' });
      else if (rows.findIndex((x) => x.row === r.row) !== i) problems.push({ path: `rows.${i}.row`, message: 'row sent twice' });
    });
    if (problems.length) throw validationFailed(problems);
    const sheet = sheetOf(imp);
    const prepared = rows.map((r) => prepareRow(sheet, sheet.read(r.row, cellsOf(sheet, r.values, stored.get(r.row)!.values))));
    await write(tx, ctx, { workspaceId: ctx.workspaceId, importId: id, mode: 'retry', updateDuplicates: false, previous: new Map([...stored].map(([n, s]) => [n, s.outcome])) }, sheet, prepared);
    await recordAudit(tx, ctx, { action: 'contact_import.rows_resent', entityType: 'contact_import', entityId: id, changes: { rows: rows.map((r) => r.row) } });
  });
  // What became of each row sent, wherever it sits in the lists' pages.
  const retried = await repo.importRowsByNumber(ctx.db, ctx.workspaceId, id, rows.map((r) => r.row));
  return {
    ...(await getContactImport(ctx, id, { limit: 50 })),
    retried: retried.map((r) => ({ row: r.row, outcome: r.outcome, values: r.values, errors: r.errors, contactId: r.recordId })),
  };
}

/**
 * Applies duplicate rows to the contacts they match (all of them when `rows` is absent),
 * a thousand at a time; each becomes 'updated'.
 */
export async function updateImportDuplicates(ctx: Ctx, id: string, rows: number[] | undefined) {
  await ctx.db.transaction(async (tx) => {
    await repo.lockWorkspaceImports(tx, ctx.workspaceId);
    const imp = await repo.findImport(tx, ctx.workspaceId, id);
    if (!imp) throw notFound('Import');
    const sheet = sheetOf(imp);
    const options: BatchOptions = { workspaceId: ctx.workspaceId, importId: id, mode: 'update', updateDuplicates: true };
    const apply = async (list: repo.StoredImportRow[]) => {
      const prepared = list.map((s) => prepareRow(sheet, sheet.read(s.row, cellsOf(sheet, {}, s.values))));
      await write(tx, ctx, { ...options, previous: new Map(list.map((s) => [s.row, s.outcome])) }, sheet, prepared);
    };
    if (rows) {
      const stored = new Map((await repo.importRowsByNumber(tx, ctx.workspaceId, id, rows)).map((r) => [r.row, r]));
      const problems = rows.flatMap((n, i) => (stored.get(n)?.outcome === 'duplicate' ? [] : [{ path: `rows.${i}`, message: 'not a duplicate row of this import' }]));
      if (problems.length) throw validationFailed(problems);
      for (let i = 0; i < rows.length; i += IMPORT_BATCH_ROWS) await apply(rows.slice(i, i + IMPORT_BATCH_ROWS).map((n) => stored.get(n)!));
    } else {
      for (;;) {
        // Applied rows leave 'duplicate', so the first page is always the next one.
        const page = await repo.importRowsPage(tx, ctx.workspaceId, id, ['duplicate'], { limit: IMPORT_BATCH_ROWS, afterRow: null });
        if (page.length === 0) break;
        await apply(page);
        if (page.length < IMPORT_BATCH_ROWS) break;
      }
    }
    await recordAudit(tx, ctx, { action: 'contact_import.duplicates_updated', entityType: 'contact_import', entityId: id, changes: { rows: rows ?? 'all' } });
  });
  return getContactImport(ctx, id, { limit: 50 });
}

async function write(tx: Executor, ctx: Ctx, options: BatchOptions, sheet: ContactSheet, prepared: ReturnType<typeof prepareRow>[]) {
  const { delta } = await applyBatch(tx, options, sheet, prepared);
  await repo.addToCounters(tx, ctx.workspaceId, options.importId, delta);
}

const REASONS_HEADER = 'REASONS';

/** Every row that needed attention, with its outcome and reasons, in row order (streamed a page at a time). */
export async function importResultRows(ctx: Ctx, id: string): Promise<{ fileName: string; rows: AsyncIterable<CsvValue[]> }> {
  const imp = await repo.findImport(ctx.db, ctx.workspaceId, id);
  if (!imp) throw notFound('Import');
  const headers = importOptions(imp).headers ?? [];
  async function* rows(): AsyncGenerator<CsvValue[]> {
    yield ['ROW', 'OUTCOME', ...headers, REASONS_HEADER, 'CONTACT ID'];
    let afterRow: number | null = null;
    for (;;) {
      const page = await repo.importRowsPage(ctx.db, ctx.workspaceId, id, ['failed', 'duplicate', 'fixed', 'updated'], { limit: IMPORT_BATCH_ROWS, afterRow });
      for (const r of page) {
        const reasons = r.errors.map((e) => `${e.column}: ${e.message}`).join(' | ');
        yield [r.row, r.outcome, ...headers.map((h) => r.values[h] ?? ''), reasons, r.recordId];
      }
      if (page.length < IMPORT_BATCH_ROWS) return;
      afterRow = page[page.length - 1].row;
    }
  }
  return { fileName: imp.fileName.replace(/\.[^.]*$/, '') + '-result.csv', rows: rows() };
}
