import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSpreadsheet, writeXlsx, type SheetRow, type XlsxCell } from './index';
import { ZipWriter } from './xlsx-writer';
import { dateKindOf, excelSerialToIso } from './xlsx-values';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'spreadsheet-test-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

const xlsx = (rows: XlsxCell[][], sharedStrings = true) => collect((out) => writeXlsx(out, rows, { sharedStrings }));

/** A ZIP of hand-written parts, to stand for files other programs write. */
const zip = (entries: Record<string, string>) =>
  collect(async (out) => {
    const writer = new ZipWriter(out);
    for (const [name, text] of Object.entries(entries)) await writer.add(name, [text]);
    await writer.finish();
  });

async function read(bytes: Buffer, opts: { stringBudget?: number; chunk?: number } = {}) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += opts.chunk ?? bytes.length) chunks.push(bytes.subarray(i, i + (opts.chunk ?? bytes.length)));
  const sheet = await openSpreadsheet(Readable.from(chunks), { fileName: 'contatos.xlsx', tmpDir: tmp, stringBudget: opts.stringBudget });
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows) rows.push(row);
  return { sheet, rows, simple: rows.map((r) => [r.row, r.cells]) };
}

describe('XLSX reading', () => {
  it('reads shared strings, numbers, dates, booleans and Excel row numbers', async () => {
    const file = await xlsx([
      ['NOME', 'TELEFONE', 'NASCIMENTO', 'ATIVO', 'PRIORIDADE'],
      ['João da Conceição', '(11) 98765-4321', new Date(Date.UTC(1990, 4, 17)), true, 3],
      [],
      ['  Maria & "Zé" <b> ', 5511987654321, new Date(Date.UTC(2024, 0, 2, 13, 45, 10)), false, 0.1 + 0.2],
      ['Ana', null, null, null, -1.5],
    ]);
    const { sheet, rows, simple } = await read(file, { chunk: 1000 });
    expect(sheet.format).toBe('xlsx');
    expect(sheet.headers).toEqual(['NOME', 'TELEFONE', 'NASCIMENTO', 'ATIVO', 'PRIORIDADE']);
    expect(sheet.headerRow).toBe(1);
    expect(simple).toEqual([
      [2, ['João da Conceição', '(11) 98765-4321', '1990-05-17', 'TRUE', '3']],
      [4, ['Maria & "Zé" <b>', '5511987654321', '2024-01-02T13:45:10', 'FALSE', '0.3']],
      [5, ['Ana', '', '', '', '-1.5']],
    ]);
    expect(rows[0].values.NOME).toBe('João da Conceição');
  });

  it('reads inline strings the same way', async () => {
    const { simple } = await read(await xlsx([['NOME', 'OBS'], ['Ana', 'linha 1\r\nlinha 2'], ['_x0041_', 'tab\there']], false));
    expect(simple).toEqual([
      [2, ['Ana', 'linha 1\r\nlinha 2']],
      [3, ['_x0041_', 'tab\there']],
    ]);
  });

  it('moves shared strings beyond the memory budget to disk and still reads them all', async () => {
    const rows: XlsxCell[][] = [['NOME', 'EMAIL']];
    for (let i = 0; i < 5000; i++) rows.push([`Contato ${i} Conceição`, `c${i}@example.com`]);
    const { simple } = await read(await xlsx(rows), { stringBudget: 100 });
    expect(simple).toHaveLength(5000);
    expect(simple[0]).toEqual([2, ['Contato 0 Conceição', 'c0@example.com']]);
    expect(simple[4999]).toEqual([5001, ['Contato 4999 Conceição', 'c4999@example.com']]);
    expect(simple.every(([row, cells]) => (cells as string[])[1] === `c${(row as number) - 2}@example.com`)).toBe(true);
  });

  it('goes by the content, not the name: an XLSX named .csv is read as XLSX', async () => {
    const sheet = await openSpreadsheet(Readable.from([await xlsx([['NOME'], ['Ana']])]), { fileName: 'contatos.csv', tmpDir: tmp });
    const rows: SheetRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    expect(sheet.format).toBe('xlsx');
    expect(rows.map((r) => r.values)).toEqual([{ NOME: 'Ana' }]);
  });

  it('leaves no temporary file behind, read to the end or closed unread', async () => {
    await read(await xlsx([['A'], ['1']]));
    const unread = await openSpreadsheet(Readable.from([await xlsx([['A'], ['1']])]), { fileName: 'a.xlsx', tmpDir: tmp });
    await unread.close();
    expect(await readdir(tmp)).toEqual([]);
  });

  it('reads a workbook as other programs write it: first sheet by workbook order, 1904 dates, custom formats, rich text, prefixes', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const serial1904 = (Date.UTC(2024, 4, 17) - Date.UTC(1904, 0, 1)) / 86_400_000;
    const file = await zip({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><workbookPr date1904="1"/><sheets><sheet name="Contatos" sheetId="3" r:id="rId7"/><sheet name="Outra" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/sheet9.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="strings.xml"/></Relationships>`,
      'xl/styles.xml': `<styleSheet xmlns="${ns}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00%"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs></styleSheet>`,
      'xl/strings.xml': `<sst xmlns="${ns}" count="5"><si><t>NOME</t></si><si><t>NASCIMENTO</t></si><si><r><rPr><b/></rPr><t>Jo</t></r><r><t xml:space="preserve">ão </t></r><r><t>Silva</t></r><rPh sb="0" eb="1"><t>ジョ</t></rPh></si><si><t/></si><si><t>A &amp;_x000D_B</t></si></sst>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>WRONG SHEET</t></is></c></row></sheetData></worksheet>`,
      'xl/worksheets/sheet9.xml': `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${ns}"><x:sheetData>
        <x:row r="2" spans="1:6"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>TOTAL</x:t></x:is></x:c><x:c r="D2" t="inlineStr"><x:is><x:r><x:t>HO</x:t></x:r><x:r><x:t>RA</x:t></x:r></x:is></x:c><x:c r="E2" t="inlineStr"><x:is><x:t>OK</x:t></x:is></x:c><x:c r="F2" t="inlineStr"><x:is><x:t>ERRO</x:t></x:is></x:c></x:row>
        <x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3" s="1"><x:v>${serial1904}</x:v></x:c><x:c r="C3" s="2"><x:v>0.125</x:v></x:c><x:c r="D3" s="3"><x:v>0.5</x:v></x:c><x:c r="E3" t="b"><x:v>1</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c></x:row>
        <x:row><x:c t="s"><x:v>4</x:v></x:c><x:c t="str"><x:f>A4</x:f><x:v>calc &lt;ok&gt;</x:v></x:c><x:c r="E4"><x:v>1.5E-3</x:v></x:c></x:row>
        <x:row r="9"><x:c r="A9" t="s"><x:v>3</x:v></x:c><x:c r="C9"/></x:row>
        <x:row r="10"><x:c r="A10" t="d"><x:v>2024-05-17T00:00:00Z</x:v></x:c><x:c r="B10"><x:v>12345678901</x:v></x:c></x:row>
      </x:sheetData></x:worksheet>`,
    });
    const { sheet, simple } = await read(file);
    expect(sheet.headers).toEqual(['NOME', 'NASCIMENTO', 'TOTAL', 'HORA', 'OK', 'ERRO']);
    expect(sheet.headerRow).toBe(2);
    expect(simple).toEqual([
      [3, ['João Silva', '2024-05-17', '0.125', '12:00:00', 'TRUE', '#N/A']],
      [4, ['A &\rB', 'calc <ok>', '', '', '0.0015', '']],
      [10, ['2024-05-17', '12345678901', '', '', '', '']],
    ]);
  });

  it('refuses a ZIP that is not a workbook, and a damaged one', async () => {
    await expect(read(await zip({ 'mimetype': 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }))).rejects.toThrow(
      'the file is not an XLSX workbook',
    );
    const good = await xlsx([['A'], ['1']]);
    await expect(read(good.subarray(0, good.length - 30))).rejects.toThrow('the file is not a valid XLSX workbook (damaged ZIP)');
    expect(await readdir(tmp)).toEqual([]);
  });
});

describe('XLSX number formats and dates', () => {
  it.each([
    [14, undefined, 'date'],
    [22, undefined, 'datetime'],
    [20, undefined, 'time'],
    [0, undefined, null],
    [49, undefined, null],
    [164, 'dd/mm/yyyy', 'date'],
    [164, '[$-416]d" de "mmmm" de "yyyy;@', 'date'],
    [164, 'mmm-yy', 'date'],
    [164, 'dd/mm/yyyy hh:mm', 'datetime'],
    [164, 'hh:mm AM/PM', 'time'],
    [164, '[h]:mm:ss', null],
    [164, '0.00E+00', null],
    [164, '#,##0.00 "dias"', null],
    [164, '[Red]#,##0;[Blue]-#,##0', null],
    [164, 'General', null],
  ])('format %i %j is %s', (id, code, kind) => {
    expect(dateKindOf(id, code)).toBe(kind);
  });

  it.each([
    [1, 'date', false, '1900-01-01'],
    [59, 'date', false, '1900-02-28'],
    [61, 'date', false, '1900-03-01'],
    [45429, 'date', false, '2024-05-17'],
    [45429.75, 'datetime', false, '2024-05-17T18:00:00'],
    [45429, 'datetime', false, '2024-05-17'],
    [0.5, 'time', false, '12:00:00'],
    [0, 'date', true, '1904-01-01'],
  ] as const)('serial %d (%s, 1904: %s) is %s', (serial, kind, date1904, iso) => {
    expect(excelSerialToIso(serial, kind, date1904)).toBe(iso);
  });
});
