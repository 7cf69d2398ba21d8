import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { allowedTransferTargets, getServiceGroup, groupIdsOfUser, memberIdsOf } from './index';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
const NOWHERE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const post = (url: string, body: unknown, token = ws.token) => s.request('POST', url, { token, body });
const paths = (r: { body: { error: { fields: { path: string }[] } } }) => r.body.error.fields.map((f) => f.path).sort();

describe('service groups', () => {
  it('creates a group with defaults filled, members, transfers and a root classification, and audits it', async () => {
    const op = await post('/api/v1/operations', { name: 'Atendimento' });
    const agent = await s.user(ws.workspaceId, 'agent');
    const supAgent = await s.user(ws.workspaceId, 'supervisor_agent');
    const target = await post('/api/v1/service-groups', { name: 'Financeiro' });
    const root = await post('/api/v1/classifications', { name: 'Suporte' });
    const r = await post('/api/v1/service-groups', {
      name: 'Suporte N1',
      operationId: op.body.id,
      strategy: 'circular',
      settings: { transferToPaused: true, activeSend: { whatsapp: true } },
      timers: { inactivityMinutes: 1440 },
      agentIds: [agent.id, supAgent.id, agent.id],
      transferGroupIds: [target.body.id],
      classificationId: root.body.id,
      classificationRequired: true,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Suporte N1',
      operationId: op.body.id,
      strategy: 'circular',
      agentIds: [agent.id, supAgent.id].sort(),
      transferGroupIds: [target.body.id],
      classificationId: root.body.id,
      classificationRequired: true,
      surveyId: null,
      surveyRequired: false,
      status: 'active',
    });
    expect(r.body.settings).toEqual({
      nameShown: 'agent',
      redirectOnDisconnect: true,
      transferToPaused: true,
      receptiveOnly: false,
      priorityToWalletAgent: false,
      requiresOnlineAgent: false,
      activeSend: { whatsapp: true, sms: false, voice: false, email: false, telegram: false },
      sendWhatsappTemplate: false,
      allowAudio: true,
      allowImage: true,
      allowVideo: true,
      allowDocument: true,
      businessHoursId: null,
    });
    expect(r.body.timers).toMatchObject({ inactivityMinutes: 1440, inactivityScope: 'customer', agentAnswerMinutes: null });
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items[0]).toMatchObject({ action: 'service_group.created', actorUserId: ws.adminId });

    // The other modules' view of it.
    const g = await getServiceGroup(s.atende.db, ws.workspaceId, r.body.id);
    expect(g).toMatchObject({ id: r.body.id, strategy: 'circular', agentIds: [agent.id, supAgent.id].sort() });
    expect(await memberIdsOf(s.atende.db, ws.workspaceId, r.body.id)).toEqual([agent.id, supAgent.id].sort());
    expect(await groupIdsOfUser(s.atende.db, ws.workspaceId, agent.id)).toEqual([r.body.id]);
    expect(await allowedTransferTargets(s.atende.db, ws.workspaceId, r.body.id)).toEqual([{ id: target.body.id, name: 'Financeiro' }]);
    expect(await getServiceGroup(s.atende.db, ws.workspaceId, NOWHERE)).toBeNull();
  });

  it('names every bad reference in one answer and writes nothing', async () => {
    const admin = ws.adminId;
    const supervisor = await s.user(ws.workspaceId, 'supervisor');
    const gone = await s.user(ws.workspaceId, 'agent', { status: 'inactive' });
    const agent = await s.user(ws.workspaceId, 'agent');
    const parent = await post('/api/v1/classifications', { name: 'Vendas' });
    const reason = await post('/api/v1/classifications', { name: 'Orçamento', parentId: parent.body.id });
    const r = await post('/api/v1/service-groups', {
      name: 'Inválido',
      operationId: NOWHERE,
      agentIds: [agent.id, admin, supervisor.id, gone.id, NOWHERE],
      transferGroupIds: [NOWHERE],
      classificationId: reason.body.id,
      surveyId: NOWHERE,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(paths(r)).toEqual(['agentIds.1', 'agentIds.2', 'agentIds.3', 'agentIds.4', 'classificationId', 'operationId', 'surveyId', 'transferGroupIds.0']);
    const list = await s.request('GET', '/api/v1/service-groups?q=Inválido', { token: ws.token });
    expect(list.body.items).toEqual([]);

    const required = await post('/api/v1/service-groups', { name: 'Sem árvore', classificationRequired: true });
    expect(paths(required)).toEqual(['classificationId']);
    const bad = await post('/api/v1/service-groups', { name: '', strategy: 'fastest', settings: { nameShown: 'robot' }, timers: { inactivityMinutes: -1 } });
    expect(paths(bad)).toEqual(['name', 'settings.nameShown', 'strategy', 'timers.inactivityMinutes']);
  });

  it('merges partial settings on PATCH, replaces members and transfers, and refuses a transfer to itself', async () => {
    const a1 = await s.user(ws.workspaceId, 'agent');
    const a2 = await s.user(ws.workspaceId, 'agent');
    const other = await post('/api/v1/service-groups', { name: 'Cobrança' });
    const g = await post('/api/v1/service-groups', { name: 'Retenção', agentIds: [a1.id], settings: { receptiveOnly: true } });
    const r = await s.request('PATCH', `/api/v1/service-groups/${g.body.id}`, {
      token: ws.token,
      body: { settings: { activeSend: { sms: true } }, timers: { agentAnswerMinutes: 5 }, agentIds: [a2.id], transferGroupIds: [other.body.id] },
    });
    expect(r.status).toBe(200);
    expect(r.body.settings).toMatchObject({ receptiveOnly: true, activeSend: { sms: true, whatsapp: false } });
    expect(r.body.timers).toMatchObject({ agentAnswerMinutes: 5 });
    expect(r.body).toMatchObject({ agentIds: [a2.id], transferGroupIds: [other.body.id], name: 'Retenção' });
    expect(await groupIdsOfUser(s.atende.db, ws.workspaceId, a1.id)).toEqual([]);

    const self = await s.request('PATCH', `/api/v1/service-groups/${g.body.id}`, { token: ws.token, body: { transferGroupIds: [other.body.id, g.body.id] } });
    expect(self.status).toBe(400);
    expect(paths(self)).toEqual(['transferGroupIds.1']);
    const fetched = await s.request('GET', `/api/v1/service-groups/${g.body.id}`, { token: ws.token });
    expect(fetched.body.transferGroupIds).toEqual([other.body.id]);
  });

  it('keeps members who were deactivated after joining, but does not route to them', async () => {
    const a = await s.user(ws.workspaceId, 'agent');
    const g = await post('/api/v1/service-groups', { name: 'Plantão', agentIds: [a.id] });
    await post(`/api/v1/users/${a.id}/deactivate`, {});
    expect(await memberIdsOf(s.atende.db, ws.workspaceId, g.body.id)).toEqual([]);
    const resave = await s.request('PATCH', `/api/v1/service-groups/${g.body.id}`, { token: ws.token, body: { agentIds: [a.id], name: 'Plantão 24h' } });
    expect(resave.status).toBe(200);
    expect(resave.body.agentIds).toEqual([a.id]);
  });

  it('refuses duplicate names case-insensitively', async () => {
    await post('/api/v1/service-groups', { name: 'Ouvidoria' });
    const dup = await post('/api/v1/service-groups', { name: 'OUVIDORIA' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields).toEqual([{ path: 'name', message: 'already in use' }]);
  });

  it('lists by name with search, status and cursor pages', async () => {
    for (const n of ['Zeta 1', 'Zeta 2', 'Zeta 3']) await post('/api/v1/service-groups', { name: n });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await s.request(
        'GET',
        `/api/v1/service-groups?q=zeta&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: ws.token },
      );
      seen.push(...page.body.items.map((g) => g.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Zeta 1', 'Zeta 2', 'Zeta 3']);
  });

  it('refuses to deactivate a group a channel uses, naming the channel; deactivated targets leave the transfer options', async () => {
    const g = await post('/api/v1/service-groups', { name: 'Site' });
    const source = await post('/api/v1/service-groups', { name: 'Triagem', transferGroupIds: [g.body.id] });
    const ch = await post('/api/v1/channels', { type: 'webchat', name: 'Chat do site', serviceGroupId: g.body.id });
    const refused = await post(`/api/v1/service-groups/${g.body.id}/deactivate`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Chat do site');
    expect(refused.body.error.fields[0].message).toBe('used by channel: Chat do site');

    await post(`/api/v1/channels/${ch.body.id}/deactivate`, {});
    const done = await post(`/api/v1/service-groups/${g.body.id}/deactivate`, {});
    expect(done.body.status).toBe('inactive');
    expect(await allowedTransferTargets(s.atende.db, ws.workspaceId, source.body.id)).toEqual([]);
    const inactive = await s.request('GET', '/api/v1/service-groups?status=inactive', { token: ws.token });
    expect(inactive.body.items.map((x: { name: string }) => x.name)).toContain('Site');
    expect((await post(`/api/v1/service-groups/${g.body.id}/activate`, {})).body.status).toBe('active');
  });

  it('lets agents read groups but not change them', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const list = await s.request('GET', '/api/v1/service-groups', { token: agent.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const one = await s.request('GET', `/api/v1/service-groups/${list.body.items[0].id}`, { token: agent.token });
    expect(one.status).toBe(200);
    expect((await post('/api/v1/service-groups', { name: 'Do agente' }, agent.token)).status).toBe(403);
    expect((await s.request('PATCH', `/api/v1/service-groups/${list.body.items[0].id}`, { token: agent.token, body: { name: 'x' } })).status).toBe(403);
    expect((await post(`/api/v1/service-groups/${list.body.items[0].id}/deactivate`, {}, agent.token)).status).toBe(403);
  });

  it('keeps workspaces apart', async () => {
    const b = await s.workspace('Outra');
    const agentA = await s.user(ws.workspaceId, 'agent');
    const groupA = (await s.request('GET', '/api/v1/service-groups?limit=1', { token: ws.token })).body.items[0];
    expect((await s.request('GET', `/api/v1/service-groups/${groupA.id}`, { token: b.token })).status).toBe(404);
    expect((await s.request('GET', '/api/v1/service-groups', { token: b.token })).body.items).toEqual([]);
    // Ids of workspace A are unknown in B, whatever they name.
    const r = await post('/api/v1/service-groups', { name: 'B', agentIds: [agentA.id], transferGroupIds: [groupA.id] }, b.token);
    expect(paths(r)).toEqual(['agentIds.0', 'transferGroupIds.0']);
  });
});
