import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../../../test/test-server';
import { cpf, csv, form, importFile, xlsx } from './import.test-data';

const dataDir = mkdtempSync(join(tmpdir(), 'atende-import-'));
let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer({ DATA_DIR: dataDir });
  ws = await s.workspace();
});

const HEADER = ['NETWORK', 'COUNTRY CODE', 'PHONE NUMBER', 'DISPLAY NAME', 'CPF/CNPJ', 'EMAIL'];
const upload = (name: string, content: Buffer | string, fields: Record<string, string> = {}) => importFile(s, ws.token, name, content, fields);
const find = async (q: string) => (await s.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { token: ws.token })).body.items;
/** Import files still kept in storage. */
const storedImports = () => (existsSync(join(dataDir, 'attachments', 'imports')) ? readdirSync(join(dataDir, 'attachments', 'imports'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : []);

describe('the template', () => {
  it('is a UTF-8 CSV with BOM and ";" holding every column and one example row, which imports as it is', async () => {
    const r = await s.atende.http!.inject({ method: 'GET', url: '/api/v1/contacts/import-template.csv', headers: { authorization: `Bearer ${ws.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toContain('contacts-template.csv');
    expect(r.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const [header, example] = r.body.slice(1).trim().split('\r\n');
    expect(header).toBe("NETWORK;COUNTRY CODE;PHONE NUMBER;DISPLAY NAME;CPF/CNPJ;EMAIL;GROUP;AGENT;ATTRIBUTE;ATTRIBUTE'S VALUE;PRIORITY;BIRTH DATE;COMPANY");
    expect(example).toContain('Maria da Silva');

    const done = await upload('template.csv', r.rawPayload);
    expect(done).toMatchObject({ status: 'done', totalRows: 1, processedRows: 1, created: 1, failedCount: 0, failed: [] });
    expect((await find('Maria da Silva'))[0]).toMatchObject({ phone: '+5511987654321', document: { type: 'cpf', number: '52998224725' }, birthDate: '1985-04-12' });
  });

  it('comes as XLSX and with Portuguese headers too', async () => {
    const r = await s.atende.http!.inject({ method: 'GET', url: '/api/v1/contacts/import-template.xlsx?language=pt-BR', headers: { authorization: `Bearer ${ws.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(r.headers['content-disposition']).toContain('modelo-contatos.xlsx');
  });
});

describe('reading the file', () => {
  it('refuses a file without a required column at once, naming the columns, and keeps nothing', async () => {
    const r = await s.request('POST', '/api/v1/contacts/import', { token: ws.token, body: form('sem-nome.csv', csv([['NETWORK', 'TELEFONE', 'EMAIL'], ['WHATSAPP', '11 91234-0001', 'a@b.com']])) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.message).toContain('DISPLAY NAME');
    expect(r.body.error.fields).toEqual([{ path: 'file', message: 'missing required column: DISPLAY NAME' }]);
    const both = await s.request('POST', '/api/v1/contacts/import', { token: ws.token, body: form('x.csv', csv([['NETWORK', 'EMAIL'], ['WHATSAPP', 'a@b.com']])) });
    expect(both.body.error.fields[0].message).toBe('missing required columns: PHONE NUMBER, DISPLAY NAME');
    expect(storedImports()).toEqual([]);
    const list = await s.request('GET', '/api/v1/contacts/imports', { token: ws.token });
    expect(list.body.items.map((i: { fileName: string }) => i.fileName)).not.toContain('sem-nome.csv');
  });

  it('refuses what is not a spreadsheet, and a request without the file', async () => {
    const pdf = await s.request('POST', '/api/v1/contacts/import', { token: ws.token, body: form('contatos.csv', Buffer.from('%PDF-1.4\n%%EOF\n')) });
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.fields[0].path).toBe('file');
    const none = await s.request('POST', '/api/v1/contacts/import', { token: ws.token, body: {} });
    expect(none.status).toBe(400);
    expect(storedImports()).toEqual([]);
  });

  it('reads a BOM, ";", Latin-1 accents, quoted fields with line breaks and empty lines', async () => {
    const latin1 = Buffer.from(
      ['PHONE NUMBER;DISPLAY NAME;EMAIL', '', '(11) 91111-0001;José Conceição;jose@exemplo.com', ';;', '(11) 91111-0002;"Ana ""Nina""\r\nAraújo";', ''].join('\r\n'),
      'latin1',
    );
    const done = await upload('latin1.csv', latin1);
    expect(done).toMatchObject({ status: 'done', totalRows: 2, created: 2, failedCount: 0 });
    expect((await find('+5511911110001'))[0].displayName).toBe('José Conceição');
    expect((await find('+5511911110002'))[0].displayName).toBe('Ana "Nina"\r\nAraújo');

    const bom = Buffer.concat([Buffer.from('efbbbf', 'hex'), Buffer.from(csv([['TELEFONE', 'NOME', 'CPF/CNPJ'], ['11 91111-0003', 'Márcia Ávila', '111.444.777-35']]), 'utf8')]);
    expect(await upload('bom.csv', bom)).toMatchObject({ status: 'done', created: 1 });
    expect((await find('111.444.777-35'))[0].displayName).toBe('Márcia Ávila');

    const comma = csv([['phone number', 'display name'], ['11 91111-0004', 'Vírgula, Separada']], ',');
    expect(await upload('comma.csv', comma)).toMatchObject({ status: 'done', created: 1 });
    expect((await find('+5511911110004'))[0].displayName).toBe('Vírgula, Separada');
  });

  it('reads an XLSX workbook, numbers and dates included', async () => {
    const book = await xlsx([
      ['PHONE NUMBER', 'DISPLAY NAME', 'BIRTH DATE', 'PRIORITY'],
      [11911110005, 'Planilha Excel', new Date(Date.UTC(1990, 4, 17)), 3],
      ['11 91111-0006', 'Outra Linha', '17/05/1991', null],
    ]);
    const done = await upload('contatos.xlsx', book);
    expect(done).toMatchObject({ status: 'done', created: 2, failedCount: 0 });
    expect((await find('+5511911110005'))[0]).toMatchObject({ displayName: 'Planilha Excel', birthDate: '1990-05-17', priority: 3 });
    expect((await find('+5511911110006'))[0]).toMatchObject({ birthDate: '1991-05-17', priority: 0 });
    expect(storedImports()).toEqual([]);
  });
});

describe('duplicates', () => {
  it('reports a row repeating an earlier row of the file as its duplicate', async () => {
    const done = await upload('repetidos.csv', csv([
      HEADER,
      ['WHATSAPP', '55', '11 92222-0001', 'Primeira', '', ''],
      ['WHATSAPP', '55', '(11) 92222-0001', 'Repete o telefone', '', ''],
      ['WHATSAPP', '55', '11 92222-0002', 'Com CPF', '390.533.447-05', ''],
      ['WHATSAPP', '55', '11 92222-0003', 'Repete o CPF', '39053344705', ''],
    ]));
    expect(done).toMatchObject({ created: 2, duplicates: 2, failedCount: 0 });
    const first = (await find('+5511922220001'))[0];
    expect(done.duplicateRows).toEqual([
      { row: 3, values: expect.objectContaining({ 'PHONE NUMBER': '(11) 92222-0001' }), contactId: first.id, errors: [{ column: 'PHONE NUMBER', message: 'same phone as row 2' }] },
      { row: 5, values: expect.objectContaining({ 'CPF/CNPJ': '39053344705' }), contactId: expect.any(String), errors: [{ column: 'CPF/CNPJ', message: 'same CPF/CNPJ as row 4' }] },
    ]);
    expect(await find('Repete')).toEqual([]);
  });

  it('does not duplicate existing contacts: reports them, and updates them when asked', async () => {
    const existing = await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: 'Cliente Antigo', phone: '11 93333-0001', email: 'antigo@exemplo.com' } });
    const rows = [HEADER, ['WHATSAPP', '55', '+55 11 93333-0001', 'Cliente Novo Nome', '', ''], ['WHATSAPP', '55', '11 93333-0002', 'Nova Pessoa', '', '']];
    const reported = await upload('existentes.csv', csv(rows));
    expect(reported).toMatchObject({ created: 1, duplicates: 1, updated: 0 });
    expect(reported.duplicateRows).toEqual([
      { row: 2, values: expect.any(Object), contactId: existing.body.id, errors: [{ column: 'PHONE NUMBER', message: 'a contact with this phone already exists' }] },
    ]);
    expect((await find('+5511933330001')).map((c: { displayName: string }) => c.displayName)).toEqual(['Cliente Antigo']);

    // The user's choice after the fact: update the duplicates.
    const applied = await s.request('POST', `/api/v1/contacts/imports/${reported.id}/duplicates/update`, { token: ws.token, body: {} });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ created: 1, duplicates: 0, updated: 1, duplicateRows: [] });
    const updated = (await find('+5511933330001'))[0];
    expect(updated).toMatchObject({ id: existing.body.id, displayName: 'Cliente Novo Nome', email: 'antigo@exemplo.com' });

    // The choice made at upload: duplicates update as the job meets them.
    rows[1][3] = 'Nome Pela Terceira Vez';
    rows[2][4] = cpf(424242);
    const withUpdate = await upload('existentes-2.csv', csv(rows), { updateDuplicates: 'true' });
    expect(withUpdate).toMatchObject({ updateDuplicates: true, created: 0, duplicates: 0, updated: 2 });
    expect((await find('+5511933330001'))[0].displayName).toBe('Nome Pela Terceira Vez');
    expect((await find('+5511933330002'))[0].document).toEqual({ type: 'cpf', number: cpf(424242).replace(/\D/g, '') });
  });
});

describe('linking and attributes', () => {
  it('links GROUP by name and AGENT by login, sets repeated ATTRIBUTE pairs, and names what it cannot find', async () => {
    const group = await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Vendas Sul' } });
    const agent = await s.user(ws.workspaceId, 'agent');
    const plano = await s.request('POST', '/api/v1/contact-attributes', { token: ws.token, body: { name: 'Plano' } });
    const cidade = await s.request('POST', '/api/v1/contact-attributes', { token: ws.token, body: { name: 'Cidade' } });
    expect([group.status, plano.status, cidade.status]).toEqual([201, 201, 201]);
    const done = await upload('vinculos.csv', csv([
      ['TELEFONE', 'NOME', 'GRUPO', 'AGENTE', 'ATRIBUTO', 'VALOR DO ATRIBUTO', 'ATRIBUTO', 'VALOR DO ATRIBUTO'],
      ['11 94444-0001', 'Com Vínculos', 'vendas sul', agent.login.toUpperCase(), 'Plano', 'Ouro', 'cidade', 'Porto Alegre'],
      ['11 94444-0002', 'Sem Grupo', 'Grupo Inexistente', 'ninguem', 'Cor', 'Azul', '', ''],
      ['11 94444-0003', 'Admin Na Carteira', '', ws.adminLogin, '', 'sem nome', '', ''],
    ]));
    expect(done).toMatchObject({ created: 1, failedCount: 2, columns: ['TELEFONE', 'NOME', 'GRUPO', 'AGENTE', 'ATRIBUTO', 'VALOR DO ATRIBUTO', 'ATRIBUTO (2)', 'VALOR DO ATRIBUTO (2)'] });
    const c = (await find('+5511944440001'))[0];
    expect(c).toMatchObject({ serviceGroupId: group.body.id, walletAgentId: agent.id });
    expect(c.attributes.map((a: { name: string; value: string }) => [a.name, a.value])).toEqual([['Cidade', 'Porto Alegre'], ['Plano', 'Ouro']]);
    expect(done.failed).toEqual([
      {
        row: 3,
        values: { TELEFONE: '11 94444-0002', NOME: 'Sem Grupo', GRUPO: 'Grupo Inexistente', AGENTE: 'ninguem', ATRIBUTO: 'Cor', 'VALOR DO ATRIBUTO': 'Azul', 'ATRIBUTO (2)': '', 'VALOR DO ATRIBUTO (2)': '' },
        errors: [
          { column: 'AGENTE', message: 'agent not found' },
          { column: 'GRUPO', message: 'service group not found' },
          { column: 'ATRIBUTO', message: 'attribute not found or inactive' },
        ],
      },
      {
        row: 4,
        values: expect.any(Object),
        errors: [
          { column: 'ATRIBUTO', message: 'required when VALOR DO ATRIBUTO is filled' },
          { column: 'AGENTE', message: 'this user does not serve customers' },
        ],
      },
    ]);
  });
});

describe('the result', () => {
  it('lists imports newest first and downloads every row that needed attention as CSV', async () => {
    const done = await upload('resultado.csv', csv([
      HEADER,
      ['WHATSAPP', '55', '11 95555-0001', 'Boa', '', ''],
      ['WHATSAPP', '55', '11 5555', 'Telefone Curto', '', 'sem-arroba'],
      ['WHATSAPP', '55', '11 95555-0001', 'Repetida', '', ''],
    ]));
    const list = await s.request('GET', '/api/v1/contacts/imports?limit=2', { token: ws.token });
    expect(list.body.items[0]).toMatchObject({ id: done.id, fileName: 'resultado.csv', created: 1, failedCount: 1, duplicates: 1 });
    expect(list.body.items[0].failed).toBeUndefined();
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await s.request('GET', `/api/v1/contacts/imports?limit=2&cursor=${list.body.nextCursor}`, { token: ws.token });
    expect(next.body.items.map((i: { id: string }) => i.id)).not.toContain(done.id);

    const r = await s.atende.http!.inject({ method: 'GET', url: `/api/v1/contacts/imports/${done.id}/result.csv`, headers: { authorization: `Bearer ${ws.token}` } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('resultado-result.csv');
    const lines = r.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('ROW;OUTCOME;NETWORK;COUNTRY CODE;PHONE NUMBER;DISPLAY NAME;CPF/CNPJ;EMAIL;REASONS;CONTACT ID');
    expect(lines[1]).toBe('3;failed;WHATSAPP;55;11 5555;Telefone Curto;;sem-arroba;EMAIL: invalid e-mail | PHONE NUMBER: phone is too short;');
    expect(lines[2]).toMatch(/^4;duplicate;WHATSAPP;55;11 95555-0001;Repetida;;;PHONE NUMBER: same phone as row 2;[0-9a-f-]{36}$/);
  });
});
