import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../test/test-server';
import { MIN, plus, useSimulatedClock } from '../../../test/simulated-clock';
import { servingFixture } from '../../../test/serving-fixture';
import { partOfDay } from '../business-hours';
import { INACTIVITY_WARNING } from '.';

const { world, settle, at, companyMessages: messagesOf } = useSimulatedClock();
let s: TestServer;
beforeAll(() => {
  s = world.s;
});
const companyMessages = (f: Awaited<ReturnType<typeof servingFixture>>, conversationId: string) => messagesOf(f.ws.token, conversationId);

describe('inactivity (ROUTE-4)', () => {
  it('10 minutes with a warning at 80%: warns at 8:00, closes at 10:00; a message at 7:59 restarts both', async () => {
    const f = await servingFixture(s, { groupExtra: { timers: { inactivityMinutes: 10, inactivityWarningPercent: 80 } } });
    const t0 = new Date(Date.now() - 1000);
    const contact = await f.contact();
    const { conversation } = await f.inbound(contact, 'Oi, preciso de ajuda', { receivedAt: t0 });
    await at(t0);
    let c = await f.conversation(conversation.id);
    expect(c.timers).toEqual([
      { kind: 'automation.inactivity-warning', dueAt: plus(t0, 8).toISOString() },
      { kind: 'automation.inactivity-close', dueAt: plus(t0, 10).toISOString() },
    ]);

    await at(plus(t0, 7.99));
    expect(await companyMessages(f, conversation.id)).toEqual([]);
    const t1 = plus(t0, 7.99);
    await f.inbound(contact, 'Ainda estou aqui', { receivedAt: t1 });
    await settle();
    c = await f.conversation(conversation.id);
    expect(c.timers.map((t: { dueAt: string }) => t.dueAt)).toEqual([plus(t1, 8).toISOString(), plus(t1, 10).toISOString()]);

    await at(plus(t0, 10));
    expect((await f.conversation(conversation.id)).status).toBe('queued');
    expect(await companyMessages(f, conversation.id)).toEqual([]);

    await at(new Date(plus(t1, 8).getTime() - 1));
    expect(await companyMessages(f, conversation.id)).toEqual([]);
    await at(plus(t1, 8));
    expect(await companyMessages(f, conversation.id)).toEqual([INACTIVITY_WARNING]);
    expect((await f.conversation(conversation.id)).status).toBe('queued');

    await at(plus(t1, 10));
    c = await f.conversation(conversation.id);
    expect(c).toMatchObject({ status: 'closed', closedAt: expect.any(String), timers: [] });
    await at(plus(t1, 60));
    expect(await companyMessages(f, conversation.id)).toEqual([INACTIVITY_WARNING]);
  });

  it('on the customer side only, the agent writing does not hold it open; with "both" it does', async () => {
    for (const scope of ['customer', 'both'] as const) {
      const f = await servingFixture(s, { agents: 1, groupExtra: { timers: { inactivityMinutes: 30, inactivityScope: scope } } });
      await f.online(f.agents[0].token);
      const t0 = new Date(Date.now() - 1000);
      const { conversation } = await f.inbound(await f.contact(), 'Olá', { receivedAt: t0 });
      await settle();
      await f.assigned(conversation.id);
      const reply = await s.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: f.agents[0].token, body: { text: 'Olá! Como posso ajudar?' } });
      expect(reply.status).toBe(201);
      await settle();
      const [close] = (await f.conversation(conversation.id)).timers;
      if (scope === 'customer') expect(close.dueAt).toBe(plus(t0, 30).toISOString());
      else expect(new Date(close.dueAt).getTime()).toBe(new Date(reply.body.createdAt).getTime() + 30 * MIN);
      await at(new Date(close.dueAt));
      const closed = await f.conversation(conversation.id);
      expect(closed.status, scope).toBe('closed');
    }
  });
});

