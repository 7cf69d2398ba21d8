import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { servingFixture } from '../../../test/serving-fixture';
import { waitFor } from '../../../test/wait-for';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('a conversation from arrival to close', () => {
  it('queues while nobody is online, goes to the agent who comes online, and keeps its history through a transfer', async () => {
    const f = await servingFixture(s);
    const [ana, bia] = f.agents;
    const contactId = await f.contact('Maria');
    const first = await f.inbound(contactId, 'Olá, preciso de ajuda');
    expect(first.conversation.status).toBe('queued');
    expect(first.conversation.protocol).toMatch(/^\d{8}-\d{6}$/);
    await s.atende.outbox!.drain();
    expect((await f.conversation(first.conversation.id)).status).toBe('queued');

    expect((await f.online(ana.token)).body.presence).toBe('online');
    const c = await f.assigned(first.conversation.id);
    expect(c.assigneeId).toBe(ana.id);
    expect(c.unreadCount).toBe(1);

    const mine = await s.request('GET', '/api/v1/conversations?status=active', { token: ana.token });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await s.request('GET', `/api/v1/conversations/${c.id}`, { token: bia.token })).status).toBe(404);

    const sent = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: ana.token, body: { text: 'Oi Maria!', clientMessageId: 'a1' } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'out', kind: 'message', authorName: expect.any(String) });
    const again = await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: ana.token, body: { text: 'Oi Maria!', clientMessageId: 'a1' } });
    expect(again.body.id).toBe(sent.body.id);
    await s.request('POST', `/api/v1/conversations/${c.id}/messages`, { token: ana.token, body: { note: 'cliente VIP' } });
    expect((await s.request('POST', `/api/v1/conversations/${c.id}/read`, { token: ana.token })).status).toBe(204);

    // Bia is offline: refused, naming the field; then online: accepted.
    const refused = await s.request('POST', `/api/v1/conversations/${c.id}/transfer`, { token: ana.token, body: { agentId: bia.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'agentId', message: 'agent is offline' });
    await f.online(bia.token);
    const moved = await s.request('POST', `/api/v1/conversations/${c.id}/transfer`, { token: ana.token, body: { agentId: bia.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeId).toBe(bia.id);
    expect((await s.request('GET', `/api/v1/conversations/${c.id}`, { token: ana.token })).status).toBe(404);

    const history = await s.request('GET', `/api/v1/conversations/${c.id}/messages`, { token: bia.token });
    expect(history.body.items.map((m: { text: string; kind: string }) => [m.kind, m.text])).toEqual([
      ['message', 'Olá, preciso de ajuda'],
      ['message', 'Oi Maria!'],
      ['note', 'cliente VIP'],
    ]);

    const closed = await s.request('POST', `/api/v1/conversations/${c.id}/close`, { token: bia.token, body: { folder: 'closed', comment: 'resolvido' } });
    expect(closed.body).toMatchObject({ status: 'closed', assigneeId: null, closeComment: 'resolvido' });
    // After *closed*, the next message opens a new conversation.
    const next = await f.inbound(contactId, 'Mais uma coisa');
    expect(next.conversation.id).not.toBe(c.id);
    const timeline = await s.request('GET', `/api/v1/contacts/${contactId}/timeline`, { token: f.ws.token });
    expect(timeline.body.items.map((t: { protocol: string }) => t.protocol)).toEqual([next.conversation.protocol, c.protocol]);
  });

  it('reopens a pending conversation when the customer writes within 24 h, and not after', async () => {
    const f = await servingFixture(s, { agents: 1 });
    await f.online(f.agents[0].token);
    const contactId = await f.contact();
    const { conversation } = await f.inbound(contactId, 'oi');
    await f.assigned(conversation.id);
    await s.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: f.agents[0].token, body: { folder: 'pending' } });
    // It left the agent's active list but stays in their pending folder; supervisors see it too.
    expect((await s.request('GET', '/api/v1/conversations?status=active', { token: f.agents[0].token })).body.items).toEqual([]);
    const pending = await s.request('GET', '/api/v1/conversations?status=pending', { token: f.agents[0].token });
    expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    const supervisor = await s.user(f.ws.workspaceId, 'supervisor');
    const all = await s.request('GET', '/api/v1/conversations?status=pending', { token: supervisor.token });
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
    const back = await f.inbound(contactId, 'voltei');
    expect(back.conversation.id).toBe(conversation.id);
    expect((await f.assigned(conversation.id)).assigneeId).toBe(f.agents[0].id);

    await s.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: f.agents[0].token, body: { folder: 'pending' } });
    await s.atende.db.execute(sql`update conversations set last_customer_message_at = now() - interval '25 hours' where id = ${conversation.id}`);
    const late = await f.inbound(contactId, 'dias depois');
    expect(late.conversation.id).not.toBe(conversation.id);
    expect((await f.conversation(conversation.id)).status).toBe('expired');
  });

  it('expires queued and pending conversations 24 h after the customer last wrote (AGENT-5)', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const contactId = await f.contact();
    const { conversation } = await f.inbound(contactId, 'alguém?');
    await s.atende.db.execute(sql`update conversations set last_customer_message_at = now() - interval '24 hours 1 minute' where id = ${conversation.id}`);
    await s.atende.deps.jobs.send('conversations.expire', {});
    await waitFor(async () => (await f.conversation(conversation.id)).status === 'expired');
  });
});

