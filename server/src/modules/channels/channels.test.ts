import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { channels } from './channel.schema';
import { getChannel, getChannelById, openCredentials } from './index';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
let group: string;

const whatsapp = { phoneNumberId: '1234567890', wabaId: '987654321', accessToken: 'EAAG-secret-token', appSecret: 'app-secret-1', verifyToken: 'verifica' };

beforeAll(async () => {
  s = await startTestServer({ PUBLIC_URL: 'https://atende.exemplo.com.br/' });
  ws = await s.workspace();
  group = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Atendimento' } })).body.id;
});

const create = (body: Record<string, unknown>, token = ws.token) => s.request('POST', '/api/v1/channels', { token, body });

describe('channels', () => {
  it('creates a web chat channel with widget defaults and its embed code, and audits it', async () => {
    const r = await create({ type: 'webchat', name: 'Chat do site', serviceGroupId: group, settings: { widget: { title: 'Loja Exemplo', color: '#1d4ed8' } } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ type: 'webchat', name: 'Chat do site', serviceGroupId: group, serviceGroupName: 'Atendimento', hasCredentials: false, status: 'active' });
    expect(r.body.settings.widget).toMatchObject({ title: 'Loja Exemplo', color: '#1d4ed8', welcome: 'Olá! Como podemos ajudar?' });
    expect(r.body.settings).toMatchObject({ autoCreateContacts: true, defaultContactName: 'Visitante', waitMessageIntervalMinutes: 0 });
    expect(r.body.embedCode).toBe(`<script src="https://atende.exemplo.com.br/widget.js" data-channel="${r.body.id}" async></script>`);
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items[0].action).toBe('channel.created');

    const row = await getChannelById(s.atende.db, r.body.id);
    expect(row).toMatchObject({ workspaceId: ws.workspaceId, type: 'webchat' });
    expect((await getChannel(s.atende.db, ws.workspaceId, r.body.id))?.settings.widget.title).toBe('Loja Exemplo');
  });

  it('merges partial settings on PATCH and keeps the type', async () => {
    const r = await create({ type: 'webchat', name: 'Chat B', serviceGroupId: group });
    const p = await s.request('PATCH', `/api/v1/channels/${r.body.id}`, {
      token: ws.token,
      body: { type: 'whatsapp', name: 'Chat B2', settings: { widget: { welcome: 'Oi!' }, greeting: { morning: 'Bom dia!' } } },
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ type: 'webchat', name: 'Chat B2' });
    expect(p.body.settings.widget).toMatchObject({ welcome: 'Oi!', title: 'Fale conosco' });
    expect(p.body.settings.greeting).toMatchObject({ morning: 'Bom dia!', morningStart: '06:00:00' });
  });

  it('validates fields, the group and credentials by type, naming each', async () => {
    const bad = await create({ type: 'fax', name: '', serviceGroupId: 'x', settings: { widget: { color: 'blue' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['name', 'serviceGroupId', 'settings.widget.color', 'type']);
    const noGroup = await create({ type: 'webchat', name: 'X', serviceGroupId: '00000000-0000-4000-8000-000000000000' });
    expect(noGroup.body.error.fields).toEqual([{ path: 'serviceGroupId', message: 'service group not found' }]);
    const creds = await create({ type: 'webchat', name: 'X', serviceGroupId: group, credentials: { token: 'x' } });
    expect(creds.body.error.fields[0].path).toBe('credentials');
    const missing = await create({ type: 'whatsapp', name: 'WhatsApp', serviceGroupId: group });
    expect(missing.body.error.fields).toEqual(
      ['phoneNumberId', 'wabaId', 'accessToken', 'appSecret', 'verifyToken'].map((f) => ({ path: `credentials.${f}`, message: 'required' })),
    );
    const partial = await create({ type: 'whatsapp', name: 'WhatsApp', serviceGroupId: group, credentials: { phoneNumberId: '1' } });
    expect(partial.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'credentials.accessToken',
      'credentials.appSecret',
      'credentials.verifyToken',
      'credentials.wabaId',
    ]);
    const inactiveGroup = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Antigo' } })).body.id;
    await s.request('POST', `/api/v1/service-groups/${inactiveGroup}/deactivate`, { token: ws.token });
    const toInactive = await create({ type: 'webchat', name: 'X', serviceGroupId: inactiveGroup });
    expect(toInactive.body.error.fields).toEqual([{ path: 'serviceGroupId', message: 'service group is inactive' }]);
  });

  it('seals WhatsApp credentials, never returns them, and rotates one secret keeping the others', async () => {
    const r = await create({ type: 'whatsapp', name: 'WhatsApp Vendas', serviceGroupId: group, credentials: whatsapp });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ hasCredentials: true, embedCode: null });
    expect(JSON.stringify(r.body)).not.toContain('EAAG-secret-token');
    const [row] = await s.atende.db.select().from(channels).where(eq(channels.id, r.body.id));
    expect(row.credentialsSealed).not.toContain('EAAG-secret-token');
    expect(openCredentials(s.atende.deps, row)).toEqual(whatsapp);

    await s.request('PATCH', `/api/v1/channels/${r.body.id}`, { token: ws.token, body: { credentials: { accessToken: 'EAAG-new-token' } } });
    const [after] = await s.atende.db.select().from(channels).where(eq(channels.id, r.body.id));
    expect(openCredentials(s.atende.deps, after)).toEqual({ ...whatsapp, accessToken: 'EAAG-new-token' });
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(JSON.stringify(audit.body.items)).not.toContain('EAAG');
  });

  it('lists with filters, deactivates, and reactivates only onto an active group', async () => {
    const g2 = (await s.request('POST', '/api/v1/service-groups', { token: ws.token, body: { name: 'Temporário' } })).body.id;
    const r = await create({ type: 'webchat', name: 'Chat temporário', serviceGroupId: g2 });
    const webchats = await s.request('GET', '/api/v1/channels?type=webchat', { token: ws.token });
    expect(webchats.body.items.every((c: { type: string }) => c.type === 'webchat')).toBe(true);
    const byGroup = await s.request('GET', `/api/v1/channels?serviceGroupId=${g2}`, { token: ws.token });
    expect(byGroup.body.items.map((c: { name: string }) => c.name)).toEqual(['Chat temporário']);

    expect((await s.request('POST', `/api/v1/channels/${r.body.id}/deactivate`, { token: ws.token })).body.status).toBe('inactive');
    await s.request('POST', `/api/v1/service-groups/${g2}/deactivate`, { token: ws.token });
    const refused = await s.request('POST', `/api/v1/channels/${r.body.id}/activate`, { token: ws.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0].path).toBe('serviceGroupId');
    await s.request('PATCH', `/api/v1/channels/${r.body.id}`, { token: ws.token, body: { serviceGroupId: group } });
    expect((await s.request('POST', `/api/v1/channels/${r.body.id}/activate`, { token: ws.token })).body.status).toBe('active');
  });

  it('lets agents read channels but not write, and keeps workspaces apart', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const list = await s.request('GET', '/api/v1/channels', { token: agent.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect((await create({ type: 'webchat', name: 'Do agente', serviceGroupId: group }, agent.token)).status).toBe(403);

    const b = await s.workspace('Outra');
    const id = list.body.items[0].id;
    expect((await s.request('GET', '/api/v1/channels', { token: b.token })).body.items).toEqual([]);
    expect((await s.request('GET', `/api/v1/channels/${id}`, { token: b.token })).status).toBe(404);
    expect(await getChannel(s.atende.db, b.workspaceId, id)).toBeNull();
    const foreign = await create({ type: 'webchat', name: 'B', serviceGroupId: group }, b.token);
    expect(foreign.body.error.fields[0].path).toBe('serviceGroupId');
  });
});

describe('embed code without PUBLIC_URL', () => {
  it('uses the address the request came to', async () => {
    const other = await startTestServer();
    const w = await other.workspace();
    const g = (await other.request('POST', '/api/v1/service-groups', { token: w.token, body: { name: 'G' } })).body.id;
    const r = await other.request('POST', '/api/v1/channels', {
      token: w.token,
      body: { type: 'webchat', name: 'Site', serviceGroupId: g },
      headers: { host: 'loja.exemplo.com:8080' },
    });
    expect(r.body.embedCode).toBe(`<script src="http://loja.exemplo.com:8080/widget.js" data-channel="${r.body.id}" async></script>`);
  });
});
