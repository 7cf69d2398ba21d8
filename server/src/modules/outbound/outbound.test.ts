import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../conversations';
import { whatsappWorkspace } from '../../channels/whatsapp/whatsapp.test-helpers';

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
let seq = 0;
beforeAll(async () => {
  s = await startTestServer();
  w = await whatsappWorkspace(s);
  await s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, { token: w.ws.token, body: { settings: { activeSend: { whatsapp: true } } } });
  w.sandbox.templates.add({ name: 'retomar_contato', language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: 'Olá {{1}}, podemos continuar?' }] });
  expect((await s.request('POST', `/api/v1/channels/${w.channelId}/templates/sync`, { token: w.ws.token })).status).toBe(200);
});

const contact = async (phone = `+55119444${String(++seq).padStart(5, '0')}`) =>
  (await s.request('POST', '/api/v1/contacts', { token: w.ws.token, body: { displayName: `Contato ${seq}`, phone } })).body as { id: string; phone: string };
const activeSend = (token: string, body: Record<string, unknown>) => s.request('POST', '/api/v1/outbound-messages', { token, body: { channelId: w.channelId, serviceGroupId: w.groupId, ...body } });
const template = { name: 'retomar_contato', language: 'pt_BR', parameters: ['Bia'] };

describe('active send (AGENT-6)', () => {
  it('an agent starts with a template: an active conversation of theirs, sent to the wa_id from the phone', async () => {
    const c = await contact();
    const r = await activeSend(w.agent.token, { contactId: c.id, template });
    expect(r.status).toBe(201);
    expect(r.body.conversation).toMatchObject({ status: 'active', assigneeId: w.agent.id, channelId: w.channelId, contactId: c.id });
    expect(r.body.message).toMatchObject({ contentType: 'template', text: 'Olá Bia, podemos continuar?', direction: 'out' });
    const out = await w.sandbox.waitForSent((m) => m.to === c.phone.slice(1) && m.type === 'template');
    expect(out.template).toMatchObject({ name: 'retomar_contato', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Bia' }] }] });
  });

  it('outside the window free text is refused; inside it text goes', async () => {
    const c = await contact();
    const closed = await activeSend(w.agent.token, { contactId: c.id, text: 'Oi!' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('window_closed');
    // The customer writes first (a contact found by its WhatsApp identity); now free text may go.
    const waId = '5511966660001';
    const wamid = await w.sandbox.customer(waId, 'Cliente').sendText('oi, me chamem');
    const inbound = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
    const conv = (await s.request('GET', `/api/v1/conversations/${inbound.conversationId}`, { token: w.ws.token })).body;
    const ok = await activeSend(w.agent.token, { contactId: conv.contactId, text: 'Oi! Vi sua mensagem.' });
    expect(ok.body.conversation.id).toBe(inbound.conversationId);
    expect(ok.status).toBe(201);
    await w.sandbox.waitForSent((m) => m.to === waId && m.text?.body === 'Oi! Vi sua mensagem.');
  });

  it('through an API credential the conversation stays pending; the reply reopens it for routing', async () => {
    const cred = await s.request('POST', '/api/v1/api-credentials', { token: w.ws.token, body: { name: 'ERP' } });
    const token = (await s.request('POST', '/api/v1/auth/token', { body: { consumerKey: cred.body.consumerKey, consumerSecret: cred.body.consumerSecret } })).body.accessToken;
    const c = await contact();
    const r = await activeSend(token, { contactId: c.id, template });
    expect(r.status).toBe(201);
    expect(r.body.conversation).toMatchObject({ status: 'pending', assigneeId: null });
    await w.sandbox.waitForSent((m) => m.to === c.phone.slice(1) && m.type === 'template');
    const wamid = await w.sandbox.customer(c.phone.slice(1), 'Cliente').sendText('Sim, pode falar');
    const reply = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
    expect(reply.conversationId).toBe(r.body.conversation.id);
    await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${reply.conversationId}`, { token: w.ws.token })).body.assigneeId === w.agent.id);
  });

  it('refuses groups without active send, receptive-only groups, contacts without a number, agents at their limit', async () => {
    const c = await contact();
    await s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, { token: w.ws.token, body: { settings: { activeSend: { whatsapp: false } } } });
    const off = await activeSend(w.agent.token, { contactId: c.id, template });
    expect(off.status).toBe(403);
    expect(off.body.error.fields[0].path).toBe('serviceGroupId');
    await s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, { token: w.ws.token, body: { settings: { activeSend: { whatsapp: true }, receptiveOnly: true } } });
    expect((await activeSend(w.agent.token, { contactId: c.id, template })).status).toBe(403);
    await s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, { token: w.ws.token, body: { settings: { receptiveOnly: false } } });

    const noPhone = (await s.request('POST', '/api/v1/contacts', { token: w.ws.token, body: { displayName: 'Sem telefone' } })).body;
    const r = await activeSend(w.agent.token, { contactId: noPhone.id, template });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('contactId');

    await s.request('PATCH', `/api/v1/users/${w.agent.id}`, { token: w.ws.token, body: { maxConversations: 0 } });
    const full = await activeSend(w.agent.token, { contactId: c.id, template });
    expect(full.status).toBe(409);
    await s.request('PATCH', `/api/v1/users/${w.agent.id}`, { token: w.ws.token, body: { maxConversations: 40 } });
  });
});