describe('bad input changes nothing', () => {
  it('refuses unknown ids, disallowed groups, a missing required classification, and sending to a closed conversation', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const other = await s.request('POST', '/api/v1/service-groups', { token: f.ws.token, body: { name: 'Não permitido' } });
    const root = await s.request('POST', '/api/v1/classifications', { token: f.ws.token, body: { name: 'Atendimento' } });
    const reason = await s.request('POST', '/api/v1/classifications', { token: f.ws.token, body: { name: 'Dúvida', parentId: root.body.id } });
    const elsewhere = await s.request('POST', '/api/v1/classifications', { token: f.ws.token, body: { name: 'Outra árvore' } });
    const set = await s.request('PATCH', `/api/v1/service-groups/${f.group.id}`, { token: f.ws.token, body: { classificationId: root.body.id, classificationRequired: true } });
    expect(set.status).toBe(200);
    const agent = f.agents[0];
    await f.online(agent.token);
    const { conversation } = await f.inbound(await f.contact(), 'oi');
    await f.assigned(conversation.id);
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expect((await s.request('POST', `/api/v1/conversations/${nowhere}/close`, { token: agent.token, body: { folder: 'closed' } })).status).toBe(404);
    const group = await s.request('POST', `/api/v1/conversations/${conversation.id}/transfer`, { token: agent.token, body: { serviceGroupId: other.body.id } });
    expect(group.status).toBe(400);
    expect(group.body.error.fields[0].path).toBe('serviceGroupId');
    const noClass = await s.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: agent.token, body: { folder: 'closed' } });
    expect(noClass.status).toBe(400);
    expect(noClass.body.error.fields[0].path).toBe('classificationId');
    for (const classificationId of [nowhere, elsewhere.body.id]) {
      const foreign = await s.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: agent.token, body: { folder: 'closed', classificationId } });
      expect(foreign.body.error.fields[0].path).toBe('classificationId');
    }
    const c = await f.conversation(conversation.id);
    expect(c).toMatchObject({ status: 'active', assigneeId: agent.id, serviceGroupId: f.group.id });

    const ok = await s.request('POST', `/api/v1/conversations/${conversation.id}/close`, { token: agent.token, body: { folder: 'closed', classificationId: reason.body.id } });
    expect(ok.body).toMatchObject({ status: 'closed', classificationId: reason.body.id });
    const late = await s.request('POST', `/api/v1/conversations/${conversation.id}/messages`, { token: agent.token, body: { text: 'oi?' } });
    expect(late.status).toBe(403);
  });
});
