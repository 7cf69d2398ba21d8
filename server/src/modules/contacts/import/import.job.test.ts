import { beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { startTestServer, type TestServer } from '../../../../test/test-server';
import { runContactImport } from './import.job';
import { rowContactId } from './import.batch';
import { insertContacts, insertImport } from './import.repository';
import { cpf, csv, e164, importFile, mobile } from './import.test-data';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const HEADER = ['PHONE NUMBER', 'DISPLAY NAME'];
const find = async (q: string) => (await s.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { token: ws.token })).body.items;

/** An import as a crashed run leaves it: running, its file kept, the first rows counted as processed. */
async function interrupted(name: string, rows: string[][], processed: { rows: number; created: number }) {
  const key = `imports/${ws.workspaceId}/${name}`;
  await s.atende.deps.storage.put(key, Readable.from([Buffer.from(csv([HEADER, ...rows]))]), { maxBytes: 1024 * 1024 });
  return insertImport(s.atende.db, {
    workspaceId: ws.workspaceId,
    kind: 'contacts',
    status: 'running',
    fileName: `${name}.csv`,
    fileKey: key,
    options: { headers: HEADER, updateDuplicates: false },
    totalRows: rows.length,
    processedRows: processed.rows,
    created: processed.created,
    createdById: ws.adminId,
  });
}

describe('the import job', () => {
  it('taken up again after a crash, goes on from processed_rows and ends the import', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [mobile(700 + i), `Retomada ${i}`]);
    const imp = await interrupted('retomada', rows, { rows: 4, created: 4 });
    await runContactImport(s.atende.deps, ws.workspaceId, imp.id);

    const r = await s.request('GET', `/api/v1/contacts/imports/${imp.id}`, { token: ws.token });
    expect(r.body).toMatchObject({ status: 'done', totalRows: 10, processedRows: 10, created: 10, failedCount: 0 });
    expect(r.body.finishedAt).toEqual(expect.any(String));
    // The first four rows were the crashed run's: this run did not read them again.
    for (let i = 0; i < 4; i++) expect(await find(e164(700 + i))).toEqual([]);
    for (let i = 4; i < 10; i++) expect((await find(e164(700 + i)))[0]?.displayName).toBe(`Retomada ${i}`);
    expect(await s.atende.deps.storage.exists(`imports/${ws.workspaceId}/retomada`)).toBe(false);

    // A late duplicate delivery of the job finds the import done and changes nothing.
    await runContactImport(s.atende.deps, ws.workspaceId, imp.id);
    expect((await s.request('GET', `/api/v1/contacts/imports/${imp.id}`, { token: ws.token })).body).toMatchObject({ status: 'done', created: 10 });
  });

  it('after a restart, still tells a repeat of a row the crashed run imported from a repeat of someone else', async () => {
    await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: 'Já Cadastrada', phone: mobile(802) } });
    const rows = [[mobile(800), 'Primeira'], [mobile(801), 'Segunda'], [mobile(800), 'Repete a primeira'], [mobile(802), 'Repete quem já existia']];
    const imp = await interrupted('reinicio', rows, { rows: 1, created: 1 });
    // What the crashed run committed with its first batch: row 2's contact.
    await insertContacts(s.atende.db, ws.workspaceId, [
      { id: rowContactId(imp.id, 2), displayName: 'Primeira', phone: { number: e164(800), type: 'mobile' }, email: null, birthDate: null, documentType: null, documentNumber: null, companyName: null, priority: null, walletAgentId: null, serviceGroupId: null },
    ]);
    await runContactImport(s.atende.deps, ws.workspaceId, imp.id);

    const r = await s.request('GET', `/api/v1/contacts/imports/${imp.id}`, { token: ws.token });
    expect(r.body).toMatchObject({ status: 'done', created: 2, duplicates: 2 });
    expect(r.body.duplicateRows).toEqual([
      { row: 4, values: { 'PHONE NUMBER': mobile(800), 'DISPLAY NAME': 'Repete a primeira' }, contactId: rowContactId(imp.id, 2), errors: [{ column: 'PHONE NUMBER', message: 'same phone as row 2' }] },
      { row: 5, values: expect.any(Object), contactId: (await find(e164(802)))[0].id, errors: [{ column: 'PHONE NUMBER', message: 'a contact with this phone already exists' }] },
    ]);
  });

  it('reads repeats and updates across batches the same whether the batch before is still being written or committed', async () => {
    const e = await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: 'Existente', phone: mobile(29_999), document: cpf(77) } });
    const rows = Array.from({ length: 2500 }, (_, n) => [mobile(20_000 + n + 1), `Lote ${n + 1}`, '']);
    const at = (line: number) => rows[line - 2];
    at(1501)[0] = mobile(20_000 + 900); // line 901's phone, one batch earlier
    at(2201)[0] = mobile(20_000 + 100); // line 101's phone, two batches earlier
    at(1901)[2] = cpf(1901);
    at(2301)[2] = cpf(1901);
    at(951)[0] = mobile(29_999); // the existing contact, by phone: updated
    at(1101).splice(0, 3, mobile(29_998), 'Pelo CPF', cpf(77)); // by document, next batch: updated, and the phone is added
    at(1201).splice(0, 2, mobile(29_998), 'Pelo Telefone Novo'); // the phone added just before: the same contact
    const done = await importFile(s, ws.token, 'lotes.csv', csv([['PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ'], ...rows]), { updateDuplicates: 'true' });

    expect(done).toMatchObject({ status: 'done', processedRows: 2500, created: 2494, duplicates: 3, updated: 3, failedCount: 0 });
    expect(done.duplicateRows.map((d: { row: number; errors: { column: string; message: string }[] }) => [d.row, d.errors])).toEqual([
      [1501, [{ column: 'PHONE NUMBER', message: 'same phone as row 901' }]],
      [2201, [{ column: 'PHONE NUMBER', message: 'same phone as row 101' }]],
      [2301, [{ column: 'CPF/CNPJ', message: 'same CPF/CNPJ as row 1901' }]],
    ]);
    const existing = await find(e164(29_998));
    expect(existing).toHaveLength(1);
    expect(existing[0]).toMatchObject({ id: e.body.id, displayName: 'Pelo Telefone Novo', phones: [{ number: e164(29_999) }, { number: e164(29_998) }] });
  });
});
