import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openSpreadsheet, type SheetRow } from './index';

/** The bytes as an upload stream, optionally cut in chunks of `size` bytes to cross every boundary. */
function upload(bytes: Buffer | string, size?: number): Readable {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (!size) return Readable.from([buf]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size));
  return Readable.from(chunks);
}

async function read(bytes: Buffer | string, size?: number, fileName = 'contacts.csv') {
  const sheet = await openSpreadsheet(upload(bytes, size), { fileName });
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { sheet, rows, simple: rows.map((r) => [r.row, r.cells]) };
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('CSV delimiters', () => {
  it('reads ";" (pt-BR Excel)', async () => {
    const { sheet, simple } = await read('NOME;TELEFONE\r\nAna;11987654321\r\nBia;1134567890\r\n');
    expect(sheet.delimiter).toBe(';');
    expect(sheet.headers).toEqual(['NOME', 'TELEFONE']);
    expect(simple).toEqual([
      [2, ['Ana', '11987654321']],
      [3, ['Bia', '1134567890']],
    ]);
  });

  it('reads ","', async () => {
    const { sheet, rows } = await read('name,phone,email\nAna,11987654321,ana@example.com\n');
    expect(sheet.delimiter).toBe(',');
    expect(rows[0].values).toEqual({ name: 'Ana', phone: '11987654321', email: 'ana@example.com' });
  });

  it('reads tabs', async () => {
    const { sheet, simple } = await read('name\tphone\nAna\t11987654321\n');
    expect(sheet.delimiter).toBe('\t');
    expect(simple).toEqual([[2, ['Ana', '11987654321']]]);
  });

  it('judges the delimiter on the header, ignoring delimiters inside quotes', async () => {
    const { sheet, rows } = await read('"NOME, COMPLETO";"TELEFONE, CELULAR"\n"Silva, Ana";11987654321\n');
    expect(sheet.delimiter).toBe(';');
    expect(rows[0].values).toEqual({ 'NOME, COMPLETO': 'Silva, Ana', 'TELEFONE, CELULAR': '11987654321' });
  });

  it('reads a one-column file', async () => {
    const { sheet, simple } = await read('NOME\nAna\nBia');
    expect(sheet.headers).toEqual(['NOME']);
    expect(simple).toEqual([
      [2, ['Ana']],
      [3, ['Bia']],
    ]);
  });
});

describe('CSV encodings', () => {
  it('reads UTF-8 with a BOM, which does not reach the first header', async () => {
    const { sheet, rows } = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('NOME;CIDADE\nJoão;São Paulo\n')]));
    expect(sheet.headers).toEqual(['NOME', 'CIDADE']);
    expect(sheet.encoding).toBe('utf-8');
    expect(rows[0].values).toEqual({ NOME: 'João', CIDADE: 'São Paulo' });
  });

  it('reads UTF-8 without a BOM', async () => {
    const { rows } = await read('NOME\nConceição Açaí\n');
    expect(rows[0].cells).toEqual(['Conceição Açaí']);
  });

  it('reads Latin-1 / Windows-1252 accents (ç 0xE7, ã 0xE3, é 0xE9, “ ” 0x93 0x94, € 0x80)', async () => {
    const bytes = Buffer.concat([latin1('NOME;OBS\n'), Buffer.from([0x43, 0x6f, 0x6e, 0x63, 0x65, 0x69, 0xe7, 0xe3, 0x6f]), latin1(';'), Buffer.from([0x93, 0x4a, 0xe9, 0x94, 0x20, 0x80]), latin1('\n')]);
    const { sheet, rows } = await read(bytes);
    expect(sheet.encoding).toBe('windows-1252');
    expect(rows[0].values).toEqual({ NOME: 'Conceição', OBS: '“Jé” €' });
  });

  it('switches to Windows-1252 when the first accent comes far into the file, in any chunking', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `Contato ${i};1198765${String(i).padStart(4, '0')}\n`).join('');
    const bytes = Buffer.concat([latin1(`NOME;TELEFONE\n${filler}`), latin1('Jos\xe9 Ara\xfajo;11987654321\n')]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    for (const size of [undefined, 1000, 7]) {
      const { sheet, rows } = await read(bytes, size);
      expect(sheet.encoding).toBe('windows-1252');
      expect(rows).toHaveLength(3001);
      expect(rows[3000]).toMatchObject({ row: 3002, cells: ['José Araújo', '11987654321'] });
      expect(rows[2999].cells).toEqual(['Contato 2999', '11987652999']);
    }
  });

  it('keeps UTF-8 multi-byte characters cut between chunks', async () => {
    const { rows } = await read('NOME\nJoão Conceição 😀\n', 1);
    expect(rows[0].cells).toEqual(['João Conceição 😀']);
  });

  it('reads UTF-16 LE with a BOM (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('NOME\tCIDADE\r\nJoão\tSão Paulo\r\n', 'utf16le')]);
    const { sheet, rows } = await read(bytes, 3);
    expect(sheet.encoding).toBe('utf-16le');
    expect(rows[0].values).toEqual({ NOME: 'João', CIDADE: 'São Paulo' });
  });
});

