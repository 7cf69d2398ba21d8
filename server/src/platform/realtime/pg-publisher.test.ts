import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import pino from 'pino';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import type { Principal } from '../context';
import { createPool } from '../db/client';
import { createTestDatabase } from '../../../test/database';
import { waitFor } from '../../../test/wait-for';
import { createRealtime, userRoom, workspaceRoom, type Realtime } from './realtime';

/** The PostgreSQL adapter's publishing as PgPublisher does it: batched NOTIFYs, same order, nothing folded. */

const W = randomUUID();
const principal = (userId: string): Principal => ({ workspaceId: W, sessionId: randomUUID(), userId, credentialId: null, role: 'agent', label: userId, mustChangePassword: false });

let pool: pg.Pool;
const closers: (() => Promise<void>)[] = [];
const clients: ClientSocket[] = [];

beforeAll(async () => {
  pool = createPool(await createTestDatabase(), 4);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  for (const close of closers.reverse()) await close();
  await pool.end();
});

async function instance(): Promise<{ rt: Realtime; url: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rt = await createRealtime({ httpServer: server, pool, log: pino({ level: 'silent' }), authenticate: async (token) => principal(token) });
  closers.push(async () => {
    await rt.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { rt, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

async function listen(url: string, userId: string) {
  const socket = connectClient(url, { path: '/realtime', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: userId } });
  clients.push(socket);
  const got: unknown[] = [];
  socket.on('tick', (p: unknown) => got.push(p));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return got;
}

describe('publishing through PostgreSQL', () => {
  let one: Awaited<ReturnType<typeof instance>>;
  let two: Awaited<ReturnType<typeof instance>>;
  beforeAll(async () => {
    [one, two] = await Promise.all([instance(), instance()]);
  });

  it('a burst reaches sockets of this process and of another in emission order, repeats included', async () => {
    const here = await listen(one.url, 'u1');
    const there = await listen(two.url, 'u2');
    const sent: unknown[] = [];
    for (let i = 0; i < 300; i++) {
      // Two identical emits in a row: PostgreSQL folds equal notifications of one transaction.
      const payload = { i: Math.floor(i / 2) * 2, text: 'x'.repeat(i % 7) };
      sent.push(payload);
      one.rt.toWorkspace(W, 'tick', payload);
    }
    await waitFor(() => here.length === sent.length && there.length === sent.length, { message: 'every tick on both sides' });
    expect(here).toEqual(sent);
    expect(there).toEqual(sent);
  });

  it('a payload over the NOTIFY limit keeps its place among small ones here, and reaches the other process too', async () => {
    const here = await listen(one.url, 'u3');
    const there = await listen(two.url, 'u3');
    const sent = [{ n: 1 }, { n: 2, big: 'y'.repeat(20_000) }, { n: 3 }];
    for (const p of sent) one.rt.toRoom(userRoom(W, 'u3'), 'tick', p);
    await waitFor(() => here.length === sent.length && there.length === sent.length);
    expect(here).toEqual(sent);
    // The receiving adapter fetches a stored payload before delivering it, while later small
    // ones go straight through: across processes only their arrival is guaranteed.
    expect(there).toEqual(expect.arrayContaining(sent));
  });

  it('one emit to several rooms reaches each socket once', async () => {
    const both = await listen(two.url, 'u4');
    one.rt.toRooms([userRoom(W, 'u4'), workspaceRoom(W)], 'tick', { once: true });
    one.rt.toRoom(userRoom(W, 'u4'), 'tick', { barrier: true });
    await waitFor(() => both.some((p) => (p as { barrier?: boolean }).barrier));
    expect(both.filter((p) => (p as { once?: boolean }).once)).toHaveLength(1);
  });
});
