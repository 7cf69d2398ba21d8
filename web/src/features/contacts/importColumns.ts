import type { RowValues } from './importApi';

/**
 * CONT-3's columns in the template's order, with the Portuguese headers the import also
 * accepts. Row values come keyed by header from a JSON object whose key order PostgreSQL
 * does not keep, so the table puts known columns back in this order and the others after.
 */
const ORDER: string[][] = [
  ['network', 'rede'],
  ['country code', 'ddi', 'codigo do pais'],
  ['phone number', 'telefone', 'phone'],
  ['display name', 'nome', 'name'],
  ['cpf/cnpj', 'cpf', 'cnpj', 'documento'],
  ['email', 'e-mail'],
  ['group', 'grupo'],
  ['agent', 'agente'],
  ['priority', 'prioridade'],
  ['birth date', 'nascimento', 'data de nascimento'],
  ['company', 'empresa'],
  ['attribute', 'atributo', "attribute's value", 'valor do atributo'],
];

export const foldHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function rank(header: string): number {
  const h = foldHeader(header);
  // "ATTRIBUTE 2" / "ATTRIBUTE'S VALUE 2" stay together, after the first pair.
  const base = h.replace(/\s*\d+$/, '');
  const i = ORDER.findIndex((names) => names.includes(base));
  return i === -1 ? ORDER.length : i;
}

/** Every column that appears in the rows, in the file's order when known, else the template's. */
export function orderColumns(rows: Array<{ values: RowValues }>, known: string[] | null): string[] {
  const seen: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.values)) if (!seen.includes(k)) seen.push(k);
  if (known?.length) return [...known.filter((k) => seen.includes(k)), ...seen.filter((k) => !known.includes(k))];
  return seen
    .map((k, i) => ({ k, i, r: rank(k), n: Number(/(\d+)\s*$/.exec(k)?.[1] ?? 1) }))
    .sort((a, b) => a.r - b.r || (a.r === ORDER.length - 1 ? a.n - b.n : 0) || a.i - b.i)
    .map((x) => x.k);
}

/** The error's column may be spelled as the header or in another case: match it loosely. */
export function sameColumn(a: string, b: string): boolean {
  return foldHeader(a) === foldHeader(b);
}

/** A short label for a row in lists: name, phone or document, whatever it has. */
export function rowLabel(values: RowValues): { name: string; phone: string; document: string } {
  const get = (...names: string[]) => {
    const key = Object.keys(values).find((k) => names.includes(foldHeader(k)));
    return key ? (values[key] ?? '').trim() : '';
  };
  return {
    name: get('display name', 'nome', 'name'),
    phone: [get('country code', 'ddi', 'codigo do pais'), get('phone number', 'telefone', 'phone')].filter(Boolean).join(' '),
    document: get('cpf/cnpj', 'cpf', 'cnpj', 'documento'),
  };
}

/** A width that fits what the column usually holds: a country code is short, an e-mail long. */
export function columnWidth(header: string): number {
  const widths = [120, 90, 170, 200, 160, 220, 160, 130, 150, 130, 150, 150];
  return widths[rank(header)] ?? 160;
}