describe('CSV quoting and lines', () => {
  it('reads quoted fields with delimiters, "" quotes and line breaks', async () => {
    const text = 'NOME;OBS;TELEFONE\r\n"Silva; Ana";"Disse ""oi""\r\nduas vezes";11987654321\r\nBia;"a\nb\nc";1134567890\r\n';
    const { simple } = await read(text);
    expect(simple).toEqual([
      [2, ['Silva; Ana', 'Disse "oi"\r\nduas vezes', '11987654321']],
      [3, ['Bia', 'a\nb\nc', '1134567890']],
    ]);
  });

  it('counts a record spanning lines as one row, as Excel shows it', async () => {
    const { simple } = await read('A;B\n"1\n2\n3";x\nnext;y\n');
    expect(simple).toEqual([
      [2, ['1\n2\n3', 'x']],
      [3, ['next', 'y']],
    ]);
  });

  it('skips empty lines but keeps counting them, with CRLF, LF and CR', async () => {
    const { simple } = await read('\r\nNOME;FONE\r\n\r\nAna;1\n\n;;\n  ; \nBia;2\rCid;3\r\n\r\n');
    expect(simple).toEqual([
      [4, ['Ana', '1']],
      [8, ['Bia', '2']],
      [9, ['Cid', '3']],
    ]);
  });

  it('reports the header row when empty lines come first', async () => {
    const { sheet } = await read('\n\nNOME\nAna\n');
    expect(sheet.headerRow).toBe(3);
  });

  it('gives the same rows whatever the chunk boundaries (CR|LF, "|", multi-byte)', async () => {
    const text = 'NOME;OBS\r\n"Conceição ""C""";"x\r\ny"\r\n\r\nJoão;z\r\n"a";"b"';
    const whole = (await read(text)).simple;
    expect(whole).toEqual([
      [2, ['Conceição "C"', 'x\r\ny']],
      [4, ['João', 'z']],
      [5, ['a', 'b']],
    ]);
    for (const size of [1, 2, 3, 5]) expect((await read(text, size)).simple).toEqual(whole);
  });

  it('drops trailing empty columns and reads short rows as empty cells', async () => {
    const { sheet, rows } = await read('NOME;FONE;;;\nAna;1;;;\nBia\n');
    expect(sheet.headers).toEqual(['NOME', 'FONE']);
    expect(rows.map((r) => r.values)).toEqual([
      { NOME: 'Ana', FONE: '1' },
      { NOME: 'Bia', FONE: '' },
    ]);
  });

  it('trims headers and values, keeping line breaks inside values', async () => {
    const { sheet, rows } = await read('  NOME  ; E-MAIL \n  Ana  ;" ana@example.com "\n');
    expect(sheet.headers).toEqual(['NOME', 'E-MAIL']);
    expect(rows[0].values).toEqual({ NOME: 'Ana', 'E-MAIL': 'ana@example.com' });
  });

  it('keeps a repeated header in cells and its first column in values', async () => {
    const { rows } = await read('ATRIBUTO;VALOR;ATRIBUTO;VALOR\ncor;azul;tamanho;M\n');
    expect(rows[0].cells).toEqual(['cor', 'azul', 'tamanho', 'M']);
    expect(rows[0].values).toEqual({ ATRIBUTO: 'cor', VALOR: 'azul' });
  });

  it('reads quotes inside unquoted fields literally', async () => {
    const { rows } = await read('A;B\n5" tela;"ab"c\n');
    expect(rows[0].cells).toEqual(['5" tela', 'abc']);
  });

  it('refuses a quote that is never closed, naming its row', async () => {
    await expect(read('NOME;OBS\nAna;ok\nBia;"sem fim\nCid;x\n')).rejects.toThrow('row 3: a quoted field is never closed (a " is missing)');
  });

  it('refuses an unclosed quote that would swallow a big file before reading it all', async () => {
    const body = `NOME\n"${'x'.repeat(1_200_000)}\n`;
    await expect(read(body, 64 * 1024)).rejects.toThrow('row 2: a quoted field is never closed');
  });
});

describe('not a CSV', () => {
  it.each([
    ['an empty file', '', 'the file is empty'],
    ['only empty lines', '\r\n\r\n;;\r\n', 'the file is empty'],
    ['a PDF', '%PDF-1.7\n...', 'the file is not a spreadsheet: send a CSV or XLSX file'],
    ['binary bytes', Buffer.from([0x4e, 0x00, 0x4f, 0x00, 0x4d, 0x00, 0x45, 0x00, 0x0a]), 'the file is not a spreadsheet: send a CSV or XLSX file'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old Excel (.xls) and password-protected workbooks cannot be read'],
  ])('refuses %s', async (_, bytes, message) => {
    await expect(read(bytes)).rejects.toThrow(message);
  });

  it('refuses text named .xlsx, as a 400 on the file field', async () => {
    const error = await read('NOME\nAna\n', undefined, 'contatos.xlsx').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', fields: [{ path: 'file', message: 'contatos.xlsx is not a valid XLSX workbook' }] });
  });
});
