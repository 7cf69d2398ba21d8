import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** `;` by default: what Excel in Brazil splits columns on. */
  delimiter?: string;
  /**
   * Cells starting with =, @, a tab or CR — or with + or - followed by something that is
   * not a number — get a leading apostrophe so Excel shows them as text instead of running
   * them as formulas (CSV injection). Phones like "+55 11 98765-4321" are left alone. On by default.
   */
  guardFormulas?: boolean;
}

/** The UTF-8 byte order mark: without it Excel opens UTF-8 CSVs as Windows-1252 and breaks the accents. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=@\t\r]/;
const SIGNED_NON_NUMBER = /^[+-](?![\d\s().+-]*$)/;

function cell(value: CsvValue, delimiter: string, guard: boolean): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (guard && (FORMULA_START.test(text) || SIGNED_NON_NUMBER.test(text))) text = `'${text}`;
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as Excel writes it; fields are quoted only when they need it. */
export function csvLine(values: readonly CsvValue[], delimiter = ';', opts: Omit<CsvWriteOptions, 'delimiter'> = {}): string {
  const guard = opts.guardFormulas ?? true;
  return values.map((v) => cell(v, delimiter, guard)).join(delimiter) + '\r\n';
}

/**
 * A CSV file as a stream (UTF-8 with BOM), one line per row, for downloads of any size:
 * rows are pulled from the iterable only as fast as the reader takes them.
 */
export function csvStream(rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>, opts: CsvWriteOptions = {}): Readable {
  const delimiter = opts.delimiter ?? ';';
  async function* lines() {
    let batch = UTF8_BOM;
    for await (const row of rows) {
      batch += csvLine(row, delimiter, opts);
      // Small lines go out in batches: one stream chunk per row would cost more than the row.
      if (batch.length >= 16 * 1024) {
        yield Buffer.from(batch, 'utf8');
        batch = '';
      }
    }
    if (batch) yield Buffer.from(batch, 'utf8');
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Writes `csvStream(rows)` into `out` (a file, a reply), respecting its back-pressure. */
export function writeCsv(out: Writable, rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>, opts: CsvWriteOptions = {}): Promise<void> {
  return pipeline(csvStream(rows, opts), out);
}
