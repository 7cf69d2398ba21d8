import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/test-server';
import { cpf, csv, importFile, mobile } from './import.test-data';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const HEADER = ['NETWORK', 'COUNTRY CODE', 'PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ', 'EMAIL'];
type Failed = { row: number; values: Record<string, string>; errors: { column: string; message: string }[] };

/** Every rejected row of an import, following the cursor. */
async function allFailed(id: string) {
  const out: Failed[] = [];
  let cursor: string | null = null;
  do {
    const r: { body: { failed: Failed[]; nextCursor: string | null } } = await s.request('GET', `/api/v1/contacts/imports/${id}?limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token: ws.token });
    out.push(...r.body.failed);
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
}

/** Bad cells of several kinds, each with the column it must be reported on. */
const BAD = [
  { column: 'PHONE NUMBER', set: (r: string[]) => (r[2] = '11 1234') },
  { column: 'CPF/CNPJ', set: (r: string[]) => (r[4] = '123.456.789-00') },
  { column: 'EMAIL', set: (r: string[]) => (r[5] = 'sem-arroba.exemplo.com') },
  { column: 'DISPLAY NAME', set: (r: string[]) => (r[3] = '') },
  { column: 'CPF/CNPJ', set: (r: string[]) => (r[4] = '11.111.111/1111-11') },
];

describe('a 2,000-row file with 37 bad rows (CONT-3)', () => {
  it('creates the others and reports exactly those 37, each on its column; corrected rows re-sent are created', async () => {
    const rows = [HEADER];
    const bad = new Map<number, string>();
    for (let i = 1; i <= 2000; i++) {
      const r = ['WHATSAPP', '55', mobile(500_000 + i), `Cliente Lote ${i}`, i % 2 ? cpf(700_000 + i) : '', `lote${i}@exemplo.com.br`];
      // 37 rows spread through the file (every 54th), cycling through the kinds of mistake.
      if (i % 54 === 0) {
        const kind = BAD[bad.size % BAD.length];
        kind.set(r);
        bad.set(i + 1, kind.column); // the header is line 1
      }
      rows.push(r);
    }
    expect(bad.size).toBe(37);
    const done = await importFile(s, ws.token, 'lote.csv', csv(rows));
    expect(done).toMatchObject({ status: 'done', totalRows: 2000, processedRows: 2000, created: 1963, duplicates: 0, failedCount: 37 });
    const failed = await allFailed(done.id);
    expect(failed.map((f) => f.row)).toEqual([...bad.keys()]);
    for (const f of failed) expect(f.errors.map((e) => e.column), `row ${f.row}`).toEqual([bad.get(f.row)]);
    // The values come back exactly as written, to be corrected.
    expect(failed[0].values['PHONE NUMBER']).toBe('11 1234');

    // Two corrected rows and one still wrong go back.
    const [a, b, c] = failed;
    const retry = await s.request('POST', `/api/v1/contacts/imports/${done.id}/retry`, {
      token: ws.token,
      body: {
        rows: [
          { row: a.row, values: { ...a.values, 'PHONE NUMBER': '(11) 93333-0001' } },
          { row: b.row, values: { ...b.values, 'CPF/CNPJ': '' } },
          { row: c.row, values: { ...c.values, EMAIL: 'ainda errado' } },
        ],
      },
    });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toMatchObject({ created: 1965, failedCount: 35 });
    // Each row sent says what became of it, wherever it sits in the lists' pages.
    expect(retry.body.retried.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([[a.row, 'fixed'], [b.row, 'fixed'], [c.row, 'failed']]);
    const still = await allFailed(done.id);
    expect(still.map((f) => f.row)).not.toContain(a.row);
    expect(still.map((f) => f.row)).not.toContain(b.row);
    expect(still.find((f) => f.row === c.row)?.errors.map((e) => e.column)).toEqual(['EMAIL']);
    const found = await s.request('GET', `/api/v1/contacts?q=${encodeURIComponent('11 93333-0001')}`, { token: ws.token });
    expect(found.body.items.map((x: { phone: string }) => x.phone)).toEqual(['+5511933330001']);
  });
});
