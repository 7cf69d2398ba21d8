import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../test/test-server';
import { plus, useSimulatedClock } from '../../../test/simulated-clock';
import { servingFixture } from '../../../test/serving-fixture';
import { QUEUE_NOTICE_DELAY_MS } from './automation.service';
import { INACTIVITY_WARNING } from '.';

/** ROUTE-3/ROUTE-4 group timers and CHAN-6 window messages, on a simulated clock. */
const { world, settle, at, companyMessages } = useSimulatedClock();
let s: TestServer;
beforeAll(() => {
  s = world.s;
});

type Fixture = Awaited<ReturnType<typeof servingFixture>>;
const timerOf = async (f: Fixture, id: string, kind: string) =>
  ((await f.conversation(id)).timers as { kind: string; dueAt: string }[]).find((t) => t.kind === kind)?.dueAt ?? null;
const setChannel = (f: Fixture, settings: Record<string, unknown>) => s.request('PATCH', `/api/v1/channels/${f.channel.id}`, { token: f.ws.token, body: { settings } });

describe('automatic pending (ROUTE-3)', () => {
  it('an active conversation goes to pending N minutes after the customer last wrote, and the agent is free again', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { autoPendingMinutes: 15 } } });
    await f.online(f.agents[0].token);
    const contact = await f.contact('Eva');
    const { conversation } = await f.inbound(contact, 'Oi', { receivedAt: new Date(Date.now() - 1000) });
    await settle();
    const assigned = await f.assigned(conversation.id);
    await settle();
    const t0 = new Date(assigned.assignedAt);
    expect(await timerOf(f, conversation.id, 'automation.auto-pending')).toBe(plus(t0, 15).toISOString());

    // The customer writes at minute 10: the 15 minutes count from then.
    const t1 = plus(t0, 10);
    await at(t1);
    await f.inbound(contact, 'Só um momento, vou pegar o número do pedido', { receivedAt: t1 });
    await settle();
    await at(plus(t0, 15));
    expect((await f.conversation(conversation.id)).status).toBe('active');

    await at(plus(t1, 15));
    const c = await f.conversation(conversation.id);
    expect(c).toMatchObject({ status: 'pending', assigneeId: null });
    expect(c.timers).toEqual([]);
    const me = await s.request('GET', '/api/v1/me/agent-state', { token: f.agents[0].token });
    expect(me.body.activeCount).toBe(0);
  });
});

describe('agent answer time (ROUTE-4)', () => {
  it('an unanswered conversation goes to another agent, and never back to one who let it go', async () => {
    const f = await servingFixture(s, { agents: 2, groupExtra: { timers: { agentAnswerMinutes: 5 } } });
    await f.online(f.agents[0].token);
    await f.online(f.agents[1].token);
    const { conversation } = await f.inbound(await f.contact('Gil'), 'Oi, alguém aí?');
    await settle();
    const first = await f.assigned(conversation.id);
    await settle();
    const t0 = new Date(first.assignedAt);
    expect(await timerOf(f, conversation.id, 'automation.agent-answer')).toBe(plus(t0, 5).toISOString());

    await at(new Date(plus(t0, 5).getTime() - 1));
    expect((await f.conversation(conversation.id)).assigneeId).toBe(first.assigneeId);
    await at(plus(t0, 5));
    const second = await f.assigned(conversation.id);
    expect(second.assigneeId).not.toBe(first.assigneeId);

    // The second agent does not answer either: nobody is left who may have it, so it waits.
    await settle();
    await at(plus(new Date(second.assignedAt), 5));
    const c = await f.conversation(conversation.id);
    expect(c).toMatchObject({ status: 'queued', assigneeId: null });
    // It keeps its place in the queue: a requeue is not a new arrival.
    expect(c.queuedAt).toBe(first.queuedAt);
  });

  it('an answer in time stops the clock', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { agentAnswerMinutes: 5 } } });
    await f.online(f.agents[0].token);
    const { conversation } = await f.inbound(await f.contact('Hugo'), 'Bom dia');
    await settle();
    const c = await f.assigned(conversation.id);
    await settle();
    const reply = await s.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: f.agents[0].token, body: { text: 'Bom dia! Em que posso ajudar?' } });
    expect(reply.status).toBe(201);
    await settle();
    expect(await timerOf(f, conversation.id, 'automation.agent-answer')).toBeNull();
    await at(plus(new Date(c.assignedAt), 30));
    expect(await f.conversation(conversation.id)).toMatchObject({ status: 'active', assigneeId: f.agents[0].id });
  });
});

