import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type { RawRecord } from './csv-reader';
import { SpreadsheetError } from './errors';
import { StringTable } from './string-table';
import { attr, parseXml, XmlTokenizer, type XmlHandler } from './xml';
import { ZipFile } from './zip';
import { dateKindOf, excelSerialToIso, type DateKind } from './xlsx-values';

export interface XlsxReadOptions {
  /** A folder of this read's own, for shared strings beyond the memory budget. */
  tmpDir: string;
  stringBudget?: number;
}

interface WorkbookParts {
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  date1904: boolean;
}

/**
 * The rows of the first worksheet of an XLSX file on disk, streamed: the sheet XML is
 * tokenized chunk by chunk, so memory does not grow with the number of rows.
 * Row numbers are the sheet's own (`<row r>`), so they are what Excel shows.
 */
export async function* readXlsxRecords(path: string, opts: XlsxReadOptions): AsyncGenerator<RawRecord> {
  const zip = await ZipFile.open(path);
  const strings = new StringTable(opts.tmpDir, opts.stringBudget);
  try {
    const parts = await locateParts(zip);
    const dateKinds = parts.styles ? readStyles(await zip.text(parts.styles)) : [];
    if (parts.sharedStrings) await streamXml(await zip.stream(parts.sharedStrings), sharedStringsHandler(strings));
    strings.seal();
    const out: RawRecord[] = [];
    const handler = sheetHandler(out, (type, value, style) => cellText(type, value, dateKinds[style] ?? null, strings, parts.date1904));
    for await (const _ of streamXml(await zip.stream(parts.sheet), handler, true)) {
      yield* out.splice(0);
    }
    yield* out.splice(0);
  } finally {
    strings.close();
    await zip.close();
  }
}

/** Runs a part through the tokenizer; as a generator, it pauses after each chunk so rows can be handed out. */
function streamXml(input: Readable, handler: XmlHandler, asGenerator: true): AsyncGenerator<void>;
function streamXml(input: Readable, handler: XmlHandler): Promise<void>;
function streamXml(input: Readable, handler: XmlHandler, asGenerator = false): AsyncGenerator<void> | Promise<void> {
  async function* run() {
    const tokenizer = new XmlTokenizer(handler);
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of input) {
      tokenizer.write(decoder.decode(chunk as Buffer, { stream: true }));
      yield;
    }
    tokenizer.write(decoder.decode());
    tokenizer.end();
  }
  if (asGenerator) return run();
  return (async () => {
    for await (const _ of run());
  })();
}

async function locateParts(zip: ZipFile): Promise<WorkbookParts> {
  const rootRels = zip.has('_rels/.rels') ? relationships(await zip.text('_rels/.rels'), '') : [];
  const workbookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw new SpreadsheetError('the file is not an XLSX workbook (an .ods or another ZIP file?)');
  let sheetRelId: string | undefined;
  let date1904 = false;
  parseXml(await zip.text(workbookPath), {
    open(name, attrs) {
      if (name === 'sheet' && sheetRelId === undefined) sheetRelId = attr(attrs, 'id');
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(attrs, 'date1904') ?? '');
    },
    close() {},
    text() {},
  });
  const dir = posix.dirname(workbookPath);
  const relsPath = posix.join(dir, '_rels', `${posix.basename(workbookPath)}.rels`);
  const rels = zip.has(relsPath) ? relationships(await zip.text(relsPath), dir) : [];
  const sheet = rels.find((r) => r.id === sheetRelId)?.target ?? posix.join(dir, 'worksheets/sheet1.xml');
  if (!zip.has(sheet)) throw new SpreadsheetError('the workbook has no worksheet');
  const part = (type: string, fallback: string) => {
    const path = rels.find((r) => r.type.endsWith(type))?.target ?? posix.join(dir, fallback);
    return zip.has(path) ? path : undefined;
  };
  return { sheet, sharedStrings: part('/sharedStrings', 'sharedStrings.xml'), styles: part('/styles', 'styles.xml'), date1904 };
}

function relationships(xml: string, baseDir: string): { id: string; type: string; target: string }[] {
  const out: { id: string; type: string; target: string }[] = [];
  parseXml(xml, {
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const target = attr(attrs, 'Target') ?? '';
      if (attr(attrs, 'TargetMode') === 'External') return;
      const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(baseDir, target));
      out.push({ id: attr(attrs, 'Id') ?? '', type: attr(attrs, 'Type') ?? '', target: path });
    },
    close() {},
    text() {},
  });
  return out;
}

/** The date kind of each cell style (`s` attribute) — only number formats tell a date from a number. */
function readStyles(xml: string): (DateKind | null)[] {
  const customFormats = new Map<number, string>();
  const kinds: (DateKind | null)[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt') customFormats.set(Number(attr(attrs, 'numFmtId')), attr(attrs, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(attrs, 'numFmtId') ?? 0);
        kinds.push(dateKindOf(id, customFormats.get(id)));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return kinds;
}

/** Rich text is several <t> runs in one <si>; phonetic guides (<rPh>) are not part of the value. */
function sharedStringsHandler(table: StringTable): XmlHandler {
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  return {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = current !== null && phonetic === 0;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current !== null) {
        table.add(unescapeOoxml(current));
        current = null;
      }
    },
    text(value) {
      if (inText) current += value;
    },
  };
}

type CellText = (type: string, value: string, style: number) => string;

function sheetHandler(out: RawRecord[], toText: CellText): XmlHandler {
  let row = 0;
  let cells: string[] = [];
  let col = 0;
  let cell: { type: string; style: number; value: string } | null = null;
  let collecting = false;
  let phonetic = 0;
  return {
    open(name, attrs) {
      if (name === 'row') {
        row = Number(attr(attrs, 'r')) || row + 1;
        cells = [];
        col = 0;
      } else if (name === 'c') {
        const ref = attr(attrs, 'r');
        if (ref) col = columnIndex(ref);
        cell = { type: attr(attrs, 't') ?? 'n', style: Number(attr(attrs, 's') ?? 0), value: '' };
      } else if (cell && name === 'v') collecting = true;
      else if (cell && name === 'rPh') phonetic++;
      else if (cell && name === 't') collecting = phonetic === 0;
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell) {
        cells[col] = toText(cell.type, cell.value, cell.style);
        col++;
        cell = null;
      } else if (name === 'row') {
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        if (cells.some((c) => c.trim() !== '')) out.push({ row, cells });
      }
    },
    text(value) {
      if (collecting && cell) cell.value += value;
    },
  };
}

/** "AB12" → 27 (0-based column). */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n - 1;
}

/** OOXML writes characters XML cannot carry as _xHHHH_ (a CR in a cell is _x000D_). */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

function cellText(type: string, value: string, dateKind: DateKind | null, strings: StringTable, date1904: boolean): string {
  switch (type) {
    case 's': {
      const text = strings.get(Number(value));
      if (text === undefined) throw new SpreadsheetError('the workbook refers to a shared string it does not have');
      return text;
    }
    case 'inlineStr':
    case 'str':
      return unescapeOoxml(value);
    case 'b':
      return value.trim() === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return value;
    case 'd': // ISO 8601 already (strict OOXML)
      return value.replace(/T00:00(:00(\.0+)?)?Z?$/, '');
    default: {
      if (value.trim() === '') return '';
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      if (dateKind) return excelSerialToIso(n, dateKind, date1904);
      // Excel shows 15 significant digits; the file may hold the 17 of the double (0.30000000000000004).
      return String(Number(n.toPrecision(15)));
    }
  }
}
