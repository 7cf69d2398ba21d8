import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.join(';')).join('\r\n') + '\r\n';
function form(fileName: string, content: string) {
  const f = new FormData();
  f.append('file', new Blob([Buffer.from(content, 'utf8')]), fileName);
  return f;
}
const upload = (content: string, token = ws.token) => s.request('POST', '/api/v1/users/import', { token, body: form('usuarios.csv', content) });

describe('users import (USER-7)', () => {
  it('creates the good rows with the form\'s rules and reports the bad ones by column, password policy included', async () => {
    const group = await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Suporte Nível 1' } });
    const r = await upload(csv([
      ['LOGIN', 'NOME', 'PERFIL', 'SENHA', 'E-MAIL', 'ATENDIMENTOS SIMULTÂNEOS', 'GRUPOS', 'TROCAR SENHA'],
      ['ana.lima', 'Ana Lima', 'agente', 'Bem@Vinda2026', 'ana@empresa.com.br', '8', 'suporte nível 1', 'não'],
      ['bruno.reis', 'Bruno Reis', 'agent', 'fraca', 'bruno@empresa.com.br', '5', '', ''],
      ['carla', 'Carla', 'gerente', 'Outra@Senha1', 'sem-arroba', '90', 'Grupo Fantasma', ''],
      ['ana.lima', 'Ana Repetida', 'agent', 'Bem@Vinda2026', '', '', '', ''],
    ]));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(1);
    expect(r.body.failed).toEqual([
      {
        row: 3,
        values: { LOGIN: 'bruno.reis', NOME: 'Bruno Reis', PERFIL: 'agent', 'E-MAIL': 'bruno@empresa.com.br', 'ATENDIMENTOS SIMULTÂNEOS': '5', GRUPOS: '', 'TROCAR SENHA': '' },
        errors: [{ column: 'SENHA', message: expect.stringContaining('Password needs at least 8 characters') }],
      },
      {
        row: 4,
        values: expect.not.objectContaining({ SENHA: expect.anything() }),
        errors: expect.arrayContaining([
          { column: 'PERFIL', message: 'use admin, supervisor, supervisor_agent or agent' },
          { column: 'GRUPOS', message: 'service group not found: Grupo Fantasma' },
          { column: 'E-MAIL', message: 'invalid e-mail' },
          { column: 'ATENDIMENTOS SIMULTÂNEOS', message: 'between 0 and 80' },
        ]),
      },
      { row: 5, values: expect.any(Object), errors: [{ column: 'LOGIN', message: 'already in use' }] },
    ]);
    expect(r.body.failed[1].errors).toHaveLength(4);

    const list = await s.request('GET', '/api/v1/users?q=ana', { token: ws.token });
    expect(list.body.items).toEqual([
      expect.objectContaining({ login: 'ana.lima', role: 'agent', email: 'ana@empresa.com.br', maxConversations: 8, serviceGroupIds: [group.body.id], mustChangePassword: false }),
    ]);
    expect(await s.login('ana.lima', 'Bem@Vinda2026')).toEqual(expect.any(String));
    const bruno = await s.request('GET', '/api/v1/users?q=bruno', { token: ws.token });
    expect(bruno.body.items).toEqual([]);
  });

  it('refuses a file without a required column, names it, and creates nobody', async () => {
    const r = await upload(csv([['LOGIN', 'NOME'], ['sem.senha', 'Sem Senha']]));
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'file', message: 'missing required column: PASSWORD' }]);
    expect((await s.request('GET', '/api/v1/users?q=sem.senha', { token: ws.token })).body.items).toEqual([]);
  });

  it('offers a template whose example row imports, and is for administrators only', async () => {
    const t = await s.atende.http!.inject({ method: 'GET', url: '/api/v1/users/import-template.csv', headers: { authorization: `Bearer ${ws.token}` } });
    expect(t.statusCode).toBe(200);
    expect(t.body.startsWith('\uFEFFLOGIN;DISPLAY NAME;ROLE;PASSWORD;')).toBe(true);
    const r = await upload(t.body);
    expect(r.body).toEqual({ created: 1, failed: [] });
    expect((await s.request('GET', '/api/v1/users?q=maria.silva', { token: ws.token })).body.items[0]).toMatchObject({ birthDate: '1990-04-12', mustChangePassword: true });

    const supervisor = await s.user(ws.workspaceId, 'supervisor');
    expect((await upload(t.body, supervisor.token)).status).toBe(403);
  });
});
