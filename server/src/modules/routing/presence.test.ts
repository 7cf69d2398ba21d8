import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { servingFixture } from '../../../test/serving-fixture';
import { waitFor } from '../../../test/wait-for';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('presence and pauses (ROUTE-7)', () => {
  it('a paused agent receives nothing; a pause without reason lasts 15 minutes; resuming brings conversations', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const agent = f.agents[0];
    expect((await s.request('POST', '/api/v1/me/pause', { token: agent.token, body: {} })).status).toBe(409); // offline
    await f.online(agent.token);
    const paused = await s.request('POST', '/api/v1/me/pause', { token: agent.token, body: {} });
    const minutes = (new Date(paused.body.pausedUntil).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const { conversation } = await f.inbound(await f.contact(), 'oi');
    await s.atende.outbox!.drain();
    expect((await f.conversation(conversation.id)).status).toBe('queued');
    const resumed = await s.request('DELETE', '/api/v1/me/pause', { token: agent.token });
    expect(resumed.body.pausedUntil).toBeNull();
    expect((await f.assigned(conversation.id)).assigneeId).toBe(agent.id);
  });

  it('a pause reason sets the length; its timer ends the pause and routing resumes', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const agent = f.agents[0];
    const reason = await s.request('POST', '/api/v1/pause-reasons', { token: f.ws.token, body: { name: 'Almoço', minutes: 60 } });
    await f.online(agent.token);
    const paused = await s.request('POST', '/api/v1/me/pause', { token: agent.token, body: { reasonId: reason.body.id } });
    expect(paused.body.pauseReasonId).toBe(reason.body.id);
    expect(Math.round((new Date(paused.body.pausedUntil).getTime() - Date.now()) / 60_000)).toBe(60);
    const bad = await s.request('POST', '/api/v1/me/pause', { token: agent.token, body: { reasonId: '00000000-0000-4000-8000-000000000000' } });
    expect(bad.body.error.fields[0].path).toBe('reasonId');

    const { conversation } = await f.inbound(await f.contact(), 'oi');
    // The pause is due: its timer (sent now instead of in an hour) ends it.
    await s.atende.db.execute(sql`update agent_states set paused_until = now() - interval '1 second' where user_id = ${agent.id}`);
    await s.atende.deps.jobs.send('agent.pause-end', { workspaceId: f.ws.workspaceId, userId: agent.id });
    expect((await f.assigned(conversation.id)).assigneeId).toBe(agent.id);
    expect((await s.request('GET', '/api/v1/me/agent-state', { token: agent.token })).body).toMatchObject({ pausedUntil: null, activeCount: 1 });
  });
});

describe('redistribution when an agent goes offline (ROUTE-3)', () => {
  it('returns the conversations to the queue, where another agent gets them', async () => {
    const f = await servingFixture(s, { agents: 2 });
    const [ana, bia] = f.agents;
    await f.online(ana.token);
    const { conversation } = await f.inbound(await f.contact(), 'oi');
    expect((await f.assigned(conversation.id)).assigneeId).toBe(ana.id);
    await f.online(bia.token);
    await s.request('PUT', '/api/v1/me/presence', { token: ana.token, body: { status: 'offline' } });
    expect((await f.assigned(conversation.id)).assigneeId).toBe(bia.id);
  });

  it('closes them when the group does not redirect', async () => {
    const f = await servingFixture(s, { agents: 1, groupExtra: { settings: { redirectOnDisconnect: false } } });
    await f.online(f.agents[0].token);
    const { conversation } = await f.inbound(await f.contact(), 'oi');
    await f.assigned(conversation.id);
    await s.request('PUT', '/api/v1/me/presence', { token: f.agents[0].token, body: { status: 'offline' } });
    expect((await f.conversation(conversation.id)).status).toBe('closed');
  });

  it('takes an agent offline when their workspace connection is gone past the grace period', async () => {
    const f = await servingFixture(s, { agents: 1 });
    const agent = f.agents[0];
    await f.online(agent.token);
    const socket = io(s.url, { path: '/realtime', transports: ['websocket'], auth: { token: agent.token }, reconnection: false });
    await new Promise<void>((ok) => socket.once('connect', () => ok()));
    socket.close();
    // The grace-period timer, sent now instead of in a minute.
    await s.atende.deps.jobs.send('agent.disconnected', { workspaceId: f.ws.workspaceId, userId: agent.id });
    await waitFor(async () => (await s.request('GET', '/api/v1/me/agent-state', { token: agent.token })).body.presence === 'offline');
  });
});

describe('agent state on screens', () => {
  it('pushes each agent its state and load, and the supervisors too; changes waiting together go out as one current state', async () => {
    const f = await servingFixture(s, { agents: 2 });
    const [ana, bia] = f.agents;
    const pushes: { to: string; userId?: string; activeCount: number; pausedUntil: string | null }[] = [];
    const listen = (token: string, to: string) => {
      const socket = io(s.url, { path: '/realtime', transports: ['websocket'], auth: { token }, reconnection: false });
      socket.on('agent.updated', (p: { userId?: string; state: { activeCount: number; pausedUntil: string | null } }) =>
        pushes.push({ to, userId: p.userId, activeCount: p.state.activeCount, pausedUntil: p.state.pausedUntil }));
      return new Promise<typeof socket>((ok) => socket.once('connect', () => ok(socket)));
    };
    const sockets = await Promise.all([listen(ana.token, 'ana'), listen(f.ws.token, 'admin')]);
    await f.online(ana.token);
    await f.online(bia.token);
    for (let i = 0; i < 4; i++) await f.assigned((await f.inbound(await f.contact(), 'oi')).conversation.id);
    await s.atende.outbox!.drain();
    const load = async (token: string) => (await s.request('GET', '/api/v1/me/agent-state', { token })).body.activeCount as number;
    const [anaLoad, biaLoad] = [await load(ana.token), await load(bia.token)];
    expect(anaLoad + biaLoad).toBe(4);
    await waitFor(() => pushes.filter((p) => p.to === 'ana').at(-1)?.activeCount === anaLoad);
    await waitFor(() => pushes.filter((p) => p.to === 'admin' && p.userId === bia.id).at(-1)?.activeCount === biaLoad);

    // Ana pauses and resumes while nothing is dispatched: two changes, one push of where she is now.
    await s.atende.outbox!.stop();
    pushes.length = 0;
    expect((await s.request('POST', '/api/v1/me/pause', { token: ana.token, body: {} })).status).toBe(200);
    expect((await s.request('DELETE', '/api/v1/me/pause', { token: ana.token })).status).toBe(200);
    await s.atende.outbox!.start();
    await s.atende.outbox!.drain();
    await waitFor(() => pushes.some((p) => p.to === 'ana'));
    expect(pushes.filter((p) => p.to === 'ana')).toEqual([{ to: 'ana', userId: undefined, activeCount: anaLoad, pausedUntil: null }]);
    for (const socket of sockets) socket.close();
  });
});
