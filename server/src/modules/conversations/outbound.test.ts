import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { servingFixture } from '../../../test/serving-fixture';
import { receiveInbound } from '.';
import { whatsappTemplates } from '../../channels/whatsapp/whatsapp.schema';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

/** A WhatsApp-type conversation served by an online agent. */
async function whatsappConversation() {
  const f = await servingFixture(s, { agents: 1 });
  const channel = await s.request('POST', '/api/v1/channels', {
    token: f.ws.token,
    body: {
      type: 'whatsapp',
      name: 'WhatsApp',
      serviceGroupId: f.group.id,
      credentials: { phoneNumberId: `pn${Date.now()}${Math.floor(Math.random() * 1e6)}`, wabaId: 'waba1', accessToken: 'tok', appSecret: 'sec', verifyToken: 'ver' },
    },
  });
  expect(channel.status).toBe(201);
  await f.online(f.agents[0].token);
  const contactId = await f.contact('Cliente WhatsApp');
  const { conversation } = await receiveInbound(s.atende.deps, {
    workspaceId: f.ws.workspaceId, channelId: channel.body.id, contactId, text: 'oi', externalId: `wamid.${Date.now()}`, replyWindowHours: 24,
  });
  await f.assigned(conversation.id);
  return { f, agent: f.agents[0], channelId: channel.body.id as string, conversationId: conversation.id };
}

describe('outbound content and the 24-hour window (CHAN-2)', () => {
  it('knows when the window closes, refuses free-form after it with 409 window_closed, and lets an approved template through', async () => {
    const { f, agent, channelId, conversationId } = await whatsappConversation();
    const c = await f.conversation(conversationId, agent.token);
    const left = new Date(c.windowExpiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(23.9 * 3600_000);
    expect(left).toBeLessThanOrEqual(24 * 3600_000);

    const send = (body: unknown) => s.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: agent.token, body });
    expect((await send({ text: 'dentro da janela' })).status).toBe(201);

    await s.atende.db.execute(sql`update conversations set window_expires_at = now() - interval '1 minute' where id = ${conversationId}`);
    for (const body of [{ text: 'fora' }, { interactive: { type: 'button', body: 'Escolha', buttons: [{ id: 'a', title: 'A' }] } }]) {
      const refused = await send(body);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('window_closed');
    }
    expect((await send({ note: 'nota interna continua possível' })).status).toBe(201);

    await s.atende.db.insert(whatsappTemplates).values([
      { workspaceId: f.ws.workspaceId, channelId, name: 'retomada', language: 'pt_BR', category: 'UTILITY', status: 'APPROVED', components: [{ type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} está pronto.' }] },
      { workspaceId: f.ws.workspaceId, channelId, name: 'em_analise', language: 'pt_BR', category: 'MARKETING', status: 'PENDING', components: [{ type: 'BODY', text: 'Oi' }] },
    ]);
    const wrongCount = await send({ template: { name: 'retomada', language: 'pt_BR', parameters: ['Maria'] } });
    expect(wrongCount.status).toBe(400);
    expect(wrongCount.body.error.fields[0]).toMatchObject({ path: 'template.parameters', message: 'expects 2 parameter(s)' });
    const pending = await send({ template: { name: 'em_analise', language: 'pt_BR' } });
    expect(pending.body.error.fields[0]).toMatchObject({ path: 'template.name', message: 'template is pending' });
    const ok = await send({ template: { name: 'retomada', language: 'pt_BR', parameters: ['Maria', '123'] } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ contentType: 'template', text: 'Olá Maria, seu pedido 123 está pronto.' });
  });

  it("validates interactive messages against Meta's limits, naming the field", async () => {
    const { agent, conversationId } = await whatsappConversation();
    const send = (body: unknown) => s.request('POST', `/api/v1/conversations/${conversationId}/messages`, { token: agent.token, body });
    const four = await send({ interactive: { type: 'button', body: 'Escolha', buttons: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id })) } });
    expect(four.status).toBe(400);
    expect(four.body.error.fields[0].path).toBe('interactive.buttons');
    const long = await send({ interactive: { type: 'button', body: 'Escolha', buttons: [{ id: 'a', title: 'um título longo demais aqui' }] } });
    expect(long.body.error.fields[0].path).toBe('interactive.buttons.0.title');
    const both = await send({ text: 'oi', note: 'e nota' });
    expect(both.body.error.fields[0].path).toBe('text');
    const list = await send({
      interactive: { type: 'list', body: 'Escolha um horário', button: 'Ver horários', sections: [{ title: 'Manhã', rows: [{ id: 'm1', title: '09:00' }, { id: 'm2', title: '10:00' }] }] },
    });
    expect(list.status).toBe(201);
    expect(list.body).toMatchObject({ contentType: 'interactive', text: 'Escolha um horário', content: { type: 'list', button: 'Ver horários' } });
    const first = (await s.request('GET', `/api/v1/conversations/${conversationId}/messages`, { token: agent.token })).body.items[0];
    const reply = await send({ text: 'respondendo', replyToMessageId: first.id });
    expect(reply.body.replyToMessageId).toBe(first.id);
    const foreign = await send({ text: 'x', replyToMessageId: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.body.error.fields[0].path).toBe('replyToMessageId');
  });
});
