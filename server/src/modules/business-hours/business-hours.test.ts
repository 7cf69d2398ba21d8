import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { findBusinessHours } from './index';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const office = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const always = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const post = (url: string, body: unknown, token = ws.token) => s.request('POST', url, { token, body });
const patch = (url: string, body: unknown, token = ws.token) => s.request('PATCH', url, { token, body });
const paths = (r: { body: { error: { fields: { path: string }[] } } }) => r.body.error.fields.map((f) => f.path).sort();

describe('business hours', () => {
  it('creates with defaults, edits weekdays and holidays, lists by name and audits', async () => {
    const r = await post('/api/v1/business-hours', {
      name: 'Comercial',
      weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [{ start: '09:00', end: '13:00' }] },
      holidays: [
        { date: '2026-12-25', name: 'Natal' },
        { date: '2026-12-24', name: 'Véspera de Natal', intervals: [{ start: '08:00', end: '12:00' }] },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Comercial', timeZone: 'America/Sao_Paulo', status: 'active' });
    expect(r.body.weekly).toEqual({ sun: [], mon: office, tue: office, wed: office, thu: office, fri: office, sat: [{ start: '09:00', end: '13:00' }] });
    // Stored in date order, a holiday without intervals is closed all day.
    expect(r.body.holidays).toEqual([
      { date: '2026-12-24', name: 'Véspera de Natal', intervals: [{ start: '08:00', end: '12:00' }] },
      { date: '2026-12-25', name: 'Natal', intervals: [] },
    ]);

    const bare = await post('/api/v1/business-hours', { name: 'Plantão', timeZone: 'America/Manaus' });
    expect(bare.body).toMatchObject({ timeZone: 'America/Manaus', holidays: [], openNow: false });
    expect(Object.values(bare.body.weekly)).toEqual([[], [], [], [], [], [], []]);

    // Only the weekdays sent change; holidays, when sent, replace the list.
    const edited = await patch(`/api/v1/business-hours/${r.body.id}`, {
      timeZone: 'America/New_York',
      weekly: { sat: [], sun: [{ start: '10:00', end: '14:00' }] },
      holidays: [{ date: '2027-01-01', name: 'Ano Novo', intervals: [] }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.timeZone).toBe('America/New_York');
    expect(edited.body.weekly).toMatchObject({ mon: office, fri: office, sat: [], sun: [{ start: '10:00', end: '14:00' }] });
    expect(edited.body.holidays).toEqual([{ date: '2027-01-01', name: 'Ano Novo', intervals: [] }]);

    const list = await s.request('GET', '/api/v1/business-hours', { token: ws.token });
    expect(list.body.items.map((b: { name: string }) => b.name)).toEqual(['Comercial', 'Plantão']);
    const one = await s.request('GET', `/api/v1/business-hours/${r.body.id}`, { token: ws.token });
    expect(one.body).toMatchObject({ id: r.body.id, timeZone: 'America/New_York' });
    expect(await findBusinessHours(s.atende.db, ws.workspaceId, r.body.id)).toMatchObject({ name: 'Comercial', timeZone: 'America/New_York' });

    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['business_hours.updated', 'business_hours.created']);
    expect(audit.body.items[0]).toMatchObject({ entityType: 'business_hours', actorUserId: ws.adminId });
  });

  it('is in the OpenAPI document', async () => {
    const doc = await s.request('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/v1/business-hours/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(doc.body.paths['/api/v1/business-hours'].post.requestBody.content['application/json'].schema.required).toEqual(['name']);
  });

  it('pages the list by keyset and filters by name and status', async () => {
    for (const name of ['Página A', 'Página B', 'Página C']) await post('/api/v1/business-hours', { name });
    const first = await s.request('GET', '/api/v1/business-hours?q=página&limit=2', { token: ws.token });
    expect(first.body.items.map((b: { name: string }) => b.name)).toEqual(['Página A', 'Página B']);
    const second = await s.request('GET', `/api/v1/business-hours?q=página&limit=2&cursor=${first.body.nextCursor}`, { token: ws.token });
    expect(second.body).toMatchObject({ items: [{ name: 'Página C' }], nextCursor: null });
    await post(`/api/v1/business-hours/${first.body.items[0].id}/deactivate`, undefined);
    const active = await s.request('GET', '/api/v1/business-hours?q=página&status=active', { token: ws.token });
    expect(active.body.items.map((b: { name: string }) => b.name)).toEqual(['Página B', 'Página C']);
  });

  it('says whether the schedule is open now', async () => {
    const open = await post('/api/v1/business-hours', { name: 'Sempre aberto', weekly: always });
    expect(open.body.openNow).toBe(true);
    // Closed holidays around today (in UTC), so a request that crosses midnight is closed too.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const closed = await patch(`/api/v1/business-hours/${open.body.id}`, {
      timeZone: 'UTC',
      holidays: [yesterday, today, tomorrow].map((date) => ({ date, name: 'Fechado', intervals: [] })),
    });
    expect(closed.body.openNow).toBe(false);
  });

  it('names the field of every bad time, overlap, zone and holiday', async () => {
    const bad = await post('/api/v1/business-hours', {
      name: '',
      timeZone: 'America/Atlantis',
      weekly: {
        mon: [{ start: '8:00', end: '12:00' }],
        tue: [{ start: '18:00', end: '08:00' }],
        wed: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }],
        sat: [{ start: '08:00', end: '18:00' }, { start: '09:00', end: '10:00' }, { start: '11:00', end: '12:00' }],
        thu: [{ start: '24:00', end: '24:00' }],
        fri: [{ start: '08:00', end: '12:60' }],
      },
      holidays: [
        { date: '2026-02-30', name: 'Inexistente' },
        { date: '2026-12-25', name: '' },
        { date: '2026-12-25', name: 'Natal', intervals: [{ start: '13:00', end: '18:00' }, { start: '08:00', end: '14:00' }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(paths(bad)).toEqual([
      'holidays.0.date',
      'holidays.1.name',
      'holidays.2.date',
      'holidays.2.intervals.0.start',
      'name',
      'timeZone',
      'weekly.fri.0.end',
      'weekly.mon.0.start',
      'weekly.sat.1.start',
      'weekly.sat.2.start',
      'weekly.thu.0.start',
      'weekly.tue.0.end',
      'weekly.wed.1.start',
    ]);
    const messages = Object.fromEntries(bad.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(messages).toMatchObject({
      timeZone: 'unknown time zone',
      'weekly.tue.0.end': 'end must be after start',
      'weekly.wed.1.start': 'overlaps another interval',
      'holidays.2.date': 'date already listed',
    });
    // Nothing was written.
    const none = await s.request('GET', '/api/v1/business-hours?q=Natal', { token: ws.token });
    expect(none.body.items).toEqual([]);

    const touching = await post('/api/v1/business-hours', {
      name: 'Até meia-noite',
      weekly: { fri: [{ start: '18:00', end: '24:00' }, { start: '08:00', end: '18:00' }] },
    });
    expect(touching.status).toBe(201);
    const badPatch = await patch(`/api/v1/business-hours/${touching.body.id}`, { timeZone: 'Mars/Olympus', weekly: { sat: [{ start: '09:00', end: '09:00' }] } });
    expect(paths(badPatch)).toEqual(['timeZone', 'weekly.sat.0.end']);
    const dup = await post('/api/v1/business-hours', { name: 'até meia-noite' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('name');
  });

  it('deactivates and reactivates; agents read but cannot write', async () => {
    const r = await post('/api/v1/business-hours', { name: 'Temporário' });
    const off = await post(`/api/v1/business-hours/${r.body.id}/deactivate`, undefined);
    expect(off.body.status).toBe('inactive');
    const agent = await s.user(ws.workspaceId, 'agent');
    expect((await s.request('GET', `/api/v1/business-hours/${r.body.id}`, { token: agent.token })).status).toBe(200);
    expect((await post('/api/v1/business-hours', { name: 'Meu' }, agent.token)).status).toBe(403);
    expect((await patch(`/api/v1/business-hours/${r.body.id}`, { name: 'X' }, agent.token)).status).toBe(403);
    expect((await post(`/api/v1/business-hours/${r.body.id}/activate`, undefined, agent.token)).status).toBe(403);
    expect((await post(`/api/v1/business-hours/${r.body.id}/activate`, undefined)).body.status).toBe('active');
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'business_hours.activated',
      'business_hours.deactivated',
      'business_hours.created',
    ]);
  });

  it('keeps workspaces apart', async () => {
    const b = await s.workspace('Outra');
    const a = (await s.request('GET', '/api/v1/business-hours', { token: ws.token })).body.items[0];
    expect((await s.request('GET', '/api/v1/business-hours', { token: b.token })).body.items).toEqual([]);
    expect((await s.request('GET', `/api/v1/business-hours/${a.id}`, { token: b.token })).status).toBe(404);
    expect((await patch(`/api/v1/business-hours/${a.id}`, { name: 'Roubado' }, b.token)).status).toBe(404);
    expect(await findBusinessHours(s.atende.db, b.workspaceId, a.id)).toBeNull();
  });
});

describe('assignment to channels and service groups', () => {
  it('saves a schedule of the workspace on a group and a channel; null means always open', async () => {
    const hours = await post('/api/v1/business-hours', { name: 'Atendimento', weekly: { mon: office } });
    const group = await post('/api/v1/service-groups', { name: 'Com horário', settings: { businessHoursId: hours.body.id } });
    expect(group.status).toBe(201);
    expect(group.body.settings.businessHoursId).toBe(hours.body.id);
    const plain = await post('/api/v1/service-groups', { name: 'Sem horário' });
    expect(plain.body.settings.businessHoursId).toBeNull();

    const channel = await post('/api/v1/channels', { type: 'webchat', name: 'Site', serviceGroupId: group.body.id, settings: { businessHoursId: hours.body.id } });
    expect(channel.status).toBe(201);
    expect(channel.body.settings.businessHoursId).toBe(hours.body.id);
    const cleared = await patch(`/api/v1/channels/${channel.body.id}`, { settings: { businessHoursId: null } });
    expect(cleared.body.settings.businessHoursId).toBeNull();
    const groupCleared = await patch(`/api/v1/service-groups/${group.body.id}`, { settings: { businessHoursId: null } });
    expect(groupCleared.body.settings).toMatchObject({ businessHoursId: null, allowAudio: true });
  });

  it('refuses an unknown, foreign or inactive schedule on settings.businessHoursId, but keeps one already chosen', async () => {
    const other = await s.workspace('Vizinha');
    const foreign = await post('/api/v1/business-hours', { name: 'Da vizinha' }, other.token);
    const mine = await post('/api/v1/business-hours', { name: 'Meu horário' });
    const group = await post('/api/v1/service-groups', { name: 'Grupo horário', settings: { businessHoursId: mine.body.id } });
    const channel = await post('/api/v1/channels', { type: 'webchat', name: 'Canal horário', serviceGroupId: group.body.id, settings: { businessHoursId: mine.body.id } });

    for (const id of [NOWHERE, foreign.body.id]) {
      const g = await post('/api/v1/service-groups', { name: `Grupo ${id}`, settings: { businessHoursId: id } });
      expect(g.status).toBe(400);
      expect(g.body.error.fields).toEqual([{ path: 'settings.businessHoursId', message: 'business hours not found' }]);
      const c = await post('/api/v1/channels', { type: 'webchat', name: `Canal ${id}`, serviceGroupId: group.body.id, settings: { businessHoursId: id } });
      expect(c.status).toBe(400);
      expect(c.body.error.fields).toEqual([{ path: 'settings.businessHoursId', message: 'business hours not found' }]);
      const gp = await patch(`/api/v1/service-groups/${group.body.id}`, { settings: { businessHoursId: id } });
      expect(gp.body.error.fields).toEqual([{ path: 'settings.businessHoursId', message: 'business hours not found' }]);
      const cp = await patch(`/api/v1/channels/${channel.body.id}`, { settings: { businessHoursId: id } });
      expect(cp.body.error.fields).toEqual([{ path: 'settings.businessHoursId', message: 'business hours not found' }]);
    }
    const notUuid = await patch(`/api/v1/channels/${channel.body.id}`, { settings: { businessHoursId: 'comercial' } });
    expect(paths(notUuid)).toEqual(['settings.businessHoursId']);

    await post(`/api/v1/business-hours/${mine.body.id}/deactivate`, undefined);
    const fresh = await post('/api/v1/service-groups', { name: 'Grupo novo', settings: { businessHoursId: mine.body.id } });
    expect(fresh.body.error.fields).toEqual([{ path: 'settings.businessHoursId', message: 'business hours are inactive' }]);
    // Saving the forms untouched still works after the schedule was deactivated.
    const keptGroup = await patch(`/api/v1/service-groups/${group.body.id}`, { name: 'Grupo horário 2', settings: { businessHoursId: mine.body.id } });
    expect(keptGroup.status).toBe(200);
    const keptChannel = await patch(`/api/v1/channels/${channel.body.id}`, { name: 'Canal horário 2', settings: { businessHoursId: mine.body.id } });
    expect(keptChannel.status).toBe(200);
    expect(keptChannel.body.settings.businessHoursId).toBe(mine.body.id);
  });
});
