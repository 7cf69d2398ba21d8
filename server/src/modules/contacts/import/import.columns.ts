import { matchColumns, type ColumnMatch, type ColumnSpec } from '../../../platform/spreadsheet';
import type { FieldError } from '../../../platform/errors';
import type { ImportCellError } from '../import.schema';

/** CONT-3 columns, in template order. */
export type ContactColumn =
  | 'network'
  | 'countryCode'
  | 'phone'
  | 'displayName'
  | 'document'
  | 'email'
  | 'group'
  | 'agent'
  | 'attribute'
  | 'attributeValue'
  | 'priority'
  | 'birthDate'
  | 'company';

/** "ATTRIBUTE 2", "ATRIBUTO 3" …: how templates of other products number repeated pairs. */
const numbered = (names: string[]) => names.flatMap((n) => Array.from({ length: 20 }, (_, i) => `${n} ${i + 1}`));

export const CONTACT_COLUMNS: ColumnSpec<ContactColumn>[] = [
  { key: 'network', header: 'NETWORK', aliases: ['REDE', 'CANAL', 'CHANNEL'] },
  { key: 'countryCode', header: 'COUNTRY CODE', aliases: ['DDI', 'CÓDIGO DO PAÍS', 'CÓDIGO PAÍS', 'CODE'] },
  { key: 'phone', header: 'PHONE NUMBER', required: true, aliases: ['TELEFONE', 'PHONE', 'CELULAR', 'NÚMERO', 'NÚMERO DE TELEFONE', 'WHATSAPP'] },
  { key: 'displayName', header: 'DISPLAY NAME', required: true, aliases: ['NOME', 'NAME', 'NOME DE EXIBIÇÃO', 'NOME DO CONTATO', 'NOME DO CLIENTE'] },
  { key: 'document', header: 'CPF/CNPJ', aliases: ['CPF', 'CNPJ', 'CPF CNPJ', 'DOCUMENTO', 'DOCUMENT'] },
  { key: 'email', header: 'EMAIL', aliases: ['E-MAIL', 'E MAIL'] },
  { key: 'group', header: 'GROUP', aliases: ['GRUPO', 'GRUPO DE ATENDIMENTO', 'SERVICE GROUP'] },
  { key: 'agent', header: 'AGENT', aliases: ['AGENTE', 'AGENTE DA CARTEIRA', 'WALLET AGENT', 'CARTEIRA'] },
  {
    key: 'attribute',
    header: 'ATTRIBUTE',
    repeatable: true,
    aliases: ['ATRIBUTO', ...numbered(['ATTRIBUTE', 'ATRIBUTO'])],
  },
  {
    key: 'attributeValue',
    header: "ATTRIBUTE'S VALUE",
    repeatable: true,
    aliases: ['ATTRIBUTE VALUE', 'VALOR DO ATRIBUTO', 'VALOR', ...numbered(["ATTRIBUTE'S VALUE", 'ATTRIBUTE VALUE', 'VALOR DO ATRIBUTO', 'VALOR'])],
  },
  { key: 'priority', header: 'PRIORITY', aliases: ['PRIORIDADE'] },
  { key: 'birthDate', header: 'BIRTH DATE', aliases: ['NASCIMENTO', 'DATA DE NASCIMENTO', 'BIRTHDATE', 'DATE OF BIRTH'] },
  { key: 'company', header: 'COMPANY', aliases: ['EMPRESA', 'COMPANY NAME', 'NOME DA EMPRESA'] },
];

const PT_BR_HEADERS: Record<ContactColumn, string> = {
  network: 'REDE',
  countryCode: 'DDI',
  phone: 'TELEFONE',
  displayName: 'NOME',
  document: 'CPF/CNPJ',
  email: 'E-MAIL',
  group: 'GRUPO',
  agent: 'AGENTE',
  attribute: 'ATRIBUTO',
  attributeValue: 'VALOR DO ATRIBUTO',
  priority: 'PRIORIDADE',
  birthDate: 'NASCIMENTO',
  company: 'EMPRESA',
};

/** The template: every column and one example row (a valid CPF, a São Paulo mobile). */
export function templateRows(language: 'en' | 'pt-BR'): string[][] {
  const headers = CONTACT_COLUMNS.map((c) => (language === 'pt-BR' ? PT_BR_HEADERS[c.key] : c.header));
  const example: Record<ContactColumn, string> = {
    network: 'WHATSAPP',
    countryCode: '55',
    phone: '11987654321',
    displayName: 'Maria da Silva',
    document: '529.982.247-25',
    email: 'maria@example.com',
    group: '',
    agent: '',
    attribute: '',
    attributeValue: '',
    priority: '0',
    birthDate: '1985-04-12',
    company: '',
  };
  return [headers, CONTACT_COLUMNS.map((c) => example[c.key])];
}

