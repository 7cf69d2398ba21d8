import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { attachments } from '../../modules/attachments/attachment.schema';
import { contacts } from '../../modules/contacts';
import { messages } from '../../modules/conversations';
import { whatsappEvents } from './whatsapp.schema';
import { OPUS, PNG, whatsappWorkspace } from './whatsapp.test-helpers';

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
beforeAll(async () => {
  s = await startTestServer();
  w = await whatsappWorkspace(s);
});

const messageOf = (externalId: string) =>
  waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, externalId)))[0], { message: `message ${externalId}` });
const eventsOf = async (channelId: string) => s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.channelId, channelId));

function post(body: string | Buffer, secret: string | null, headers: Record<string, string> = {}) {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const sig = secret ? { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` } : {};
  return s.atende.http!.inject({ method: 'POST', url: '/webhooks/whatsapp', payload: raw, headers: { 'content-type': 'application/json', ...sig, ...headers } });
}
const envelope = (phoneNumberId: string, value: Record<string, unknown>) =>
  JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: phoneNumberId }, ...value } }] }] });
const textValue = (wamid: string, body = 'oi') => ({
  contacts: [{ profile: { name: 'Cliente' }, wa_id: '5511987654321' }],
  messages: [{ from: '5511987654321', id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }],
});

describe('verification handshake (GET)', () => {
  it('answers the challenge for a known verify token, 403 otherwise', async () => {
    expect(await w.sandbox.verifyWebhook(w.creds.verifyToken)).toMatchObject({ status: 200 });
    const r = await s.atende.http!.inject({ method: 'GET', url: `/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${w.creds.verifyToken}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('1158201444');
    expect((await w.sandbox.verifyWebhook('wrong')).status).toBe(403);
  });
});

