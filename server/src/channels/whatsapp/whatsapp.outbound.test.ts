import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../../modules/conversations';
import { PNG, whatsappWorkspace } from './whatsapp.test-helpers';

let s: TestServer;
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;
beforeAll(async () => {
  s = await startTestServer();
  w = await whatsappWorkspace(s);
});

const byExternal = (externalId: string) =>
  waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, externalId)))[0]);
const row = (id: string) => s.atende.db.select().from(messages).where(eq(messages.id, id)).then((r) => r[0]);

/** A customer writes; the online agent gets the conversation. */
async function activeConversation(waId: string) {
  const customer = w.sandbox.customer(waId, `Cliente ${waId.slice(-4)}`);
  const first = await byExternal(await customer.sendText('Oi, preciso de ajuda'));
  await waitFor(async () => (await s.request('GET', `/api/v1/conversations/${first.conversationId}`, { token: w.agent.token })).body.status === 'active');
  return { customer, first, conversationId: first.conversationId };
}
const send = (conversationId: string, body: Record<string, unknown>) =>
  s.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: w.agent.token, body });

describe('outbound messages reach the Cloud API with the right body', () => {
  it('text (no preview) as a reply to the customer message, then sent with the wamid', async () => {
    const c = await activeConversation('5511911110001');
    const r = await send(c.conversationId, { text: 'Claro! Qual o pedido? https://loja.example', replyToMessageId: c.first.id });
    expect(r.status).toBe(201);
    const out = await w.sandbox.waitForSent((m) => m.to === '5511911110001' && m.type === 'text');
    expect(out).toMatchObject({
      messaging_product: 'whatsapp', recipient_type: 'individual', type: 'text',
      text: { preview_url: false, body: 'Claro! Qual o pedido? https://loja.example' }, context: { message_id: c.first.externalId },
    });
    await waitFor(async () => (await row(r.body.id)).status === 'sent');
    expect((await row(r.body.id)).externalId).toBe(out.wamid);
  });

  it('media: uploaded to /media and sent by id with the caption', async () => {
    const c = await activeConversation('5511911110002');
    const up = await s.request('POST', '/api/v1/attachments', {
      token: w.agent.token,
      body: await import('../../modules/attachments/attachment.test-files').then((f) => f.fileForm('produto.png', PNG, 'image/png')),
    });
    expect(up.status).toBe(201);
    const r = await send(c.conversationId, { attachmentId: up.body.id, caption: 'Este aqui' });
    expect(r.status).toBe(201);
    const out = await w.sandbox.waitForSent((m) => m.to === '5511911110002' && m.type === 'image');
    expect(out.image).toMatchObject({ id: expect.any(String), caption: 'Este aqui' });
    await waitFor(async () => (await row(r.body.id)).status === 'sent');
  });

  it('interactive buttons and lists', async () => {
    const c = await activeConversation('5511911110003');
    await send(c.conversationId, { interactive: { type: 'button', header: 'Pedido 123', body: 'Confirma a entrega?', footer: 'Loja', buttons: [{ id: 'yes', title: 'Sim' }, { id: 'no', title: 'Não' }] } });
    const b = await w.sandbox.waitForSent((m) => m.to === '5511911110003' && m.interactive?.type === 'button');
    expect(b.interactive).toEqual({
      type: 'button', header: { type: 'text', text: 'Pedido 123' }, body: { text: 'Confirma a entrega?' }, footer: { text: 'Loja' },
      action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Sim' } }, { type: 'reply', reply: { id: 'no', title: 'Não' } }] },
    });
    await send(c.conversationId, { interactive: { type: 'list', body: 'Escolha o frete', button: 'Opções', sections: [{ title: 'Frete', rows: [{ id: 'exp', title: 'Expressa', description: '1 dia' }] }] } });
    const l = await w.sandbox.waitForSent((m) => m.to === '5511911110003' && m.interactive?.type === 'list');
    expect(l.interactive).toMatchObject({ body: { text: 'Escolha o frete' }, action: { button: 'Opções', sections: [{ title: 'Frete', rows: [{ id: 'exp', title: 'Expressa', description: '1 dia' }] }] } });
    // The customer's tap comes back as a reply to that message.
    const tap = await byExternal(await c.customer.tapButton(b.wamid, 'yes', 'Sim'));
    expect(tap).toMatchObject({ contentType: 'interactive', text: 'Sim' });
    expect(tap.replyToMessageId).toBe((await byExternal(b.wamid)).id);
  });

  it('a retryable Meta error (130429) is tried again and then sent', async () => {
    const c = await activeConversation('5511911110004');
    w.sandbox.failNext(130429);
    const r = await send(c.conversationId, { text: 'depois do limite' });
    const out = await w.sandbox.waitForSent((m) => m.text?.body === 'depois do limite', 20_000);
    await waitFor(async () => (await row(r.body.id)).status === 'sent');
    expect((await row(r.body.id)).externalId).toBe(out.wamid);
    expect(w.sandbox.rejected.some((x) => x.error.code === 130429)).toBe(true);
  }, 30_000);

  it('131047 outside the window fails the message with Meta code and title', async () => {
    const c = await activeConversation('5511911110005');
    w.sandbox.failNext(131047);
    const r = await send(c.conversationId, { text: 'fora da janela' });
    const failed = await waitFor(async () => {
      const m = await row(r.body.id);
      return m.status === 'failed' ? m : null;
    });
    expect(failed.error).toMatchObject({ code: '131047', title: expect.stringMatching(/re-engagement/i) });
  });

  it('read receipts: opening the conversation marks the latest customer message read', async () => {
    const c = await activeConversation('5511911110006');
    const last = await c.customer.sendText('ainda aí?');
    await byExternal(last);
    const r = await s.request('POST', `/api/v1/conversations/${c.conversationId}/read`, { token: w.agent.token });
    expect(r.status).toBeLessThan(300);
    await waitFor(() => w.sandbox.markedRead.includes(last));
  });
});