describe('queue position (ROUTE-3)', () => {
  it('by period: every N minutes each queued customer hears their place', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { queuePositionMinutes: 3 } } });
    await setChannel(f, { queuePositionMessage: '{{contact.name}}, sua posição na fila é {{queue.position}}.' });
    const t0 = new Date(Date.now() - 2000);
    const a = (await f.inbound(await f.contact('Ivo'), 'Oi', { receivedAt: t0 })).conversation;
    const b = (await f.inbound(await f.contact('Jade'), 'Olá', { receivedAt: plus(t0, 0.01) })).conversation;
    await settle();
    await at(plus(t0, 3.02));
    expect(await companyMessages(f.ws.token, a.id)).toEqual(['Ivo, sua posição na fila é 1.']);
    expect(await companyMessages(f.ws.token, b.id)).toEqual(['Jade, sua posição na fila é 2.']);
    await at(plus(t0, 6.02));
    expect(await companyMessages(f.ws.token, b.id)).toEqual(['Jade, sua posição na fila é 2.', 'Jade, sua posição na fila é 2.']);
  });

  it('on change (no period): whoever moved up hears the new place once', async () => {
    const f = await servingFixture(s, { agents: 1, maxConversations: 1 });
    await setChannel(f, { queuePositionMessage: 'Você agora é o {{queue.position}}º da fila.' });
    await f.online(f.agents[0].token);
    const first = (await f.inbound(await f.contact('Kim'), 'Oi')).conversation;
    await settle();
    await f.assigned(first.id);
    const second = (await f.inbound(await f.contact('Lia'), 'Oi')).conversation;
    const third = (await f.inbound(await f.contact('Max'), 'Oi')).conversation;
    await settle();
    await at(new Date(Date.now() + QUEUE_NOTICE_DELAY_MS + 1000));
    expect(await companyMessages(f.ws.token, second.id)).toEqual(['Você agora é o 1º da fila.']);
    expect(await companyMessages(f.ws.token, third.id)).toEqual(['Você agora é o 2º da fila.']);

    // The agent finishes the first: the second is served, the third moves up.
    await s.request('POST', `/api/v1/conversations/${first.id}/close`, { token: f.agents[0].token, body: { folder: 'closed' } });
    await settle();
    await f.assigned(second.id);
    await settle();
    await at(new Date(Date.now() + QUEUE_NOTICE_DELAY_MS + 1000));
    expect(await companyMessages(f.ws.token, third.id)).toEqual(['Você agora é o 2º da fila.', 'Você agora é o 1º da fila.']);
    expect(await companyMessages(f.ws.token, second.id)).toEqual(['Você agora é o 1º da fila.']);
  });
});

describe('reply-window warnings (ROUTE-4 partner, CHAN-6 expiration)', () => {
  it('pending: the expiration warning N minutes before the 24 h window closes; in service: the partner warning', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { partnerInactivityWarningMinutes: 30 } } });
    await setChannel(f, { expirationWarningMessage: 'Seu atendimento {{protocol}} vai expirar. Responda para continuar.', expirationWarningMinutes: 60 });
    await f.online(f.agents[0].token);
    const t0 = new Date(Date.now() - 1000);
    const window = { replyWindowHours: 24, receivedAt: t0 };
    const pending = (await f.inbound(await f.contact('Nina'), 'Oi', window)).conversation;
    const served = (await f.inbound(await f.contact('Otto'), 'Olá', window)).conversation;
    await settle();
    await f.assigned(pending.id);
    await f.assigned(served.id);
    expect(await timerOf(f, pending.id, 'automation.expiration-warning')).toBe(plus(t0, 23 * 60).toISOString());
    expect(await timerOf(f, pending.id, 'automation.partner-warning')).toBe(plus(t0, 23.5 * 60).toISOString());
    const closed = await s.request('POST', `/api/v1/conversations/${pending.id}/close`, { token: f.agents[0].token, body: { folder: 'pending' } });
    expect(closed.status).toBe(200);
    await settle();

    await at(plus(t0, 23 * 60));
    expect(await companyMessages(f.ws.token, pending.id)).toEqual([`Seu atendimento ${pending.protocol} vai expirar. Responda para continuar.`]);
    expect(await companyMessages(f.ws.token, served.id)).toEqual([]);
    await at(plus(t0, 23.5 * 60));
    expect(await companyMessages(f.ws.token, served.id)).toEqual([INACTIVITY_WARNING]);
    expect(await companyMessages(f.ws.token, pending.id)).toHaveLength(1);
    // After the window nothing more can be sent, and nothing is.
    await at(plus(t0, 25 * 60));
    expect(await companyMessages(f.ws.token, served.id)).toHaveLength(1);
  });

  it('a customer message moves both warnings with the window', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { partnerInactivityWarningMinutes: 30 } } });
    await setChannel(f, { expirationWarningMessage: 'Vai expirar', expirationWarningMinutes: 60 });
    const contact = await f.contact('Paulo');
    const t0 = new Date(Date.now() - 1000);
    const { conversation } = await f.inbound(contact, 'Oi', { replyWindowHours: 24, receivedAt: t0 });
    await settle();
    const t1 = plus(t0, 120);
    await at(t1);
    await f.inbound(contact, 'Ainda aguardo', { replyWindowHours: 24, receivedAt: t1 });
    await settle();
    expect(await timerOf(f, conversation.id, 'automation.partner-warning')).toBe(plus(t1, 23.5 * 60).toISOString());
    expect(await timerOf(f, conversation.id, 'automation.expiration-warning')).toBe(plus(t1, 23 * 60).toISOString());
    await at(plus(t0, 23.5 * 60));
    expect(await companyMessages(f.ws.token, conversation.id)).toEqual([]);
  });
});
