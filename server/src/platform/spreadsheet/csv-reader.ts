import { SpreadsheetError } from './errors';

/** One record of a sheet, before the header gives its cells names. */
export interface RawRecord {
  row: number;
  cells: string[];
}

export type CsvDelimiter = ';' | ',' | '\t';

/** The longest record accepted: bounds memory when a quote is left open and swallows the file. */
export const MAX_RECORD_CHARS = 1_000_000;
/** The header line is looked for in this much text; a longer header is judged on its start. */
const SNIFF_CHARS = 64 * 1024;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted, // a '"' inside quotes: either the first of "" or the closing quote
  AfterQuoted, // text after the closing quote, kept as Excel does: "ab"c → abc
}

/**
 * Counts `;`, `,` and tab outside quotes in the header line; the most frequent one is the
 * delimiter, `;` on a tie (pt-BR Excel writes `;` because `,` is its decimal comma).
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  let best: CsvDelimiter = ';';
  for (const d of [',', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** The first line with content, quotes respected; null while the text read so far does not end it. */
function firstLine(text: string): string | null {
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      const line = text.slice(start, i);
      if (line.trim()) return line;
      start = i + 1;
    }
  }
  return null;
}

/**
 * A streaming CSV parser (RFC 4180 plus what Excel writes): fields quoted with "…" may hold
 * the delimiter, "" for a quote and line breaks; lines end in CRLF, LF or CR.
 *
 * Row numbers are the ones Excel shows when it opens the file: one per record, counting
 * the empty lines (which are skipped — a line of only delimiters or spaces is empty too),
 * and a record whose quoted field spans several lines is still one row.
 */
export class CsvParser {
  delimiter: CsvDelimiter | null;
  private pending = '';
  private special = /[;\r\n]/g;
  private state = State.FieldStart;
  private row = 1;
  private cells: string[] = [];
  private field = '';
  private recordChars = 0;
  private afterCR = false;

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter ?? null;
    if (delimiter) this.special = specialChars(delimiter);
  }

  /** Parses a chunk of text, pushing the records it completes onto `out`. */
  push(text: string, out: RawRecord[]): void {
    if (this.delimiter === null) {
      this.pending += text;
      const line = firstLine(this.pending);
      if (line === null && this.pending.length < SNIFF_CHARS) return;
      this.delimiter = detectDelimiter(line ?? this.pending.slice(0, SNIFF_CHARS));
      this.special = specialChars(this.delimiter);
      text = this.pending;
      this.pending = '';
    }
    this.feed(text, out);
  }

  /** Ends the input, pushing the last record if the file does not end with a line break. */
  end(out: RawRecord[]): void {
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(firstLine(this.pending + '\n') ?? '');
      this.special = specialChars(this.delimiter);
      const text = this.pending;
      this.pending = '';
      this.feed(text, out);
    }
    if (this.state === State.Quoted) throw new SpreadsheetError('a quoted field is never closed (a " is missing)', this.row);
    if (this.state !== State.FieldStart || this.cells.length || this.field) {
      this.endField();
      this.endRecord(out);
    }
  }

  private feed(text: string, out: RawRecord[]): void {
    const n = text.length;
    let i = 0;
    if (this.afterCR && n) {
      if (text[0] === '\n') i = 1;
      this.afterCR = false;
    }
    while (i < n) {
      if (this.state === State.Quoted) {
        const j = text.indexOf('"', i);
        if (j === -1) {
          this.append(text.slice(i));
          return;
        }
        this.append(text.slice(i, j));
        i = j + 1;
        this.state = State.QuoteInQuoted;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (text[i] === '"') {
          this.append('"');
          i++;
          this.state = State.Quoted;
        } else this.state = State.AfterQuoted;
        continue;
      }
      if (this.state === State.FieldStart && text[i] === '"') {
        this.state = State.Quoted;
        i++;
        continue;
      }
      this.special.lastIndex = i;
      const j = this.special.exec(text)?.index ?? n;
      if (j > i) {
        this.append(text.slice(i, j));
        if (this.state === State.FieldStart) this.state = State.Unquoted;
      }
      if (j === n) return;
      this.endField();
      if (text[j] === this.delimiter) {
        i = j + 1;
        continue;
      }
      this.endRecord(out);
      i = j + 1;
      if (text[j] === '\r') {
        if (i === n) this.afterCR = true;
        else if (text[i] === '\n') i++;
      }
    }
  }

  private append(s: string): void {
    this.recordChars += s.length;
    if (this.recordChars > MAX_RECORD_CHARS) {
      throw new SpreadsheetError(
        this.state === State.Quoted ? 'a quoted field is never closed (a " is missing)' : 'the row is longer than 1,000,000 characters',
        this.row,
      );
    }
    this.field += s;
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(out: RawRecord[]): void {
    if (this.cells.some((c) => c.trim() !== '')) out.push({ row: this.row, cells: this.cells });
    this.row++;
    this.cells = [];
    this.recordChars = 0;
  }
}

function specialChars(delimiter: CsvDelimiter): RegExp {
  return new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g');
}
