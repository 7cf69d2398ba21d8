import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
let groupA: string;
let groupB: string;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
  groupA = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Suporte' } })).body.id;
  groupB = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Vendas' } })).body.id;
});

const create = (body: Record<string, unknown>, token = ws.token) => s.request('POST', '/api/v1/canned-responses', { token, body });
const shortcuts = (r: { body: { items: { shortcut: string }[] } }) => r.body.items.map((i) => i.shortcut);

describe('canned responses', () => {
  it('creates workspace-wide and group responses, normalising the shortcut, and audits them', async () => {
    const r = await create({ shortcut: 'Ola', title: 'Saudação', text: 'Olá! Como posso ajudar?' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ shortcut: '/ola', title: 'Saudação', serviceGroupId: null, serviceGroupName: null, status: 'active' });
    const g = await create({ shortcut: '/ola', title: 'Saudação do suporte', text: 'Olá, aqui é o suporte técnico.', serviceGroupId: groupA });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ serviceGroupId: groupA, serviceGroupName: 'Suporte' });
    await create({ shortcut: '/promocao', title: 'Promoção de junho', text: 'Planos com 20% de desconto.', serviceGroupId: groupB });
    await create({ shortcut: '/boleto', title: 'Segunda via', text: 'Acesse a área do cliente para emitir a segunda via.' });
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items[0].action).toBe('canned_response.created');
  });

  it('refuses a shortcut taken in the same scope and bad fields, naming them', async () => {
    const dup = await create({ shortcut: '/OLA', title: 'x', text: 'y' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual([{ path: 'shortcut', message: 'already in use' }]);
    const bad = await create({ shortcut: '/olá mundo', title: '', text: '', serviceGroupId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['serviceGroupId', 'shortcut', 'text', 'title']);
    const unknown = await create({ shortcut: '/x', title: 'x', text: 'y', serviceGroupId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.body.error.fields).toEqual([{ path: 'serviceGroupId', message: 'service group not found' }]);
  });

  it('searches shortcut, title and text ignoring case and accents, and scopes by group', async () => {
    const q = (query: string) => s.request('GET', `/api/v1/canned-responses?${query}`, { token: ws.token });
    expect(shortcuts(await q('q=PROMOCAO'))).toEqual(['/promocao']);
    expect(shortcuts(await q('q=segunda%20via'))).toEqual(['/boleto']);
    expect(shortcuts(await q('q=tecnico'))).toEqual(['/ola']);
    expect(shortcuts(await q(`serviceGroupId=${groupA}`))).toEqual(['/boleto', '/ola', '/ola']);
    expect(shortcuts(await q(`serviceGroupId=${groupB}`))).toEqual(['/boleto', '/ola', '/promocao']);
    const page1 = await q('limit=2');
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await q(`limit=2&cursor=${page1.body.nextCursor}`);
    expect([...shortcuts(page1), ...shortcuts(page2)]).toEqual(['/boleto', '/ola', '/ola', '/promocao']);
  });

  it('edits, moves between scopes, deactivates and reactivates', async () => {
    const r = await create({ shortcut: '/prazo', title: 'Prazo', text: 'Entregamos em até 5 dias úteis.' });
    const edited = await s.request('PATCH', `/api/v1/canned-responses/${r.body.id}`, {
      token: ws.token,
      body: { text: 'Entregamos em até 3 dias úteis.', serviceGroupId: groupB },
    });
    expect(edited.body).toMatchObject({ text: 'Entregamos em até 3 dias úteis.', serviceGroupName: 'Vendas', shortcut: '/prazo' });
    const off = await s.request('POST', `/api/v1/canned-responses/${r.body.id}/deactivate`, { token: ws.token });
    expect(off.body.status).toBe('inactive');
    const active = await s.request('GET', `/api/v1/canned-responses?status=active&serviceGroupId=${groupB}`, { token: ws.token });
    expect(shortcuts(active)).not.toContain('/prazo');
    expect((await s.request('POST', `/api/v1/canned-responses/${r.body.id}/activate`, { token: ws.token })).body.status).toBe('active');
  });

  it('lets agents search but not write, and keeps workspaces apart', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const list = await s.request('GET', `/api/v1/canned-responses?q=ola&serviceGroupId=${groupA}`, { token: agent.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(2);
    expect((await create({ shortcut: '/meu', title: 'x', text: 'y' }, agent.token)).status).toBe(403);
    const id = list.body.items[0].id;
    expect((await s.request('PATCH', `/api/v1/canned-responses/${id}`, { token: agent.token, body: { title: 'x' } })).status).toBe(403);

    const b = await s.workspace('Outra');
    expect((await s.request('GET', '/api/v1/canned-responses', { token: b.token })).body.items).toEqual([]);
    expect((await s.request('GET', `/api/v1/canned-responses/${id}`, { token: b.token })).status).toBe(404);
    const foreignGroup = await create({ shortcut: '/x', title: 'x', text: 'y', serviceGroupId: groupA }, b.token);
    expect(foreignGroup.body.error.fields[0].path).toBe('serviceGroupId');
  });
});
