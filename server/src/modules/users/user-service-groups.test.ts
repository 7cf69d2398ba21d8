import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
let suporte: string;
let vendas: string;

const base = { displayName: 'Ana Lima', role: 'agent', password: 'Temp@2026x' };

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
  suporte = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Suporte' } })).body.id;
  vendas = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Vendas' } })).body.id;
});

describe('service groups of users', () => {
  it('creates an agent in groups; the groups list it as a member', async () => {
    const r = await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, login: 'ana.lima', serviceGroupIds: [suporte, vendas] } });
    expect(r.status).toBe(201);
    expect([...r.body.serviceGroupIds].sort()).toEqual([suporte, vendas].sort());
    const group = await s.request('GET', `/api/v1/service-groups/${suporte}`, { token: ws.token });
    expect(group.body.agentIds).toEqual([r.body.id]);
    const list = await s.request('GET', '/api/v1/users?q=ana.lima', { token: ws.token });
    expect(list.body.items[0].serviceGroupIds).toHaveLength(2);
  });

  it('names each unknown or inactive group and refuses groups for roles that do not serve', async () => {
    const off = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Desativado' } })).body.id;
    await s.request('POST', `/api/v1/service-groups/${off}/deactivate`, { token: ws.token });
    const r = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { ...base, login: 'bruno', serviceGroupIds: [suporte, '00000000-0000-4000-8000-000000000000', off] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([
      { path: 'serviceGroupIds.1', message: 'service group not found' },
      { path: 'serviceGroupIds.2', message: 'service group is inactive' },
    ]);
    const sup = await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, login: 'carla', role: 'supervisor', serviceGroupIds: [suporte] } });
    expect(sup.body.error.fields[0].path).toBe('serviceGroupIds');
    const none = await s.request('GET', '/api/v1/users?q=bruno', { token: ws.token });
    expect(none.body.items).toEqual([]);
  });

  it('replaces groups on PATCH and leaves every omitted field as it was', async () => {
    const op = (await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: 'Central' } })).body.id;
    const u = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { ...base, login: 'davi', priority: 7, maxConversations: 9, operationIds: [op], serviceGroupIds: [suporte] },
    });
    const renamed = await s.request('PATCH', `/api/v1/users/${u.body.id}`, { token: ws.token, body: { displayName: 'Davi Souza' } });
    expect(renamed.body).toMatchObject({ displayName: 'Davi Souza', priority: 7, maxConversations: 9, operationIds: [op], serviceGroupIds: [suporte] });
    const moved = await s.request('PATCH', `/api/v1/users/${u.body.id}`, { token: ws.token, body: { serviceGroupIds: [vendas] } });
    expect(moved.body.serviceGroupIds).toEqual([vendas]);
    const group = await s.request('GET', `/api/v1/service-groups/${suporte}`, { token: ws.token });
    expect(group.body.agentIds).not.toContain(u.body.id);
  });

  it('keeps a group the user already belongs to after it was deactivated', async () => {
    const temp = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Black Friday' } })).body.id;
    const u = await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, login: 'eva', serviceGroupIds: [temp] } });
    await s.request('POST', `/api/v1/service-groups/${temp}/deactivate`, { token: ws.token });
    const r = await s.request('PATCH', `/api/v1/users/${u.body.id}`, { token: ws.token, body: { serviceGroupIds: [temp, suporte] } });
    expect(r.status).toBe(200);
    expect([...r.body.serviceGroupIds].sort()).toEqual([temp, suporte].sort());
  });

  it('does not accept groups of another workspace', async () => {
    const b = await s.workspace('Outra');
    const r = await s.request('POST', '/api/v1/users', { token: b.token, body: { ...base, login: 'fabio', serviceGroupIds: [suporte] } });
    expect(r.body.error.fields).toEqual([{ path: 'serviceGroupIds.0', message: 'service group not found' }]);
  });
});
