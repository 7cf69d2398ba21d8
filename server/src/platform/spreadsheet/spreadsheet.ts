import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvParser, type CsvDelimiter, type RawRecord } from './csv-reader';
import { decodeText, type TextEncoding } from './decode';
import { SpreadsheetError } from './errors';
import { readXlsxRecords } from './xlsx-reader';

export type SpreadsheetFormat = 'csv' | 'xlsx';

/** One data row. `row` is the line number Excel shows (the header is row 1 when it is the first line). */
export interface SheetRow {
  row: number;
  /** Header (trimmed, as written) → cell (trimmed); a header written twice keeps its first column here. */
  values: Record<string, string>;
  /** The cells by position, aligned with `headers`: what reads repeated columns. */
  cells: string[];
}

export interface SpreadsheetOptions {
  /** The name the user gave the file: used to tell a damaged .xlsx from a CSV. */
  fileName: string;
  /** Where an XLSX upload is kept while it is read (its own folder, removed on close). Default: the OS temp dir. */
  tmpDir?: string;
  /** Characters of XLSX shared strings kept in memory before the rest goes to disk. */
  stringBudget?: number;
}

export interface OpenSpreadsheet {
  format: SpreadsheetFormat;
  /** The first non-empty row, trimmed; trailing empty headers dropped. */
  headers: string[];
  headerRow: number;
  /** CSV only: the detected delimiter. */
  delimiter: CsvDelimiter | null;
  /** CSV only: the encoding in use (it may turn from utf-8 to windows-1252 as the file is read). */
  readonly encoding: TextEncoding | null;
  /** The data rows after the header; blank rows are skipped. Read once. */
  rows: AsyncIterable<SheetRow>;
  /** Frees the upload (temporary files, the input stream). Reading `rows` to the end does it too. */
  close(): Promise<void>;
}

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BINARY_MAGIC = ['%PDF', '\x89PNG', '\xff\xd8\xff', 'GIF8', '\x1f\x8b', 'Rar!', '7z\xbc\xaf'].map((m) => Buffer.from(m, 'latin1'));

/**
 * Opens a CSV or XLSX upload and reads its header row; the data rows stream after it.
 * The format comes from the bytes, not the name: XLSX is a ZIP ("PK"), anything textual is CSV.
 * An XLSX is first copied to a temporary file (a ZIP is indexed at its end); a CSV is read
 * straight from the stream. Either way memory stays flat whatever the number of rows.
 */
export async function openSpreadsheet(input: Readable, opts: SpreadsheetOptions): Promise<OpenSpreadsheet> {
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head = await peek(source, 8);
  const format = sniff(head.bytes, opts.fileName);
  let encoding: TextEncoding | null = null;
  let delimiter: CsvDelimiter | null = null;
  let dir: string | null = null;
  let records: AsyncGenerator<RawRecord>;
  if (format === 'xlsx') {
    dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'atende-sheet-'));
    const path = join(dir, 'upload.xlsx');
    try {
      await pipeline(Readable.from(head.chunks), createWriteStream(path));
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    records = readXlsxRecords(path, { tmpDir: dir, stringBudget: opts.stringBudget });
  } else {
    const parser = new CsvParser();
    records = csvRecords(head.chunks, parser, (e) => (encoding = e), (d) => (delimiter = d));
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await records.return(undefined).catch(() => undefined);
    input.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  };

  let first: IteratorResult<RawRecord>;
  try {
    first = await records.next();
  } catch (e) {
    await close();
    throw e;
  }
  if (first.done) {
    await close();
    throw new SpreadsheetError('the file is empty');
  }
  const headers = first.value.cells.map((c) => c.trim());
  while (headers.length && !headers[headers.length - 1]) headers.pop();
  const keys = headers.map((h, i) => (h && headers.indexOf(h) === i ? h : null));

  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for (;;) {
        const next = await records.next();
        if (next.done) return;
        const cells = keys.map((_, i) => (next.value.cells[i] ?? '').trim());
        const values: Record<string, string> = {};
        keys.forEach((key, i) => {
          if (key) values[key] = cells[i];
        });
        yield { row: next.value.row, values, cells };
      }
    } finally {
      await close();
    }
  }

  return {
    format,
    headers,
    headerRow: first.value.row,
    delimiter,
    get encoding() {
      return encoding;
    },
    rows: rows(),
    close,
  };
}

/** The data rows of a spreadsheet, when the caller does not need the header first. */
export async function* readSpreadsheet(input: Readable, opts: SpreadsheetOptions): AsyncGenerator<SheetRow> {
  const sheet = await openSpreadsheet(input, opts);
  yield* sheet.rows;
}

async function* csvRecords(
  chunks: AsyncIterable<Buffer>,
  parser: CsvParser,
  onEncoding: (e: TextEncoding) => void,
  onDelimiter: (d: CsvDelimiter) => void,
): AsyncGenerator<RawRecord> {
  const out: RawRecord[] = [];
  for await (const text of decodeText(chunks, onEncoding)) {
    parser.push(text, out);
    if (parser.delimiter) onDelimiter(parser.delimiter);
    yield* out.splice(0);
  }
  parser.end(out);
  if (parser.delimiter) onDelimiter(parser.delimiter);
  yield* out.splice(0);
}

/** The first bytes (at least `min`, unless the file is shorter) and every chunk, those first bytes included. */
async function peek(source: AsyncIterator<Buffer | string>, min: number) {
  const first: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < min) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    first.push(chunk);
    length += chunk.length;
  }
  const bytes = Buffer.concat(first);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (bytes.length) yield bytes;
    while (!done) {
      const next = await source.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  }
  return { bytes, chunks: chunks() };
}

function sniff(bytes: Buffer, fileName: string): SpreadsheetFormat {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (bytes.subarray(0, 8).equals(OLE)) {
    throw new SpreadsheetError('old Excel (.xls) and password-protected workbooks cannot be read: save the file as .xlsx without a password, or as CSV');
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw new SpreadsheetError(`${fileName} is not a valid XLSX workbook`);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (BINARY_MAGIC.some((m) => bytes.subarray(0, m.length).equals(m)) || (!utf16 && bytes.includes(0))) {
    throw new SpreadsheetError('the file is not a spreadsheet: send a CSV or XLSX file');
  }
  return 'csv';
}
