import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { getPauseReason } from './index';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

describe('pause reasons', () => {
  it('creates with a default of 15 minutes, edits, lists by name and audits', async () => {
    const lunch = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: 'Almoço', minutes: 60 } });
    expect(lunch.status).toBe(201);
    expect(lunch.body).toMatchObject({ name: 'Almoço', minutes: 60, status: 'active' });
    const coffee = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: 'Café' } });
    expect(coffee.body.minutes).toBe(15);
    const edited = await s.request('PATCH', `/api/v1/pause-reasons/${coffee.body.id}`, { token: ws.token, body: { minutes: 10 } });
    expect(edited.body).toMatchObject({ name: 'Café', minutes: 10 });
    const list = await s.request('GET', '/api/v1/pause-reasons', { token: ws.token });
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Almoço', 'Café']);
    expect(await getPauseReason(s.atende.db, ws.workspaceId, coffee.body.id)).toMatchObject({ minutes: 10 });
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${coffee.body.id}`, { token: ws.token });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['pause_reason.updated', 'pause_reason.created']);
  });

  it('validates minutes (1 to 480) and the name, and refuses duplicates', async () => {
    for (const minutes of [0, 481, 1.5]) {
      const r = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: `Pausa ${minutes}`, minutes } });
      expect(r.status).toBe(400);
      expect(r.body.error.fields[0].path).toBe('minutes');
    }
    const empty = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: '' } });
    expect(empty.body.error.fields[0].path).toBe('name');
    const dup = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: 'almoço' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('name');
  });

  it('deactivates and reactivates; agents read the active list but cannot write', async () => {
    const r = await s.request('POST', '/api/v1/pause-reasons', { token: ws.token, body: { name: 'Treinamento', minutes: 120 } });
    await s.request('POST', `/api/v1/pause-reasons/${r.body.id}/deactivate`, { token: ws.token });
    const agent = await s.user(ws.workspaceId, 'agent');
    const active = await s.request('GET', '/api/v1/pause-reasons?status=active', { token: agent.token });
    expect(active.status).toBe(200);
    expect(active.body.items.map((p: { name: string }) => p.name)).not.toContain('Treinamento');
    expect((await s.request('POST', '/api/v1/pause-reasons', { token: agent.token, body: { name: 'Minha' } })).status).toBe(403);
    expect((await s.request('POST', `/api/v1/pause-reasons/${r.body.id}/activate`, { token: agent.token })).status).toBe(403);
    expect((await s.request('POST', `/api/v1/pause-reasons/${r.body.id}/activate`, { token: ws.token })).body.status).toBe('active');
  });

  it('keeps workspaces apart', async () => {
    const b = await s.workspace('Outra');
    const a = (await s.request('GET', '/api/v1/pause-reasons', { token: ws.token })).body.items[0];
    expect((await s.request('GET', '/api/v1/pause-reasons', { token: b.token })).body.items).toEqual([]);
    expect((await s.request('PATCH', `/api/v1/pause-reasons/${a.id}`, { token: b.token, body: { minutes: 5 } })).status).toBe(404);
    expect(await getPauseReason(s.atende.db, b.workspaceId, a.id)).toBeNull();
  });
});
