import type { Deps } from '../../../platform/context';
import { openSpreadsheet, SpreadsheetError } from '../../../platform/spreadsheet';
import { applyBatch, prepareRow, type PreparedRow } from './import.batch';
import { ContactSheet } from './import.columns';
import { importOptions, presentImportSummary } from './import.presenter';
import * as repo from './import.repository';
import { CONTACT_IMPORT_JOB, IMPORT_BATCH_ROWS } from './import.service';

type JobData = { workspaceId: string; importId: string };

/** Another run of the same import moved it on (or ended it): this one stops without a trace. */
class Superseded extends Error {}

export async function defineContactImportJobs(deps: Deps) {
  await deps.jobs.define<JobData>(CONTACT_IMPORT_JOB, (data) => runContactImport(deps, data.workspaceId, data.importId), {
    // A crashed run is taken up again after this; the processed_rows guard keeps a slow one from counting twice.
    expireInSeconds: 3600,
    retryLimit: 5,
  });
}

function progress(deps: Deps, row: repo.ImportRow) {
  if (row.createdById) deps.realtime.toUser(row.workspaceId, row.createdById, 'import.progress', presentImportSummary(row));
}

/**
 * CONT-3: reads the stored file from where the last run stopped (processed_rows), a batch at a
 * time — each batch, its rows that need the user and the counters commit together, so progress
 * survives a restart. The next batch is read and checked while the previous one is written.
 */
export async function runContactImport(deps: Deps, workspaceId: string, importId: string) {
  let imp = await repo.findImport(deps.db, workspaceId, importId);
  if (!imp || imp.status === 'done' || imp.status === 'failed') return;
  const end = async (values: { status: 'done' | 'failed'; error?: string; totalRows?: number }) => {
    if (imp!.fileKey) await deps.storage.remove(imp!.fileKey);
    const row = await repo.updateImport(deps.db, workspaceId, importId, { ...values, fileKey: null, finishedAt: new Date() });
    if (row) progress(deps, row);
  };
  if (!imp.fileKey || !(await deps.storage.exists(imp.fileKey))) return end({ status: 'failed', error: 'the uploaded file is no longer available' });
  const file = { key: imp.fileKey, name: imp.fileName };

  try {
    if (imp.status === 'queued') imp = (await repo.updateImport(deps.db, workspaceId, importId, { status: 'running' }))!;
    if (imp.processedRows === 0) {
      imp = (await repo.updateImport(deps.db, workspaceId, importId, { totalRows: await countRows(deps, file) }))!;
      progress(deps, imp);
    }

    const sheet = await openSpreadsheet(deps.storage.get(file.key), { fileName: file.name });
    let processed = imp.processedRows;
    try {
      const layout = new ContactSheet(sheet.headers);
      if (layout.match.error) throw new SpreadsheetError(layout.match.error);
      const options = { workspaceId, importId, mode: 'job' as const, updateDuplicates: importOptions(imp).updateDuplicates ?? false };

      const flush = async (rows: PreparedRow[]) => {
        const from = processed;
        processed += rows.length;
        const row = await deps.db.transaction(async (tx) => {
          const { delta } = await applyBatch(tx, options, layout, rows);
          const moved = await repo.addToCounters(tx, workspaceId, importId, delta, { from, to: from + rows.length });
          if (!moved) throw new Superseded();
          return moved;
        });
        progress(deps, row);
      };

      let skip = imp.processedRows;
      let batch: PreparedRow[] = [];
      let writing: Promise<void> = Promise.resolve();
      for await (const r of sheet.rows) {
        if (skip > 0) {
          skip--;
          continue;
        }
        batch.push(prepareRow(layout, layout.read(r.row, r.cells)));
        if (batch.length < IMPORT_BATCH_ROWS) continue;
        await writing;
        writing = flush(batch);
        // Awaited before the next batch is written; until then a failure must not count as unhandled.
        writing.catch(() => {});
        batch = [];
      }
      await writing;
      if (batch.length) await flush(batch);
    } finally {
      await sheet.close();
    }
    await end({ status: 'done', totalRows: processed });
  } catch (err) {
    if (err instanceof Superseded) return;
    // A file that turns out unreadable half-way ends the import; what was read stays imported.
    if (err instanceof SpreadsheetError) return end({ status: 'failed', error: err.message });
    throw err;
  }
}

/** The data rows of the file, for the progress bar (a first, cheap pass: no checks, no database). */
async function countRows(deps: Deps, file: { key: string; name: string }) {
  const sheet = await openSpreadsheet(deps.storage.get(file.key), { fileName: file.name });
  let n = 0;
  for await (const _ of sheet.rows) n++;
  return n;
}
