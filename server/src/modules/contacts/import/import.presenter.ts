import { z } from 'zod';
import type { ImportRow, StoredImportRow } from './import.repository';

const cellErrorSchema = z.object({ column: z.string(), message: z.string() });
const valuesSchema = z.record(z.string(), z.string());

export const failedRowSchema = z.object({ row: z.number().int(), values: valuesSchema, errors: z.array(cellErrorSchema) });
export const duplicateRowSchema = z.object({
  row: z.number().int(),
  values: valuesSchema,
  /** The contact the row matched. */
  contactId: z.string().nullable(),
  /** Why it is a duplicate ("a contact with this phone already exists", "same phone as row 12"). */
  errors: z.array(cellErrorSchema),
});

/** What lists and the `import.progress` event carry: the counters, no rows. */
export const importSummarySchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  fileName: z.string(),
  /** The file's headers as row values are keyed (a header written twice is numbered: "ATTRIBUTE (2)"). */
  columns: z.array(z.string()),
  updateDuplicates: z.boolean(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  duplicates: z.number().int(),
  failedCount: z.number().int(),
  /** Why the whole import stopped (status failed). */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/**
 * GET /contacts/imports/:id. `failed` is API.md's list of rejected rows; `failedRows` is the
 * same list under the name the brief gave it. Both lists page by row number (`nextCursor`
 * for `?cursor=`, `duplicatesNextCursor` for `?duplicatesCursor=`).
 */
export const importSchema = importSummarySchema.extend({
  failed: z.array(failedRowSchema),
  failedRows: z.array(failedRowSchema),
  nextCursor: z.string().nullable(),
  duplicateRows: z.array(duplicateRowSchema),
  duplicatesNextCursor: z.string().nullable(),
});

/** The answer to a retry: the import, and what became of each row sent (fixed, failed, duplicate). */
export const retrySchema = importSchema.extend({
  retried: z.array(
    z.object({ row: z.number().int(), outcome: z.enum(['failed', 'duplicate', 'fixed', 'updated']), values: valuesSchema, errors: z.array(cellErrorSchema), contactId: z.string().nullable() }),
  ),
});

export type ImportSummary = z.infer<typeof importSummarySchema>;
export type ImportDto = z.infer<typeof importSchema>;

export const importOptions = (row: ImportRow) => row.options as { updateDuplicates?: boolean; headers?: string[] };

export function presentImportSummary(row: ImportRow): ImportSummary {
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    columns: importOptions(row).headers ?? [],
    updateDuplicates: importOptions(row).updateDuplicates ?? false,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    created: row.created,
    updated: row.updated,
    duplicates: row.duplicates,
    failedCount: row.failed,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function presentImport(
  row: ImportRow,
  failed: { items: StoredImportRow[]; nextCursor: string | null },
  duplicates: { items: StoredImportRow[]; nextCursor: string | null },
): ImportDto {
  const failedRows = failed.items.map((r) => ({ row: r.row, values: r.values, errors: r.errors }));
  return {
    ...presentImportSummary(row),
    failed: failedRows,
    failedRows,
    nextCursor: failed.nextCursor,
    duplicateRows: duplicates.items.map((r) => ({ row: r.row, values: r.values, contactId: r.recordId, errors: r.errors })),
    duplicatesNextCursor: duplicates.nextCursor,
  };
}
