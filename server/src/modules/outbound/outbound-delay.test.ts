import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSimulatedClock } from '../../../test/simulated-clock';
import { waitFor } from '../../../test/wait-for';
import { messages } from '../conversations';
import { whatsappWorkspace } from '../../channels/whatsapp/whatsapp.test-helpers';

const { world, at, settle } = useSimulatedClock();
let w: Awaited<ReturnType<typeof whatsappWorkspace>>;

beforeAll(async () => {
  w = await whatsappWorkspace(world.s);
  const patch = await world.s.request('PATCH', `/api/v1/service-groups/${w.groupId}`, {
    token: w.ws.token,
    body: { settings: { activeSend: { whatsapp: true } }, timers: { activeSendDelayMinutes: 10 } },
  });
  expect(patch.status).toBe(200);
});

describe('active send delay (ROUTE-4)', () => {
  it('to a contact in an open conversation the message waits the group delay, then goes; once it is closed, at once', async () => {
    const s = world.s;
    const waId = '5511955550001';
    const wamid = await w.sandbox.customer(waId, 'Rosa').sendText('Oi, estou aguardando');
    const inbound = await waitFor(async () => (await s.atende.db.select().from(messages).where(eq(messages.externalId, wamid)))[0]);
    await settle();
    const conv = (await s.request('GET', `/api/v1/conversations/${inbound.conversationId}`, { token: w.ws.token })).body;

    const before = Date.now();
    const r = await s.request('POST', '/api/v1/outbound-messages', { token: w.agent.token, body: { contactId: conv.contactId, channelId: w.channelId, serviceGroupId: w.groupId, text: 'Seu pedido saiu para entrega.' } });
    expect(r.status).toBe(201);
    const scheduledAt = new Date(r.body.scheduledAt);
    expect(scheduledAt.getTime()).toBeGreaterThanOrEqual(before + 10 * 60_000);
    expect(r.body.message).toMatchObject({ status: 'queued', text: 'Seu pedido saiu para entrega.' });

    await at(new Date(scheduledAt.getTime() - 1000));
    expect(w.sandbox.sent.filter((m) => m.to === waId)).toEqual([]);
    await at(scheduledAt);
    await w.sandbox.waitForSent((m) => m.to === waId && m.text?.body === 'Seu pedido saiu para entrega.');

    // Once the conversation is closed there is nothing to wait for: the next active send goes at once.
    const close = await s.request('POST', `/api/v1/conversations/${conv.id}/close`, { token: w.agent.token, body: { folder: 'closed' } });
    expect(close.status).toBe(200);
    const now = await s.request('POST', '/api/v1/outbound-messages', { token: w.agent.token, body: { contactId: conv.contactId, channelId: w.channelId, serviceGroupId: w.groupId, text: 'Avalie nosso atendimento?' } });
    expect(now.status).toBe(201);
    expect(now.body.scheduledAt).toBeNull();
    await w.sandbox.waitForSent((m) => m.to === waId && m.text?.body === 'Avalie nosso atendimento?');
  });
});
