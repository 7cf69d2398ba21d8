import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../server/test/wait-for';
import { startWhatsappSandbox, type Sandbox } from './index';

/** A stand-in for Atende's webhook: keeps raw bodies, answers what the test says. */
interface Received {
  raw: Buffer;
  signature: string;
  json: any;
}

async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET') {
        const u = new URL(req.url!, 'http://x');
        const ok = u.searchParams.get('hub.verify_token') === 'verify-me';
        res.writeHead(ok ? 200 : 403).end(ok ? u.searchParams.get('hub.challenge') : 'no');
        return;
      }
      const raw = Buffer.concat(chunks);
      received.push({ raw, signature: String(req.headers['x-hub-signature-256']), json: JSON.parse(raw.toString('utf8')) });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  return { url, received, answers, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const SECRET = 'app-secret-123';
const TOKEN = 'token-abc';
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sandbox: Sandbox;

async function start(extra: Partial<Parameters<typeof startWhatsappSandbox>[0]> = {}) {
  sandbox = await startWhatsappSandbox({
    port: 0,
    webhookUrl: receiver.url,
    appSecret: SECRET,
    verifyToken: 'verify-me',
    phoneNumberId: '106540352242922',
    wabaId: '102290129340398',
    accessToken: TOKEN,
    retry: { delaysMs: [20, 40] },
    autoStatuses: false,
    ...extra,
  });
  return sandbox;
}

const graph = (path: string, init: RequestInit = {}, token = TOKEN) =>
  fetch(`${sandbox.url}/v21.0/${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });

const send = (body: object) =>
  graph(`${sandbox.phoneNumberId}/messages`, { method: 'POST', body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }) });

const messageOf = (r: Received) => r.json.entry[0].changes[0].value.messages?.[0];

beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await sandbox?.close();
  await receiver.close();
});

describe('webhooks', () => {
  it('signs the exact raw bytes and escapes non-ASCII like Meta', async () => {
    await start();
    const wamid = await sandbox.customer('5511999998888', 'João Ção').sendText('Olá, preciso de ajuda ✓');
    const [r] = receiver.received;
    const expected = `sha256=${createHmac('sha256', SECRET).update(r.raw).digest('hex')}`;
    expect(r.signature).toBe(expected);
    expect(r.raw.toString('utf8')).toContain('Ol\\u00e1');
    expect(r.json).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { phone_number_id: '106540352242922' },
        contacts: [{ profile: { name: 'João Ção' }, wa_id: '5511999998888' }],
      } }] }],
    });
    expect(messageOf(r)).toMatchObject({ from: '5511999998888', id: wamid, type: 'text', text: { body: 'Olá, preciso de ajuda ✓' } });
    expect(messageOf(r).timestamp).toMatch(/^\d+$/);
  });

  it('shapes every inbound type as protocols.md §1.4 says', async () => {
    await start();
    const c = sandbox.customer('5511911112222', 'Ana');
    await c.sendImage(Buffer.from('img'), 'image/png', 'foto');
    await c.sendDocument(Buffer.from('%PDF'), 'application/pdf', 'nota.pdf');
    await c.sendAudio(true);
    await c.sendVideo(Buffer.from('vid'));
    await c.sendSticker();
    await c.sendLocation(-23.5, -46.6, 'Loja', 'Av. Paulista');
    await c.sendContacts([{ name: { formatted_name: 'Bia' }, phones: [{ phone: '+55 11 9', type: 'CELL' }] }]);
    await c.tapButton('wamid.X', 'yes', 'Sim');
    await c.chooseListRow('wamid.Y', 'exp', 'Expressa', 'Hoje');
    await c.tapTemplateButton('wamid.Z', 'STOP', 'Parar');
    await c.react('wamid.X', '👍');
    await c.sendUnsupported();
    const m = receiver.received.map(messageOf);
    expect(m.map((x) => x.type)).toEqual([
      'image', 'document', 'audio', 'video', 'sticker', 'location', 'contacts', 'interactive', 'interactive', 'button', 'reaction', 'unsupported',
    ]);
    expect(m[0].image).toMatchObject({ caption: 'foto', mime_type: 'image/png', id: expect.any(String), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(m[1].document).toMatchObject({ filename: 'nota.pdf', mime_type: 'application/pdf' });
    expect(m[2].audio).toMatchObject({ voice: true });
    expect(m[4].sticker).toMatchObject({ mime_type: 'image/webp', animated: false });
    expect(m[5].location).toEqual({ latitude: -23.5, longitude: -46.6, name: 'Loja', address: 'Av. Paulista' });
    expect(m[7]).toMatchObject({ interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sim' } }, context: { id: 'wamid.X' } });
    expect(m[8].interactive).toEqual({ type: 'list_reply', list_reply: { id: 'exp', title: 'Expressa', description: 'Hoje' } });
    expect(m[9]).toMatchObject({ button: { payload: 'STOP', text: 'Parar' }, context: { id: 'wamid.Z' } });
    expect(m[10].reaction).toEqual({ message_id: 'wamid.X', emoji: '👍' });
    expect(m[11]).toMatchObject({ unsupported: { type: 'poll_update' }, errors: [{ code: 131051 }] });
  });

  it('retries a delivery until Atende answers 200', async () => {
    await start();
    receiver.answers.push(500, 503);
    await sandbox.customer('5511900000001', 'Rui').sendText('oi');
    await sandbox.webhooks.idle(5000);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.raw.toString()))).toHaveLength(1);
    expect(sandbox.webhooks.deliveries[0].attempts.map((a) => a.status)).toEqual([500, 503, 200]);
  });

  it('retries when the connection fails', async () => {
    const deadUrl = receiver.url;
    await receiver.close();
    await start({ webhookUrl: deadUrl });
    await sandbox.customer('5511900000002', 'Eva').sendText('alô');
    expect(sandbox.webhooks.deliveries[0].attempts[0]).toMatchObject({ status: null });
    expect(sandbox.webhooks.deliveries[0].acknowledged).toBe(false);
    receiver = await startReceiver(); // a different port: the delivery keeps failing, never dropped
    await expect(sandbox.webhooks.idle(200)).rejects.toThrow(/unacknowledged/);
  });

  it('runs the verification handshake', async () => {
    await start();
    const ok = await sandbox.verifyWebhook();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatch(/^\d+$/);
    expect((await sandbox.verifyWebhook('wrong')).status).toBe(403);
  });
});

describe('Graph API', () => {
  it('refuses a wrong token with 401 and code 190', async () => {
    await start();
    const res = await graph(`${sandbox.phoneNumberId}/messages`, { method: 'POST', body: '{}' }, 'nope');
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ code: 190, type: 'OAuthException' });
  });

  it('answers a send inside the window with a wamid and records it', async () => {
    await start();
    const inbound = await sandbox.customer('5511999998888', 'João').sendText('oi');
    const res = await send({ to: '5511999998888', type: 'text', text: { body: 'Olá!' }, context: { message_id: inbound } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '5511999998888', wa_id: '5511999998888' }] });
    const wamid = body.messages[0].id;
    expect(wamid).toMatch(/^wamid\./);
    const sent = await sandbox.waitForSent((m) => m.text?.body === 'Olá!');
    expect(sent).toMatchObject({ wamid, to: '5511999998888', context: { message_id: inbound } });
  });

  it('marks an inbound message as read', async () => {
    await start();
    const inbound = await sandbox.customer('5511999998888', 'João').sendText('oi');
    const res = await send({ status: 'read', message_id: inbound });
    expect(await res.json()).toEqual({ success: true });
    expect(sandbox.markedRead).toEqual([inbound]);
  });

  it('enforces the 24-hour rule by the sandbox clock; templates still go', async () => {
    await start();
    await sandbox.customer('5511988887777', 'Lia').sendText('oi');
    sandbox.templates.add({ name: 'retomada', language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: 'Olá {{1}}, podemos continuar?' }] });
    expect((await send({ to: '5511988887777', type: 'text', text: { body: 'a' } })).status).toBe(200);
    sandbox.advanceClock(25 * 60 * 60 * 1000);
    const late = await send({ to: '5511988887777', type: 'text', text: { body: 'b' } });
    expect(late.status).toBe(400);
    expect((await late.json()).error).toMatchObject({ code: 131047, error_data: { details: expect.stringContaining('24 hours') } });
    expect(sandbox.rejected.at(-1)?.error.code).toBe(131047);
    const template = (params: string[]) =>
      send({ to: '5511988887777', type: 'template', template: { name: 'retomada', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: params.map((text) => ({ type: 'text', text })) }] } });
    expect((await template([])).status).toBe(400);
    const ok = await template(['Lia']);
    expect(ok.status).toBe(200);
    expect((await ok.json()).messages[0].message_status).toBe('accepted');
  });

  it('answers 130429 over the throughput limit', async () => {
    await start({ throughputPerSecond: 3 });
    await sandbox.customer('5511977776666', 'Ivo').sendText('oi');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await send({ to: '5511977776666', type: 'text', text: { body: `m${i}` } }));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await results[3].json()).error.code).toBe(130429);
  });

  it('validates interactive messages with Meta limits', async () => {
    await start();
    await sandbox.customer('5511966665555', 'Bea').sendText('oi');
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Opção ${i}` } }));
    const bad = await send({ to: '5511966665555', type: 'interactive', interactive: { type: 'button', body: { text: 'Escolha' }, action: { buttons: buttons(4) } } });
    expect((await bad.json()).error.code).toBe(131009);
    const good = await send({ to: '5511966665555', type: 'interactive', interactive: { type: 'button', body: { text: 'Escolha' }, action: { buttons: buttons(3) } } });
    expect(good.status).toBe(200);
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Linha ${i}` }));
    const list = await send({ to: '5511966665555', type: 'interactive', interactive: { type: 'list', body: { text: 'x' }, action: { button: 'Ver', sections: [{ title: 'A', rows }] } } });
    expect((await list.json()).error.code).toBe(131009);
  });

  it('fails the next send on demand, synchronously or by a failed status', async () => {
    await start();
    const c = sandbox.customer('5511955554444', 'Caio');
    await c.sendText('oi');
    sandbox.failNext(131026);
    const res = await send({ to: '5511955554444', type: 'text', text: { body: 'x' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 131026, message: expect.stringContaining('(#131026)') });
    sandbox.failNext(131026, { async: true });
    const ok = await send({ to: '5511955554444', type: 'text', text: { body: 'y' } });
    const wamid = (await ok.json()).messages[0].id;
    await waitFor(() => receiver.received.some((r) => r.json.entry[0].changes[0].value.statuses?.[0].status === 'failed'));
    const status = receiver.received.map((r) => r.json.entry[0].changes[0].value.statuses?.[0]).find(Boolean);
    expect(status).toMatchObject({ id: wamid, status: 'failed', recipient_id: '5511955554444', errors: [{ code: 131026, error_data: { details: expect.any(String) } }] });
  });

  it('sends sent and delivered statuses on its own, and read on demand', async () => {
    await start({ autoStatuses: true, statusDelaysMs: [10, 20] });
    await sandbox.customer('5511944443333', 'Davi').sendText('oi');
    const wamid = (await (await send({ to: '5511944443333', type: 'text', text: { body: 'z' } })).json()).messages[0].id;
    await sandbox.deliverStatuses(wamid, ['read']);
    await waitFor(() => receiver.received.filter((r) => r.json.entry[0].changes[0].value.statuses).length === 3);
    const statuses = receiver.received.map((r) => r.json.entry[0].changes[0].value.statuses?.[0]).filter(Boolean);
    expect(statuses.map((s) => s.status).sort()).toEqual(['delivered', 'read', 'sent']);
    expect(statuses.filter((s) => s.pricing)).toHaveLength(1);
  });
});

describe('media and templates', () => {
  it('round-trips media: upload, lookup, download with the bearer token', async () => {
    await start();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'image/png');
    form.set('file', new Blob([bytes], { type: 'image/png' }), 'a.png');
    const up = await graph(`${sandbox.phoneNumberId}/media`, { method: 'POST', body: form });
    const { id } = await up.json();
    const info = await (await graph(id)).json();
    expect(info).toMatchObject({ messaging_product: 'whatsapp', id, mime_type: 'image/png', file_size: String(bytes.length) });
    expect((await fetch(info.url)).status).toBe(401);
    const file = await fetch(info.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);

    await sandbox.customer('5511933332222', 'Edu').sendImage(Buffer.from('cliente'), 'image/jpeg');
    const inboundId = messageOf(receiver.received[0]).image.id;
    const inboundInfo = await (await graph(inboundId)).json();
    const inboundFile = await fetch(inboundInfo.url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await inboundFile.text()).toBe('cliente');

    const byId = await send({ to: '5511933332222', type: 'image', image: { id, caption: 'sua foto' } });
    expect(byId.status).toBe(200);
    expect((await (await send({ to: '5511933332222', type: 'image', image: { id: '999' } })).json()).error.code).toBe(131053);
  });

  it('creates PENDING templates, pages them, and reviews them by webhook', async () => {
    await start();
    const create = (name: string) =>
      graph(`${sandbox.wabaId}/message_templates`, {
        method: 'POST',
        body: JSON.stringify({ name, language: 'pt_BR', category: 'UTILITY', components: [{ type: 'BODY', text: 'Pedido {{1}} saiu' }] }),
      });
    const created = await (await create('pedido_saiu')).json();
    expect(created).toMatchObject({ id: expect.any(String), status: 'PENDING', category: 'UTILITY' });
    expect((await (await create('Pedido Saiu')).json()).error.code).toBe(100);
    expect((await create('pedido_saiu')).status).toBe(400);
    await create('segundo');
    const page1 = await (await graph(`${sandbox.wabaId}/message_templates?limit=1`)).json();
    expect(page1.data).toHaveLength(1);
    expect(page1.paging.next).toBeDefined();
    const page2 = await (await fetch(page1.paging.next, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(page2.data[0].name).toBe('segundo');
    expect(page2.paging.next).toBeUndefined();

    await sandbox.templates.approve('pedido_saiu');
    await sandbox.templates.reject('segundo', 'PROMOTIONAL');
    const events = receiver.received.map((r) => r.json.entry[0].changes[0]);
    expect(events.map((e) => e.field)).toEqual(['message_template_status_update', 'message_template_status_update']);
    expect(events[0].value).toMatchObject({ event: 'APPROVED', message_template_name: 'pedido_saiu', message_template_language: 'pt_BR', message_template_id: Number(created.id) });
    expect(events[1].value).toMatchObject({ event: 'REJECTED', reason: 'PROMOTIONAL' });
  });
});
