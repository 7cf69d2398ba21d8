import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { EXE, fileForm, PNG } from '../../modules/attachments/attachment.test-files';
import { startVisitor, visitorSend, visitorSocket, webchatWorkspace } from './webchat.test-helpers';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const online = (token: string) => s.request('PUT', '/api/v1/me/presence', { token, body: { status: 'online' } });
const history = (token: string, after?: string) => s.request('GET', `/webchat/v1/messages${after ? `?after=${after}` : ''}`, { token });

describe('widget configuration', () => {
  it('shows the channel look and whether an agent of its group is online and not paused', async () => {
    const w = await webchatWorkspace(s, { widget: { title: 'Loja Exemplo', color: '#c2410c' } });
    const url = `/webchat/v1/channels/${w.channelId}`;
    const off = await s.request('GET', url);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ title: 'Loja Exemplo', color: '#c2410c', welcome: expect.any(String), offlineMessage: expect.any(String), online: false });
    expect(off.headers['access-control-allow-origin']).toBe('*');

    await online(w.agent.token);
    expect((await s.request('GET', url)).body.online).toBe(true);
    await s.request('POST', '/api/v1/me/pause', { token: w.agent.token, body: {} });
    expect((await s.request('GET', url)).body.online).toBe(false);
  });

  it('answers 404 for unknown and inactive channels', async () => {
    const w = await webchatWorkspace(s);
    expect((await s.request('GET', `/webchat/v1/channels/${NOWHERE}`)).status).toBe(404);
    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/deactivate`, { token: w.ws.token })).status).toBe(200);
    expect((await s.request('GET', `/webchat/v1/channels/${w.channelId}`)).status).toBe(404);
    expect((await s.request('POST', `/webchat/v1/channels/${w.channelId}/sessions`, { body: { name: 'Ana', email: 'ana@exemplo.com.br' } })).status).toBe(404);
  });

  it('answers CORS preflights from any site', async () => {
    const r = await s.request('OPTIONS', '/webchat/v1/messages', {
      headers: { origin: 'https://loja.exemplo.com.br', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(String(r.headers['access-control-allow-headers'])).toContain('authorization');
  });
});

describe('pre-chat form', () => {
  it('requires a name and a phone or an e-mail, naming each field', async () => {
    const { channelId } = await webchatWorkspace(s);
    const url = `/webchat/v1/channels/${channelId}/sessions`;
    const noName = await s.request('POST', url, { body: { phone: '11987654321' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields).toEqual([{ path: 'name', message: 'required' }]);
    const noWay = await s.request('POST', url, { body: { name: 'Maria', phone: '', email: ' ' } });
    expect(noWay.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['phone', 'email']);
    const bad = await s.request('POST', url, { body: { name: 'Maria', phone: '1234', email: 'maria@' } });
    expect(bad.body.error.fields).toEqual([
      { path: 'phone', message: 'invalid phone number' },
      { path: 'email', message: 'invalid e-mail' },
    ]);
  });

  it('creates the contact with the phone in E.164 and returns a token that only works as a visitor token', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId, { name: '  Maria Souza ', phone: '(11) 98765-4321' });
    expect(token).toMatch(/^[\w-]{40,}$/);
    expect((await visitorSend(s, token, { text: 'Olá!' })).status).toBe(201);
    const list = await s.request('GET', '/api/v1/conversations?status=queued', { token: w.ws.token });
    expect(list.body.items).toHaveLength(1);
    const [c] = list.body.items;
    expect(c.contact).toMatchObject({ displayName: 'Maria Souza', phone: '+5511987654321' });
    expect(c.channelType).toBe('webchat');
    // Not an agent credential.
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('limits sessions per address and channel', async () => {
    const { channelId } = await webchatWorkspace(s);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await s.request('POST', `/webchat/v1/channels/${channelId}/sessions`, { body: { name: `V${i}`, email: `v${i}@exemplo.com` } })).status);
    }
    expect(statuses.slice(0, 10).every((x) => x === 201)).toBe(true);
    const last = await s.request('POST', `/webchat/v1/channels/${channelId}/sessions`, { body: { name: 'V', email: 'v@exemplo.com' } });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect(last.headers['retry-after']).toBeDefined();
  });
});

describe('messages', () => {
  it('needs a visitor token', async () => {
    expect((await s.request('GET', '/webchat/v1/messages')).status).toBe(401);
    expect((await visitorSend(s, 'not-a-token', { text: 'oi' })).status).toBe(401);
  });

  it("refuses a visitor whose channel was deactivated, on HTTP and on the socket", async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    expect((await visitorSend(s, token, { text: 'oi' })).status).toBe(201);
    (await visitorSocket(s, token)).close();
    expect((await s.request('POST', `/api/v1/channels/${w.channelId}/deactivate`, { token: w.ws.token })).status).toBe(200);
    expect((await visitorSend(s, token, { text: 'ainda aí?' })).status).toBe(401);
    expect((await s.request('GET', '/webchat/v1/messages', { token })).status).toBe(401);
    await expect(visitorSocket(s, token)).rejects.toThrow('unauthorized');
  });

  it('stores a message once per clientMessageId, however often it is resent', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const first = await visitorSend(s, token, { clientMessageId: 'c-1', text: 'Quero trocar um produto' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ direction: 'in', text: 'Quero trocar um produto', clientMessageId: 'c-1', status: 'delivered', authorName: null });
    const again = await visitorSend(s, token, { clientMessageId: 'c-1', text: 'Quero trocar um produto' });
    expect(again.body.id).toBe(first.body.id);
    expect((await history(token)).body.items).toHaveLength(1);
  });

  it('refuses an empty message, naming the text', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const r = await visitorSend(s, token, { text: '   ' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'text', message: 'a message needs text or an attachment' }]);
  });

  it('resumes after a given message, in order, without what came before', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const ids = [];
    for (const text of ['um', 'dois', 'três']) ids.push((await visitorSend(s, token, { text })).body.id);
    expect((await history(token)).body.items.map((m: { text: string }) => m.text)).toEqual(['um', 'dois', 'três']);
    expect((await history(token, ids[0])).body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(1));
    expect((await history(token, ids[2])).body.items).toEqual([]);
  });

  it("shows the agent's reply, named as the group decides, and never internal notes", async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const first = await visitorSend(s, token, { text: 'Meu pedido não chegou' });
    await online(w.agent.token);
    const c = await waitFor(async () => {
      const r = await s.request('GET', '/api/v1/conversations?status=active', { token: w.agent.token });
      return r.body.items[0];
    });
    const reply = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { text: 'Vou verificar, um momento.' } });
    expect(reply.status).toBe(201);
    await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { note: 'cliente irritado' } });
    const items = await waitFor(async () => {
      const r = (await history(token, first.body.id)).body.items;
      return r.length === 1 && r[0].status === 'sent' ? r : null;
    });
    expect(items[0]).toMatchObject({ id: reply.body.id, direction: 'out', text: 'Vou verificar, um momento.', authorName: reply.body.authorName });

    // "Name shown in messages: company" shows the workspace's name instead.
    await s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, { token: w.ws.token, body: { settings: { nameShown: 'company' } } });
    expect((await history(token, first.body.id)).body.items[0].authorName).toBe('Empresa');
  });
});

describe('attachments', () => {
  it('lets the visitor send a file and open it, and nobody else', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const up = await s.request('POST', '/webchat/v1/attachments', { token, body: fileForm('comprovante.png', PNG, 'image/png') });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: 'comprovante.png', mimeType: 'image/png', size: PNG.length });
    const sent = await visitorSend(s, token, { attachmentId: up.body.id });
    expect(sent.status).toBe(201);
    expect(sent.body.attachment).toEqual(up.body);

    const file = await s.request('GET', `/webchat/v1/attachments/${up.body.id}`, { token });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const stranger = await startVisitor(s, w.channelId, { name: 'Outro', email: 'outro@exemplo.com' });
    expect((await s.request('GET', `/webchat/v1/attachments/${up.body.id}`, { token: stranger })).status).toBe(404);
    // Nor can another visitor forward it as theirs.
    const forged = await visitorSend(s, stranger, { attachmentId: up.body.id });
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields).toEqual([{ path: 'attachmentId', message: 'attachment not found' }]);
  });

  it("opens the agent's files of the visitor's own chat", async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    await visitorSend(s, token, { text: 'Pode mandar o boleto?' });
    await online(w.agent.token);
    const c = await waitFor(async () => (await s.request('GET', '/api/v1/conversations?status=active', { token: w.agent.token })).body.items[0]);
    const up = await s.request('POST', '/api/v1/attachments', { token: w.agent.token, body: fileForm('boleto.png', PNG, 'image/png') });
    const out = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: w.agent.token, body: { attachmentId: up.body.id, caption: 'Segue' } });
    expect(out.status).toBe(201);
    expect((await s.request('GET', `/webchat/v1/attachments/${up.body.id}`, { token })).status).toBe(200);
    const stranger = await startVisitor(s, w.channelId, { name: 'Outro', email: 'outro@exemplo.com' });
    expect((await s.request('GET', `/webchat/v1/attachments/${up.body.id}`, { token: stranger })).status).toBe(404);
  });

  it('refuses a forged type, naming the file', async () => {
    const w = await webchatWorkspace(s);
    const token = await startVisitor(s, w.channelId);
    const r = await s.request('POST', '/webchat/v1/attachments', { token, body: fileForm('foto.png', EXE, 'image/png') });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'file', message: 'type not allowed' }]);
  });
});

describe('widget and demo page', () => {
  it('serves the demo store with the widget of the given channel, or of the first active one', async () => {
    const w = await webchatWorkspace(s);
    const page = await s.request('GET', `/widget-demo?channel=${w.channelId}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Loja Exemplo');
    expect(page.body).toContain(`src="/widget.js" data-channel="${w.channelId}"`);
    const byDefault = await s.request('GET', '/widget-demo?lang=en');
    expect(byDefault.body).toMatch(/data-channel="[0-9a-f-]{36}" data-lang="en"/);
    expect(byDefault.body).toContain('Best sellers');
  });

  it('serves widget.js to any site', async () => {
    const r = await s.request('GET', '/widget.js');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    // Present once `npm run build` ran (npm test builds first); otherwise the error says how.
    if (r.status === 200) {
      expect(r.headers['content-type']).toContain('javascript');
      expect(r.headers.etag).toBeTruthy();
      expect((await s.request('GET', '/widget.js', { headers: { 'if-none-match': String(r.headers.etag) } })).status).toBe(304);
    } else {
      expect(r.status).toBe(404);
      expect(r.body).toContain('npm run build');
    }
  });
});
