import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../test/test-server';
import { useSimulatedClock } from '../../../test/simulated-clock';
import { servingFixture } from '../../../test/serving-fixture';
import { timersOf } from '../../platform/timers/timers';

/** Group rules routing obeys (ROUTE-3 priority service, ROUTE-5 business hours and the reply window). */
const { world, settle, at } = useSimulatedClock();
let s: TestServer;
beforeAll(() => {
  s = world.s;
});

const weekday = (d: Date) => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'America/Sao_Paulo' }).format(d).toLowerCase();

describe('priority service to the wallet agent (ROUTE-3)', () => {
  it('a priority contact goes straight to their wallet agent; without the setting the strategy decides', async () => {
    for (const priorityToWalletAgent of [true, false]) {
      const f = await servingFixture(s, { agents: 3, strategy: 'circular', groupExtra: { settings: { priorityToWalletAgent } } });
      for (const a of f.agents) await f.online(a.token);
      // Circular starts from the lowest id: make the wallet agent the one it would pick last.
      const wallet = [...f.agents].sort((a, b) => a.id.localeCompare(b.id))[2];
      const contact = await f.contact('Cliente VIP');
      const patch = await s.request('PATCH', `/api/v1/contacts/${contact}`, { token: f.ws.token, body: { priority: 5, walletAgentId: wallet.id } });
      expect(patch.status).toBe(200);
      expect(patch.body).toMatchObject({ priority: 5, walletAgentId: wallet.id });
      const { conversation } = await f.inbound(contact, 'Oi');
      await settle();
      const c = await f.assigned(conversation.id);
      if (priorityToWalletAgent) expect(c.assigneeId).toBe(wallet.id);
      else expect(c.assigneeId).not.toBe(wallet.id);
    }
  });

  it('a wallet agent who is offline does not hold the customer: the group serves them', async () => {
    const f = await servingFixture(s, { agents: 2, groupExtra: { settings: { priorityToWalletAgent: true } } });
    await f.online(f.agents[0].token);
    const contact = await f.contact('Cliente VIP');
    await s.request('PATCH', `/api/v1/contacts/${contact}`, { token: f.ws.token, body: { priority: 5, walletAgentId: f.agents[1].id } });
    const { conversation } = await f.inbound(contact, 'Oi');
    await settle();
    expect((await f.assigned(conversation.id)).assigneeId).toBe(f.agents[0].id);
  });

  it('refuses a wallet agent who is not an agent of the workspace, naming the field', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const contact = await f.contact();
    const r = await s.request('PATCH', `/api/v1/contacts/${contact}`, { token: f.ws.token, body: { walletAgentId: f.ws.adminId } });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ path: 'walletAgentId', message: 'agent not found' }]);
  });
});

describe("the group's business hours (ROUTE-5)", () => {
  it('a closed group keeps its queue even with agents online, and distributes at the opening', async () => {
    // Open only tomorrow (São Paulo), 08:00–18:00.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const f = await servingFixture(s, { agents: 1 });
    const schedule = await s.request('POST', '/api/v1/business-hours', {
      token: f.ws.token,
      body: { name: 'Amanhã', timeZone: 'America/Sao_Paulo', weekly: { [weekday(tomorrow)]: [{ start: '08:00', end: '18:00' }] } },
    });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    await s.request('PATCH', `/api/v1/service-groups/${f.group.id}`, { token: f.ws.token, body: { settings: { businessHoursId: schedule.body.id } } });
    await f.online(f.agents[0].token);
    const { conversation } = await f.inbound(await f.contact('Rui'), 'Oi');
    await settle();
    expect((await f.conversation(conversation.id)).status).toBe('queued');

    const [timer] = await timersOf(s.atende.db, f.ws.workspaceId, [f.group.id]);
    expect(timer.kind).toBe('routing.opening');
    const opening = timer.dueAt;
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Sao_Paulo', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(opening);
    expect(local.toLowerCase()).toBe(`${weekday(tomorrow)} 08:00`);

    await at(new Date(opening.getTime() - 1000));
    expect((await f.conversation(conversation.id)).status).toBe('queued');
    await at(opening);
    expect((await f.conversation(conversation.id)).assigneeId).toBe(f.agents[0].id);
  });
});

describe('the reply window in routing (ROUTE-5)', () => {
  it('a queued conversation whose 24 h window closed is not given to an agent who logs in', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const old = new Date(Date.now() - 25 * 3600_000);
    const stale = (await f.inbound(await f.contact('Sol'), 'Oi', { replyWindowHours: 24, receivedAt: old })).conversation;
    const fresh = (await f.inbound(await f.contact('Tom'), 'Oi', { replyWindowHours: 24 })).conversation;
    await settle();
    await f.online(f.agents[0].token);
    await settle();
    expect((await f.assigned(fresh.id)).assigneeId).toBe(f.agents[0].id);
    expect((await f.conversation(stale.id)).status).toBe('queued');
  });
});