describe('inbound messages land as messages of the right type', () => {
  it('text: a contact with name and phone, a queued conversation with the 24 h window', async () => {
    const maria = w.sandbox.customer('5511912345678', 'Maria Souza');
    const wamid = await maria.sendText('Olá, quero saber do meu pedido');
    const m = await messageOf(wamid);
    expect(m).toMatchObject({ direction: 'in', contentType: 'text', text: 'Olá, quero saber do meu pedido', status: 'delivered' });
    const conv = await s.request('GET', `/api/v1/conversations/${m.conversationId}`, { token: w.ws.token });
    // Queued on arrival; the workspace's agent is online, so routing may already have assigned it.
    expect(conv.body).toMatchObject({ channelId: w.channelId, queuedAt: expect.any(String) });
    expect(['queued', 'active']).toContain(conv.body.status);
    expect(new Date(conv.body.windowExpiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const [c] = await s.atende.db.select().from(contacts).where(eq(contacts.id, conv.body.contactId));
    expect(c).toMatchObject({ displayName: 'Maria Souza', phone: '+5511912345678' });
  });

  it("a sender without a profile name gets the channel's default contact name (CHAN-6)", async () => {
    const patch = await s.request('PATCH', `/api/v1/channels/${w.channelId}`, { token: w.ws.token, body: { settings: { defaultContactName: 'Cliente WhatsApp' } } });
    expect(patch.status).toBe(200);
    const wamid = `wamid.noname.${Date.now()}`;
    const value = {
      contacts: [{ wa_id: '5511933334444' }],
      messages: [{ from: '5511933334444', id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'oi' } }],
    };
    expect((await post(envelope(w.creds.phoneNumberId, value), w.creds.appSecret)).statusCode).toBe(200);
    const m = await messageOf(wamid);
    const conv = await s.request('GET', `/api/v1/conversations/${m.conversationId}`, { token: w.ws.token });
    const [c] = await s.atende.db.select().from(contacts).where(eq(contacts.id, conv.body.contactId));
    expect(c).toMatchObject({ displayName: 'Cliente WhatsApp', phone: '+5511933334444' });
  });

  it('media: the bytes are downloaded with the token and stored as an attachment', async () => {
    const joao = w.sandbox.customer('5511900000001', 'João');
    const m = await messageOf(await joao.sendImage(PNG, 'image/png', 'o produto'));
    expect(m).toMatchObject({ contentType: 'image', text: 'o produto', content: expect.objectContaining({ mimeType: 'image/png' }) });
    const [a] = await s.atende.db.select().from(attachments).where(eq(attachments.id, m.attachmentId!));
    expect(a).toMatchObject({ mimeType: 'image/png', size: PNG.length });
    const chunks: Buffer[] = [];
    for await (const chunk of s.atende.deps.storage.get(a.storageKey)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);

    const voice = await messageOf(await joao.sendAudio(true, OPUS, 'audio/ogg; codecs=opus'));
    expect(voice).toMatchObject({ contentType: 'audio', content: expect.objectContaining({ voice: true }) });
    expect(voice.attachmentId).toBeTruthy();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const doc = await messageOf(await joao.sendDocument(pdf, 'application/pdf', 'boleto.pdf', 'segue'));
    expect(doc).toMatchObject({ contentType: 'document', text: 'segue' });
    const [da] = await s.atende.db.select().from(attachments).where(eq(attachments.id, doc.attachmentId!));
    expect(da).toMatchObject({ mimeType: 'application/pdf', fileName: 'boleto.pdf' });
    const sticker = await messageOf(await joao.sendSticker());
    expect(sticker).toMatchObject({ contentType: 'sticker', content: expect.objectContaining({ animated: false }) });
  });

  it('location, contacts, interactive and template button replies, reactions, unsupported', async () => {
    const ana = w.sandbox.customer('5511900000002', 'Ana');
    const first = await messageOf(await ana.sendText('oi'));
    expect(await messageOf(await ana.sendLocation(-23.56, -46.65, 'Loja Paulista', 'Av. Paulista, 1000'))).toMatchObject({
      contentType: 'location', text: 'Loja Paulista — Av. Paulista, 1000', content: expect.objectContaining({ latitude: -23.56, longitude: -46.65 }),
    });
    expect(await messageOf(await ana.sendContacts([{ name: { formatted_name: 'Carlos Dias', first_name: 'Carlos' }, phones: [{ phone: '+55 11 90000-0003', wa_id: '5511900000003' }] }]))).toMatchObject({
      contentType: 'contacts', text: 'Carlos Dias',
    });
    const tap = await messageOf(await ana.tapButton(first.externalId!, 'yes', 'Sim'));
    expect(tap).toMatchObject({ contentType: 'interactive', text: 'Sim', content: { type: 'button_reply', id: 'yes', title: 'Sim' }, replyToMessageId: first.id });
    expect(await messageOf(await ana.chooseListRow(first.externalId!, 'exp', 'Expressa', 'Entrega em 1 dia'))).toMatchObject({
      content: { type: 'list_reply', id: 'exp', title: 'Expressa', description: 'Entrega em 1 dia' },
    });
    expect(await messageOf(await ana.tapTemplateButton(first.externalId!, 'CONFIRM', 'Confirmar'))).toMatchObject({ contentType: 'button', text: 'Confirmar', content: { payload: 'CONFIRM', text: 'Confirmar' } });
    expect(await messageOf(await ana.react(first.externalId!, '👍'))).toMatchObject({ contentType: 'reaction', text: '👍', content: { emoji: '👍', messageExternalId: first.externalId } });
    expect(await messageOf(await ana.sendUnsupported())).toMatchObject({ contentType: 'unsupported', content: expect.objectContaining({ errors: expect.any(Array) }) });
  });
});

describe('statuses', () => {
  it('move our message to sent, delivered, read; failed keeps Meta code and title', async () => {
    const pedro = w.sandbox.customer('5511900000004', 'Pedro');
    const m = await messageOf(await pedro.sendText('oi'));
    await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${m.conversationId}`, { token: w.agent.token })).body.status === 'active');
    const sentBody = await s.request('POST', `/api/v1/conversations/${m.conversationId}/messages`, { token: w.agent.token, body: { text: 'Olá Pedro!' } });
    expect(sentBody.status).toBe(201);
    const out = await w.sandbox.waitForSent((x) => x.text?.body === 'Olá Pedro!');
    await waitFor(async () => (await messageOf(out.wamid)).status === 'sent');
    await w.sandbox.deliverStatuses(out.wamid, ['delivered']);
    await waitFor(async () => (await messageOf(out.wamid)).status === 'delivered');
    await w.sandbox.deliverStatuses(out.wamid, ['read']);
    await waitFor(async () => (await messageOf(out.wamid)).status === 'read');

    await s.request('POST', `/api/v1/conversations/${m.conversationId}/messages`, { token: w.agent.token, body: { text: 'vai falhar' } });
    const bad = await w.sandbox.waitForSent((x) => x.text?.body === 'vai falhar');
    await w.sandbox.deliverStatuses(bad.wamid, ['failed'], 131026);
    const failed = await waitFor(async () => {
      const r = await messageOf(bad.wamid);
      return r.status === 'failed' ? r : null;
    });
    expect(failed.error).toMatchObject({ code: '131026' });
  }, 30_000);
});

describe('edge cases of processing', () => {
  it('a status that overtakes the commit of our wamid is applied once the message has it', async () => {
    const pedro = w.sandbox.customer('5511900000009', 'Pedro');
    const inbound = await messageOf(await pedro.sendText('oi'));
    // Our outbound message, not yet marked with its wamid when Meta's status arrives.
    const [out] = await s.atende.db
      .insert(messages)
      .values({ workspaceId: w.ws.workspaceId, conversationId: inbound.conversationId, channelId: w.channelId, direction: 'out', kind: 'message', text: 'cedo', status: 'queued' })
      .returning();
    await w.sandbox.deliverStatuses('wamid.EARLY', ['delivered']);
    await waitFor(async () => (await s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, 'wamid.EARLY:delivered')))[0]?.lastError);
    await s.atende.db.update(messages).set({ externalId: 'wamid.EARLY', status: 'sent' }).where(eq(messages.id, out.id));
    await waitFor(async () => (await messageOf('wamid.EARLY')).status === 'delivered', { timeout: 30_000 });
  }, 40_000);

  it('a file type customers may not send arrives as an unsupported message saying why', async () => {
    const exe = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(200, 1)]);
    const m = await messageOf(await w.sandbox.customer('5511900000010', 'Zé').sendDocument(exe, 'application/x-msdownload', 'setup.exe'));
    expect(m).toMatchObject({ contentType: 'unsupported', attachmentId: null, content: { type: 'document', errors: [expect.objectContaining({ code: 'type_not_allowed' })] } });
  });
});

describe('webhook safety', () => {
  it('bad or missing signature → 401, nothing stored', async () => {
    const before = (await eventsOf(w.channelId)).length;
    expect((await post(envelope(w.creds.phoneNumberId, textValue('wamid.BAD1')), 'not-the-secret')).statusCode).toBe(401);
    expect((await post(envelope(w.creds.phoneNumberId, textValue('wamid.BAD2')), null)).statusCode).toBe(401);
    expect((await eventsOf(w.channelId)).length).toBe(before);
  });

  it('unknown phone_number_id → 200, nothing stored; malformed JSON → 400', async () => {
    const r = await post(envelope('999000999', textValue('wamid.UNKNOWN')), 'whatever');
    expect(r.statusCode).toBe(200);
    expect(await s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, 'wamid.UNKNOWN'))).toEqual([]);
    expect((await post('{"entry": [', w.creds.appSecret)).statusCode).toBe(400);
    expect((await post('{"hello":"world"}', w.creds.appSecret)).statusCode).toBe(400);
  });

  it('duplicate deliveries are stored and processed once', async () => {
    const body = envelope(w.creds.phoneNumberId, textValue('wamid.DUP', 'uma vez só'));
    expect((await post(body, w.creds.appSecret)).statusCode).toBe(200);
    expect((await post(body, w.creds.appSecret)).statusCode).toBe(200);
    await messageOf('wamid.DUP');
    await waitFor(async () => (await s.atende.db.select().from(whatsappEvents).where(eq(whatsappEvents.eventKey, 'wamid.DUP')))[0]?.processedAt);
    expect(await s.atende.db.select().from(messages).where(eq(messages.externalId, 'wamid.DUP'))).toHaveLength(1);
    expect(await s.atende.db.select().from(whatsappEvents).where(and(eq(whatsappEvents.eventKey, 'wamid.DUP'), eq(whatsappEvents.channelId, w.channelId)))).toHaveLength(1);
  });

  it('accepts a 3 MB payload and refuses one over 3.5 MB with 413', async () => {
    const pad = (n: number) => JSON.stringify({ ...JSON.parse(envelope(w.creds.phoneNumberId, textValue(`wamid.BIG${n}`, 'grande'))), padding: 'x'.repeat(n) });
    const three = pad(3 * 1024 * 1024 - 1000);
    expect((await post(three, w.creds.appSecret)).statusCode).toBe(200);
    await messageOf('wamid.BIG' + (3 * 1024 * 1024 - 1000));
    expect((await post(pad(3.6 * 1024 * 1024), w.creds.appSecret)).statusCode).toBe(413);
  });
});
