import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { classificationLabel, isClassificationInTree } from './index';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const add = async (name: string, parentId?: string, token = ws.token) => {
  const r = await s.request('POST', '/api/v1/classifications', { token, body: { name, parentId } });
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
};
const tree = async (query = '') => (await s.request('GET', `/api/v1/classifications${query}`, { token: ws.token })).body.items;
type Node = { name: string; status: string; children: Node[] };
const names = (nodes: Node[]): unknown => nodes.map((n) => (n.children.length ? { [n.name]: names(n.children) } : n.name));

describe('classifications', () => {
  it('builds a three-level tree in order and refuses a fourth level', async () => {
    const suporte = await add('Suporte');
    const internet = await add('Internet', suporte);
    await add('Lentidão', internet);
    await add('Sem sinal', internet);
    await add('Telefone', suporte);
    await add('Comercial');
    expect(names(await tree())).toEqual([{ Suporte: [{ Internet: ['Lentidão', 'Sem sinal'] }, 'Telefone'] }, 'Comercial']);

    const leaf = (await tree())[0].children[0].children[0];
    expect(leaf).toMatchObject({ name: 'Lentidão', parentId: internet, position: 0, status: 'active', children: [] });
    const deep = await s.request('POST', '/api/v1/classifications', { token: ws.token, body: { name: 'Nível 4', parentId: leaf.id } });
    expect(deep.status).toBe(400);
    expect(deep.body.error.fields[0].path).toBe('parentId');

    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${suporte}`, { token: ws.token });
    expect(audit.body.items[0].action).toBe('classification.created');
  });

  it('validates names and parents, and refuses a sibling with the same name', async () => {
    const empty = await s.request('POST', '/api/v1/classifications', { token: ws.token, body: { name: ' ' } });
    expect(empty.body.error.fields[0].path).toBe('name');
    const orphan = await s.request('POST', '/api/v1/classifications', {
      token: ws.token,
      body: { name: 'Órfã', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.fields).toEqual([{ path: 'parentId', message: 'classification not found' }]);
    const dup = await s.request('POST', '/api/v1/classifications', { token: ws.token, body: { name: 'comercial' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('name');
  });

  it('renames, reorders among siblings and moves without cycles or a fourth level', async () => {
    const root = await add('Financeiro');
    const a = await add('Boleto', root);
    const b = await add('Pix', root);
    const c = await add('Cartão', root);
    const sub = await add('Segunda via', a);

    let r = await s.request('PATCH', `/api/v1/classifications/${c}`, { token: ws.token, body: { position: 0, name: 'Cartão de crédito' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'Cartão de crédito', position: 0 });
    const fin = (await tree()).find((n: Node) => n.name === 'Financeiro');
    expect(fin.children.map((n: Node & { position: number }) => [n.name, n.position])).toEqual([
      ['Cartão de crédito', 0],
      ['Boleto', 1],
      ['Pix', 2],
    ]);

    r = await s.request('PATCH', `/api/v1/classifications/${root}`, { token: ws.token, body: { parentId: sub } });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('parentId');
    r = await s.request('PATCH', `/api/v1/classifications/${root}`, { token: ws.token, body: { parentId: root } });
    expect(r.status).toBe(400);
    // Boleto has a sub-reason: under Pix it would make a fourth level.
    r = await s.request('PATCH', `/api/v1/classifications/${a}`, { token: ws.token, body: { parentId: b } });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('parentId');
    // A leaf can move under a reason and becomes its last child.
    r = await s.request('PATCH', `/api/v1/classifications/${c}`, { token: ws.token, body: { parentId: a } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parentId: a, position: 1 });
    expect(names([(await tree()).find((n: Node) => n.name === 'Financeiro')])).toEqual([
      { Financeiro: [{ Boleto: ['Segunda via', 'Cartão de crédito'] }, 'Pix'] },
    ]);
    expect(await classificationLabel(s.atende.db, ws.workspaceId, sub)).toBe('Financeiro › Boleto › Segunda via');
  });

  it('deactivating a node hides its subtree from pickers but keeps it in the full tree', async () => {
    const root = await add('Cancelamento');
    const reason = await add('Mudança', root);
    const leaf = await add('Outra cidade', reason);
    await add('Preço', root);
    expect(await isClassificationInTree(s.atende.db, ws.workspaceId, root, leaf)).toBe(true);
    expect(await isClassificationInTree(s.atende.db, ws.workspaceId, root, root)).toBe(true);

    const r = await s.request('POST', `/api/v1/classifications/${reason}/deactivate`, { token: ws.token });
    expect(r.body).toMatchObject({ status: 'inactive', children: [{ name: 'Outra cidade', status: 'active' }] });
    const picker = (await tree('?status=active')).find((n: Node) => n.name === 'Cancelamento');
    expect(names([picker])).toEqual([{ Cancelamento: ['Preço'] }]);
    expect(names(await tree('?status=inactive'))).toEqual([{ Mudança: ['Outra cidade'] }]);
    const full = (await tree()).find((n: Node) => n.name === 'Cancelamento');
    expect(full.children[0]).toMatchObject({ name: 'Mudança', status: 'inactive' });
    expect(await isClassificationInTree(s.atende.db, ws.workspaceId, root, leaf)).toBe(false);

    await s.request('POST', `/api/v1/classifications/${reason}/activate`, { token: ws.token });
    expect(await isClassificationInTree(s.atende.db, ws.workspaceId, root, leaf)).toBe(true);
    const otherRoot = (await tree()).find((n: Node) => n.name === 'Comercial');
    expect(await isClassificationInTree(s.atende.db, ws.workspaceId, otherRoot.id, leaf)).toBe(false);
  });

  it('refuses to deactivate a tree a group makes mandatory, naming the group', async () => {
    const root = await add('Ouvidoria');
    await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Reclamações', classificationId: root, classificationRequired: true } });
    const r = await s.request('POST', `/api/v1/classifications/${root}/deactivate`, { token: ws.token });
    expect(r.status).toBe(409);
    expect(r.body.error.fields).toEqual([{ path: 'id', message: 'required by service group: Reclamações' }]);
  });

  it('lets agents read the tree but not change it, and keeps workspaces apart', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const read = await s.request('GET', '/api/v1/classifications?status=active', { token: agent.token });
    expect(read.status).toBe(200);
    expect(read.body.items.length).toBeGreaterThan(0);
    const refused = await s.request('POST', '/api/v1/classifications', { token: agent.token, body: { name: 'Do agente' } });
    expect(refused.status).toBe(403);

    const b = await s.workspace('Outra');
    expect((await s.request('GET', '/api/v1/classifications', { token: b.token })).body.items).toEqual([]);
    const idA = read.body.items[0].id;
    expect((await s.request('GET', `/api/v1/classifications/${idA}`, { token: b.token })).status).toBe(404);
    const under = await s.request('POST', '/api/v1/classifications', { token: b.token, body: { name: 'X', parentId: idA } });
    expect(under.body.error.fields[0]).toEqual({ path: 'parentId', message: 'classification not found' });
    expect(await isClassificationInTree(s.atende.db, b.workspaceId, idA, idA)).toBe(false);
  });
});
