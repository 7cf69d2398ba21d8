import type { SheetRow } from './spreadsheet';

/**
 * A column a reader expects: `header` is how the template writes it, `aliases` other names
 * accepted for it. A `repeatable` column may appear several times (pairs of ATTRIBUTE /
 * ATTRIBUTE'S VALUE, say); any other column written twice makes the file ambiguous.
 */
export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  aliases?: string[];
  required?: boolean;
  repeatable?: boolean;
}

export interface ColumnMatch<K extends string = string> {
  /** Spec key → the header as written in the file (its first occurrence). */
  columns: Partial<Record<K, string>>;
  /** Spec key → every index of the column in the header row, left to right. */
  positions: Partial<Record<K, number[]>>;
  /** Required spec columns the file lacks, named as the spec writes them. */
  missing: string[];
  /** Spec columns, not repeatable, that the file writes more than once. */
  duplicated: string[];
  /** File headers no spec column claims: ignored, worth a warning. */
  unknown: string[];
  /** Why the file cannot be read, naming the columns; null when it can. */
  error: string | null;
}

/**
 * A header as compared: no accents, no case, and any run of spaces or punctuation is one
 * space — so "Telefone", " TELEFONE", "telefône", "ATTRIBUTE'S VALUE" and "Attribute’s value"
 * meet their spec names.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Which spec columns a file's headers hold, with a message naming the missing required ones. */
export function matchColumns<K extends string>(headers: readonly string[], spec: readonly ColumnSpec<K>[]): ColumnMatch<K> {
  const names = headers.map(normalizeHeader);
  const claimed = new Set<number>();
  const match: ColumnMatch<K> = { columns: {}, positions: {}, missing: [], duplicated: [], unknown: [], error: null };
  for (const col of spec) {
    const accepted = new Set([col.header, ...(col.aliases ?? [])].map(normalizeHeader));
    const at = names.flatMap((name, i) => (name && accepted.has(name) ? [i] : []));
    at.forEach((i) => claimed.add(i));
    if (at.length) {
      match.columns[col.key] = headers[at[0]];
      match.positions[col.key] = at;
    } else if (col.required) match.missing.push(col.header);
    if (at.length > 1 && !col.repeatable) match.duplicated.push(col.header);
  }
  match.unknown = headers.filter((h, i) => names[i] && !claimed.has(i));
  const problems = [
    match.missing.length ? `missing required ${plural(match.missing.length, 'column')}: ${match.missing.join(', ')}` : '',
    match.duplicated.length ? `${plural(match.duplicated.length, 'column')} written more than once: ${match.duplicated.join(', ')}` : '',
  ].filter(Boolean);
  match.error = problems.length ? problems.join('; ') : null;
  return match;
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

/** A row's values by spec key: the first occurrence of each column, '' for columns the file lacks. */
export function valuesByKey<K extends string>(row: SheetRow, match: ColumnMatch<K>, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) out[key] = row.cells[match.positions[key]?.[0] ?? -1] ?? '';
  return out;
}

/** Every value of a repeatable column in a row, left to right. */
export function repeatedValues<K extends string>(row: SheetRow, match: ColumnMatch<K>, key: K): string[] {
  return (match.positions[key] ?? []).map((i) => row.cells[i] ?? '');
}