/**
 * The keys a row's values are stored under: the headers as written, a header written again
 * numbered ("ATTRIBUTE (2)") so every cell keeps its own key — and since "ATTRIBUTE (2)"
 * reads as "ATTRIBUTE 2", the same keys map back to the same columns when a row is re-sent.
 */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const name = h || `COLUMN ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

/** What a row says, before the database is asked: names still to resolve, problems by column. */
export interface ParsedContactRow {
  row: number;
  /** The cells exactly as written, by unique header. */
  values: Record<string, string>;
  displayName: string;
  phone: string;
  email: string;
  document: string;
  birthDate: string;
  company: string;
  priority: number | undefined;
  agentLogin: string;
  groupName: string;
  attributes: { name: string; value: string; column: string }[];
  errors: ImportCellError[];
}

/** The file's layout: which position holds which column, and how errors name them. */
export class ContactSheet {
  readonly match: ColumnMatch<ContactColumn>;
  readonly keys: string[];

  constructor(headers: readonly string[]) {
    this.match = matchColumns(headers, CONTACT_COLUMNS);
    this.keys = uniqueHeaders(headers);
  }

  /** The header (as stored in values) of a column's n-th occurrence; the template's name when absent. */
  column(key: ContactColumn, n = 0): string {
    const at = this.match.positions[key]?.[n];
    return at === undefined ? CONTACT_COLUMNS.find((c) => c.key === key)!.header : this.keys[at];
  }

  private cell(cells: readonly string[], key: ContactColumn, n = 0): string {
    const at = this.match.positions[key]?.[n];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  }

  read(row: number, cells: readonly string[]): ParsedContactRow {
    // PostgreSQL text cannot hold NUL; nothing a person typed needs it.
    if (cells.some((c) => c.includes('\0'))) cells = cells.map((c) => c.replaceAll('\0', ''));
    const values: Record<string, string> = {};
    this.keys.forEach((k, i) => (values[k] = cells[i] ?? ''));
    const errors: ImportCellError[] = [];
    const cell = (key: ContactColumn) => this.cell(cells, key);

    const displayName = cell('displayName');
    const phone = this.phoneOf(cell('phone'), cell('countryCode'), errors);

    let priority: number | undefined;
    const p = cell('priority');
    if (p) {
      if (/^\d+$/.test(p) && Number(p) <= 100) priority = Number(p);
      else errors.push({ column: this.column('priority'), message: 'must be a whole number from 0 to 100' });
    }
    const birthDate = isoDate(cell('birthDate'));
    if (birthDate === null) errors.push({ column: this.column('birthDate'), message: 'use DD/MM/YYYY or YYYY-MM-DD' });

    const attributes: ParsedContactRow['attributes'] = [];
    const names = this.match.positions.attribute ?? [];
    const valuesAt = this.match.positions.attributeValue ?? [];
    for (let n = 0; n < Math.max(names.length, valuesAt.length); n++) {
      const name = this.cell(cells, 'attribute', n);
      const value = this.cell(cells, 'attributeValue', n);
      if (!name && value) errors.push({ column: this.column('attribute', n), message: `required when ${this.column('attributeValue', n)} is filled` });
      // A named attribute left empty changes nothing: templates carry empty pairs.
      if (name && value) attributes.push({ name, value, column: this.column('attribute', n) });
    }

    return {
      row,
      values,
      displayName,
      phone,
      email: cell('email'),
      document: cell('document'),
      birthDate: birthDate ?? '',
      company: cell('company'),
      priority,
      agentLogin: cell('agent'),
      groupName: cell('group'),
      attributes,
      errors,
    };
  }

  /**
   * PHONE NUMBER with COUNTRY CODE: Brazil (55, the default) reads the number as people write
   * it there; another code is put in front unless the number already has its own "+".
   */
  private phoneOf(number: string, countryCode: string, errors: ImportCellError[]): string {
    if (!number) {
      errors.push({ column: this.column('phone'), message: 'required' });
      return '';
    }
    const code = countryCode.replace(/^\+/, '').trim();
    if (code && !/^\d{1,3}$/.test(code)) {
      errors.push({ column: this.column('countryCode'), message: 'must be 1 to 3 digits, e.g. 55' });
      return '';
    }
    if (!code || code === '55' || number.trim().startsWith('+')) return number;
    return `+${code} ${number}`;
  }

  /** The column a problem of `contactValues` (or of its schema) is about. */
  columnOfPath(path: string): string {
    const head = path.split('.')[0];
    const key: ContactColumn | undefined = (
      { displayName: 'displayName', phone: 'phone', phones: 'phone', email: 'email', document: 'document', birthDate: 'birthDate', companyName: 'company', priority: 'priority', walletAgentId: 'agent', serviceGroupId: 'group' } as const
    )[head as 'phone'];
    return key ? this.column(key) : path;
  }

  cellErrors(problems: FieldError[]): ImportCellError[] {
    return problems.map((p) => ({ column: this.columnOfPath(p.path), message: p.message }));
  }
}

/** Brazilian spreadsheets write dates DD/MM/YYYY; XLSX date cells arrive as YYYY-MM-DD. Null when unreadable. */
function isoDate(text: string): string | null {
  if (!text) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
}
