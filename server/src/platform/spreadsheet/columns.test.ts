import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { matchColumns, normalizeHeader, openSpreadsheet, repeatedValues, valuesByKey, type ColumnSpec } from './index';

// The columns of CONT-3, as an import would declare them.
const CONTACT_COLUMNS: ColumnSpec<'network' | 'countryCode' | 'phone' | 'name' | 'document' | 'email' | 'attribute' | 'attributeValue'>[] = [
  { key: 'network', header: 'NETWORK' },
  { key: 'countryCode', header: 'COUNTRY CODE' },
  { key: 'phone', header: 'PHONE NUMBER', aliases: ['TELEFONE'], required: true },
  { key: 'name', header: 'DISPLAY NAME', aliases: ['NOME'], required: true },
  { key: 'document', header: 'CPF/CNPJ' },
  { key: 'email', header: 'EMAIL', aliases: ['E-MAIL'] },
  { key: 'attribute', header: 'ATTRIBUTE', repeatable: true },
  { key: 'attributeValue', header: "ATTRIBUTE'S VALUE", repeatable: true },
];
const KEYS = CONTACT_COLUMNS.map((c) => c.key);

describe('normalizeHeader', () => {
  it.each([
    ['  Telefone ', 'telefone'],
    ['TELEFÔNE', 'telefone'],
    ['Número do Celular', 'numero do celular'],
    ["ATTRIBUTE'S VALUE", 'attribute s value'],
    ['Attribute’s  value', 'attribute s value'],
    ['CPF/CNPJ', 'cpf cnpj'],
    ['cpf_cnpj', 'cpf cnpj'],
    ['E-mail', 'e mail'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeHeader(raw)).toBe(normalized);
  });
});

describe('matchColumns', () => {
  it('matches headers whatever their case, accents, spacing or apostrophe', () => {
    const m = matchColumns(['display name', ' Phone Number ', 'cpf / cnpj', 'E-MAIL', 'Attribute’s value', 'Observação'], CONTACT_COLUMNS);
    expect(m.error).toBeNull();
    expect(m.columns).toEqual({ name: 'display name', phone: ' Phone Number ', document: 'cpf / cnpj', email: 'E-MAIL', attributeValue: 'Attribute’s value' });
    expect(m.unknown).toEqual(['Observação']);
  });

  it('accepts aliases', () => {
    const m = matchColumns(['Nome', 'Telefone'], CONTACT_COLUMNS);
    expect(m.error).toBeNull();
    expect(m.columns).toEqual({ name: 'Nome', phone: 'Telefone' });
  });

  it('names every missing required column in a clear message', () => {
    expect(matchColumns(['EMAIL', 'CPF/CNPJ'], CONTACT_COLUMNS)).toMatchObject({
      missing: ['PHONE NUMBER', 'DISPLAY NAME'],
      error: 'missing required columns: PHONE NUMBER, DISPLAY NAME',
    });
    expect(matchColumns(['NOME'], CONTACT_COLUMNS).error).toBe('missing required column: PHONE NUMBER');
  });

  it('refuses a column written twice unless it is repeatable', () => {
    const m = matchColumns(['NOME', 'TELEFONE', 'phone number', 'ATTRIBUTE', "ATTRIBUTE'S VALUE", 'ATTRIBUTE', "ATTRIBUTE'S VALUE"], CONTACT_COLUMNS);
    expect(m.duplicated).toEqual(['PHONE NUMBER']);
    expect(m.error).toBe('column written more than once: PHONE NUMBER');
    expect(m.positions.attribute).toEqual([3, 5]);
    expect(m.positions.attributeValue).toEqual([4, 6]);
  });
});

describe('reading rows by spec key', () => {
  it('gives each row its values by key, repeated columns in order, and the missing ones empty', async () => {
    const csv = "NOME;TELEFONE;ATTRIBUTE;ATTRIBUTE'S VALUE;ATTRIBUTE;ATTRIBUTE'S VALUE\nAna;11987654321;cor;azul;tamanho;M\n";
    const sheet = await openSpreadsheet(Readable.from([Buffer.from(csv)]), { fileName: 'c.csv' });
    const match = matchColumns(sheet.headers, CONTACT_COLUMNS);
    const rows = [];
    for await (const r of sheet.rows) rows.push(r);
    const [row] = rows;
    expect(valuesByKey(row, match, KEYS)).toEqual({
      network: '',
      countryCode: '',
      phone: '11987654321',
      name: 'Ana',
      document: '',
      email: '',
      attribute: 'cor',
      attributeValue: 'azul',
    });
    expect(repeatedValues(row, match, 'attribute')).toEqual(['cor', 'tamanho']);
    expect(repeatedValues(row, match, 'attributeValue')).toEqual(['azul', 'M']);
  });

  it('lets the caller refuse the whole file before reading a row', async () => {
    const sheet = await openSpreadsheet(Readable.from([Buffer.from('EMAIL;CPF\nana@example.com;1\n')]), { fileName: 'c.csv' });
    const match = matchColumns(sheet.headers, CONTACT_COLUMNS);
    await sheet.close();
    expect(match.error).toBe('missing required columns: PHONE NUMBER, DISPLAY NAME');
  });
});
