import { beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../../../test/test-server';
import { waitFor } from '../../../test/wait-for';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

function connect(token: string): Promise<Socket> {
  const socket = io(s.url, { path: '/realtime', transports: ['websocket'], auth: { token }, reconnection: false });
  return new Promise((ok, fail) => {
    socket.once('connect', () => ok(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      fail(e);
    });
  });
}

describe('realtime access', () => {
  it('accepts a logged-in user and refuses a bad token', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const socket = await connect(agent.token);
    expect(socket.connected).toBe(true);
    socket.close();
    await expect(connect('not-a-token')).rejects.toThrow('unauthorized');
  });

  it('disconnects a user on deactivation, after the change commits (outbox → realtime)', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const socket = await connect(agent.token);
    const other = await connect((await s.user(ws.workspaceId, 'agent')).token);
    let reason = '';
    socket.on('disconnect', (r) => (reason = r));
    expect((await s.request('POST', `/api/v1/users/${agent.id}/deactivate`, { token: ws.token })).status).toBe(200);
    await waitFor(() => reason !== '', { timeout: 10_000 });
    expect(reason).toBe('io server disconnect');
    expect(other.connected).toBe(true);
    other.close();
    await expect(connect(agent.token)).rejects.toThrow('unauthorized');
  });

  it('disconnects the session that logs out', async () => {
    const agent = await s.user(ws.workspaceId, 'agent');
    const socket = await connect(agent.token);
    let gone = false;
    socket.on('disconnect', () => (gone = true));
    expect((await s.request('POST', '/api/v1/auth/logout', { token: agent.token })).status).toBe(204);
    await waitFor(() => gone, { timeout: 10_000 });
  });
});