describe('arrival messages (CHAN-6, ROUTE-5, ROUTE-6)', () => {
  it('out of business hours: the out-of-hours message, and the conversation waits in the queue', async () => {
    const f = await servingFixture(s);
    const hours = await s.request('POST', '/api/v1/business-hours', { token: f.ws.token, body: { name: 'Nunca', timeZone: 'America/Sao_Paulo' } });
    expect(hours.status).toBe(201);
    const patch = await s.request('PATCH', `/api/v1/channels/${f.channel.id}`, {
      token: f.ws.token,
      body: { settings: { businessHoursId: hours.body.id, outOfHoursMessage: 'Olá {{contact.name}}, estamos fora do horário. Protocolo {{protocol}}.', noAgentMessage: 'Ninguém disponível' } },
    });
    expect(patch.status).toBe(200);
    const { conversation } = await f.inbound(await f.contact('Ana'), 'Oi');
    await settle();
    expect(await companyMessages(f, conversation.id)).toEqual([`Olá Ana, estamos fora do horário. Protocolo ${conversation.protocol}.`]);
    expect((await f.conversation(conversation.id)).status).toBe('queued');
  });

  it('nobody available: the no-agent message once; the wait message at its interval while queued; none once assigned', async () => {
    const f = await servingFixture(s, { agents: 1, maxConversations: 1 });
    await s.request('PATCH', `/api/v1/channels/${f.channel.id}`, {
      token: f.ws.token,
      body: { settings: { noAgentMessage: 'Todos os atendentes estão ocupados.', waitMessage: 'Continue aguardando, {{contact.name}}. Você é o {{queue.position}}º da fila.', waitMessageIntervalMinutes: 5 } },
    });
    // Somebody online with room: no notice.
    await f.online(f.agents[0].token);
    const first = await f.inbound(await f.contact('Bia'), 'Oi');
    await settle();
    await f.assigned(first.conversation.id);
    expect(await companyMessages(f, first.conversation.id)).toEqual([]);

    // Now the only agent is full.
    const t0 = new Date();
    const contact = await f.contact('Caio');
    const { conversation } = await f.inbound(contact, 'Alô?', { receivedAt: t0 });
    await f.inbound(contact, 'Tem alguém?');
    await settle();
    expect(await companyMessages(f, conversation.id)).toEqual(['Todos os atendentes estão ocupados.']);
    const wait = (await f.conversation(conversation.id)).timers.find((t: { kind: string }) => t.kind === 'automation.wait-message');
    expect(wait.dueAt).toBe(plus(t0, 5).toISOString());

    await at(plus(t0, 5));
    await at(plus(t0, 10));
    expect(await companyMessages(f, conversation.id)).toEqual(['Todos os atendentes estão ocupados.', 'Continue aguardando, Caio. Você é o 1º da fila.', 'Continue aguardando, Caio. Você é o 1º da fila.']);

    // The agent frees a slot: the queued conversation is assigned and the wait stops.
    await s.request('POST', `/api/v1/conversations/${first.conversation.id}/close`, { token: f.agents[0].token, body: { folder: 'closed' } });
    await settle();
    await f.assigned(conversation.id);
    await at(plus(t0, 30));
    expect(await companyMessages(f, conversation.id)).toHaveLength(3);
    expect((await f.conversation(conversation.id)).timers).toEqual([]);
  });

  it('greets with the variant of the part of the day when an agent takes the conversation', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const greeting = { text: 'Olá!', morning: 'Bom dia, {{contact.name}}! Sou {{agent.name}}.', afternoon: 'Boa tarde, {{contact.name}}! Sou {{agent.name}}.', night: 'Boa noite, {{contact.name}}! Sou {{agent.name}}.' };
    await s.request('PATCH', `/api/v1/channels/${f.channel.id}`, { token: f.ws.token, body: { settings: { greeting } } });
    await f.online(f.agents[0].token);
    const { conversation } = await f.inbound(await f.contact('Davi'), 'Oi');
    await settle();
    const c = await f.assigned(conversation.id);
    await settle();
    const part = partOfDay(new Date(c.assignedAt), 'America/Sao_Paulo', { morningStart: '06:00:00', afternoonStart: '12:00:00', nightStart: '18:00:00' });
    expect(await companyMessages(f, conversation.id)).toEqual([greeting[part].replace('{{contact.name}}', 'Davi').replace('{{agent.name}}', c.assigneeName)]);
  });
});
