import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { servingFixture } from '../../../test/serving-fixture';
import { whatsappWorkspace } from '../../channels/whatsapp/whatsapp.test-helpers';
import { messages } from '../conversations';
import { whatsappEvents } from '../../channels/whatsapp/whatsapp.schema';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

const messageOf = (wamid: string) => waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);

describe('unknown numbers (CONT-6)', () => {
  it('a number already on a contact is that contact, even written without the ninth digit', async () => {
    const w = await whatsappWorkspace(s);
    const known = await s.request('POST', '/api/v1/contacts', { token: w.ws.token, body: { displayName: 'Cliente Importado', phone: '(11) 98765-0001' } });
    expect(known.status).toBe(201);
    // Pre-2016 Brazilian WhatsApp ids lack the ninth digit.
    const m = await messageOf(await w.sandbox.customer('551187650001', 'Perfil WhatsApp').sendText('Oi'));
    const conv = await s.request('GET', `/api/v1/conversations/${m.conversationId}`, { token: w.ws.token });
    expect(conv.body.contactId).toBe(known.body.id);
  });

  it('a channel that serves known contacts only leaves unknown numbers out and serves known ones', async () => {
    const w = await whatsappWorkspace(s, { settings: { autoCreateContacts: false } });
    await s.request('POST', '/api/v1/contacts', { token: w.ws.token, body: { displayName: 'Conhecida', phone: '+55 21 99876-0002' } });
    const unknown = await w.sandbox.customer('5521998760003', 'Desconhecido').sendText('Quero comprar');
    const knownMessage = await messageOf(await w.sandbox.customer('5521998760002', 'Conhecida').sendText('Oi de novo'));
    expect(knownMessage.direction).toBe('in');
    await waitFor(async () => {
      const [e] = await s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, unknown));
      return e?.processedAt ? e : null;
    });
    expect(await s.atende.db.select().from(messages).where(eq(messages.externalId, unknown))).toEqual([]);
    const list = await s.request('GET', '/api/v1/contacts?q=21998760003', { token: w.ws.token });
    expect(list.body.items).toEqual([]);
  });

  it('an agent links the conversation to an existing contact: history and numbers join it', async () => {
    const f = await servingFixture(s, { agents: 1 });
    await f.online(f.agents[0].token);
    const existing = await s.request('POST', '/api/v1/contacts', { token: f.ws.token, body: { displayName: 'Carla Mendes', phone: '(11) 97777-0001', document: '529.982.247-25' } });
    const visitor = await s.request('POST', '/api/v1/contacts', { token: f.ws.token, body: { displayName: 'Visitante', phone: '(11) 96666-0002', email: 'carla@exemplo.com' } });
    const { conversation } = await f.inbound(visitor.body.id, 'Oi, sou a Carla');
    await f.assigned(conversation.id);

    const other = await s.user(f.ws.workspaceId, 'agent');
    // Only who may act on the conversation links it (another agent does not even see it).
    expect((await s.request('POST', `/api/v1/conversations/${conversation.id}/contact`, { token: other.token, body: { contactId: existing.body.id } })).status).toBe(404);
    const linked = await s.request('POST', `/api/v1/conversations/${conversation.id}/contact`, { token: f.agents[0].token, body: { contactId: existing.body.id } });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.contactId).toBe(existing.body.id);

    const merged = await s.request('GET', `/api/v1/contacts/${existing.body.id}`, { token: f.ws.token });
    expect(merged.body).toMatchObject({
      displayName: 'Carla Mendes',
      phones: [{ number: '+5511977770001' }, { number: '+5511966660002' }],
      email: 'carla@exemplo.com',
      document: { type: 'cpf', number: '52998224725' },
    });
    expect((await s.request('GET', `/api/v1/contacts/${visitor.body.id}`, { token: f.ws.token })).status).toBe(404);
    const timeline = await s.request('GET', `/api/v1/contacts/${existing.body.id}/timeline`, { token: f.ws.token });
    expect(timeline.body.items.map((i: { conversationId: string }) => i.conversationId)).toEqual([conversation.id]);
    // Later messages of that customer keep going to the same conversation.
    const again = await f.inbound(existing.body.id, 'Continuando');
    expect(again.conversation.id).toBe(conversation.id);
  });

  it('merging two people with different documents is refused, naming why', async () => {
    const ws = await s.workspace();
    const a = await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: 'A', document: '529.982.247-25' } });
    const b = await s.request('POST', '/api/v1/contacts', { token: ws.token, body: { displayName: 'B', document: '390.533.447-05' } });
    const r = await s.request('POST', `/api/v1/contacts/${a.body.id}/merge`, { token: ws.token, body: { contactId: b.body.id } });
    expect(r.status).toBe(409);
    expect(r.body.error.fields).toEqual([{ path: 'contactId', message: 'different documents' }]);
  });
});

describe('inactive contacts (CONT-1)', () => {
  it('cannot open a conversation: messages are kept unserved and answered with the channel notice, once a day', async () => {
    const f = await servingFixture(s, { agents: 1 });
    await f.online(f.agents[0].token);
    await s.request('PATCH', `/api/v1/channels/${f.channel.id}`, { token: f.ws.token, body: { settings: { inactiveContactMessage: 'Olá {{contact.name}}, seu cadastro está inativo. Procure o comercial.' } } });
    const contact = await f.contact('Rita Inativa');
    expect((await s.request('PATCH', `/api/v1/contacts/${contact}`, { token: f.ws.token, body: { status: 'inactive' } })).body.status).toBe('inactive');
    const first = await f.inbound(contact, 'Oi');
    const second = await f.inbound(contact, 'Alguém?');
    expect(second.conversation.id).toBe(first.conversation.id);
    expect(first.conversation.status).toBe('closed');
    const texts = async () => {
      const r = await s.request('GET', `/api/v1/conversations/${first.conversation.id}/messages`, { token: f.ws.token });
      return (r.body.items as { direction: string; text: string }[]).map((m) => `${m.direction}:${m.text}`);
    };
    await waitFor(async () => ((await texts()).length === 3 ? true : null));
    expect((await texts()).sort()).toEqual(['in:Alguém?', 'in:Oi', 'out:Olá Rita Inativa, seu cadastro está inativo. Procure o comercial.']);
    const c = await f.conversation(first.conversation.id);
    expect(c).toMatchObject({ status: 'closed', assigneeId: null });
  });
});
