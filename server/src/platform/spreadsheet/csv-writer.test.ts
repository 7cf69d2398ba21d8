import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvLine, csvStream, openSpreadsheet, writeCsv, type SheetRow } from './index';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('csvLine', () => {
  it('joins with ";" and ends with CRLF', () => {
    expect(csvLine(['Ana', '11987654321', 3, true, null, undefined])).toBe('Ana;11987654321;3;true;;\r\n');
  });

  it('quotes only the fields that need it', () => {
    expect(csvLine(['Silva; Ana', 'Disse "oi"', 'a\nb', 'a\rb', ' lead', 'trail ', 'a,b'])).toBe(
      '"Silva; Ana";"Disse ""oi""";"a\nb";"a\rb";" lead";"trail ";a,b\r\n',
    );
    expect(csvLine(['a,b', 'c'], ',')).toBe('"a,b",c\r\n');
  });

  it('keeps Excel from running cells as formulas, but leaves phones and numbers alone', () => {
    expect(csvLine(['=HYPERLINK("http://x")', '@SUM(A1)', '+cmd|/C calc', '-2+3+cmd|x', '\tx'])).toBe(
      `"'=HYPERLINK(""http://x"")";'@SUM(A1);'+cmd|/C calc;'-2+3+cmd|x;'\tx\r\n`,
    );
    expect(csvLine(['+55 (11) 98765-4321', '-1.5', '+5511987654321', '-'])).toBe('+55 (11) 98765-4321;-1.5;+5511987654321;-\r\n');
    expect(csvLine(['=1+1'], ';', { guardFormulas: false })).toBe('=1+1\r\n');
  });
});

describe('csvStream', () => {
  it('writes UTF-8 with a BOM so Excel shows accents', async () => {
    const bytes = await bytesOf(csvStream([['NOME'], ['João']]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('NOME\r\nJoão\r\n');
  });

  it('streams rows from an async source, and what it writes reads back the same', async () => {
    const original = [
      ['ROW', 'NOME', 'ERRO'],
      ...Array.from({ length: 3000 }, (_, i) => [String(i + 2), `Conceição "${i}"; linha\nnova`, i % 2 ? 'invalid CPF check digits' : '']),
    ];
    async function* rows() {
      for (const r of original) yield r;
    }
    const out = new PassThrough();
    const written = bytesOf(out);
    await writeCsv(out, rows(), { delimiter: ',' });
    const sheet = await openSpreadsheet(new PassThrough().end(await written), { fileName: 'result.csv' });
    expect(sheet.delimiter).toBe(',');
    expect(sheet.encoding).toBe('utf-8');
    const back: SheetRow[] = [];
    for await (const row of sheet.rows) back.push(row);
    expect([sheet.headers, ...back.map((r) => r.cells)]).toEqual(original);
    expect(back.map((r) => r.row)).toEqual(back.map((_, i) => i + 2));
  });
});
