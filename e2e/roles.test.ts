import { afterAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase } from '../server/test/database';
import { waitFor } from '../server/test/wait-for';
import { api } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * ATENDE_ROLE split over real processes on one PostgreSQL: a `web` process serves HTTP
 * and sockets but dispatches nothing; a `worker` dispatches the outbox, and its realtime
 * emits reach the web process's sockets through the PostgreSQL adapter.
 */
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) {
    if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await p.exited;
  }
});

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { path: '/realtime', transports: ['websocket'], auth: { token }, reconnection: false });
  return new Promise((ok, fail) => {
    socket.once('connect', () => ok(socket));
    socket.once('connect_error', fail);
  });
}

describe('web and worker processes', () => {
  it('the worker dispatches what the web process commits, and reaches its sockets', { timeout: 180_000 }, async () => {
    const DATABASE_URL = await createTestDatabase();
    const common = {
      DATABASE_URL,
      SECRET_KEY: 'a-shared-secret-key-for-every-process-0123456789',
      ATENDE_BOOTSTRAP_WORKSPACE: 'Dois Processos',
      ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin.roles',
      ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Roles@2026x',
    };
    const web = await startServerProcess({ ...common, ATENDE_ROLE: 'web' });
    running.push(web);
    const admin = (await api(web.url, 'POST', '/api/v1/auth/login', { login: 'admin.roles', password: 'Roles@2026x' })).body.token;
    const created = await api(web.url, 'POST', '/api/v1/users', {
      login: 'agente.roles', displayName: 'Agente', role: 'agent', password: 'Agente@2026', mustChangePassword: false,
    }, admin);
    expect(created.status).toBe(201);
    const agentToken = (await api(web.url, 'POST', '/api/v1/auth/login', { login: 'agente.roles', password: 'Agente@2026' })).body.token;
    const socket = await connect(web.url, agentToken);
    let disconnected = false;
    socket.on('disconnect', () => (disconnected = true));

    // Only a web process runs: the deactivation commits, its event waits in the outbox.
    expect((await api(web.url, 'POST', `/api/v1/users/${created.body.id}/deactivate`, undefined, admin)).status).toBe(200);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const pending = () =>
      client.query(`select count(*)::int as n from outbox_events where type = 'user.access_revoked' and dispatched_at is null`);
    expect((await pending()).rows[0].n).toBe(1);
    expect(socket.connected).toBe(true);

    // A worker starts, dispatches it, and the web process's socket is disconnected.
    const worker = await startServerProcess({ ...common, ATENDE_ROLE: 'worker' });
    running.push(worker);
    await waitFor(() => disconnected, { timeout: 30_000 });
    expect((await pending()).rows[0].n).toBe(0);
    await client.end();
  });
});
