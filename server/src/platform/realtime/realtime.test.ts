import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { io as connectClient, type ManagerOptions, type Socket as ClientSocket, type SocketOptions } from 'socket.io-client';
import type { Principal } from '../context';
import { createPool } from '../db/client';
import { createTestDatabase } from '../../../test/database';
import { waitFor } from '../../../test/wait-for';
import { createRealtime } from './realtime';
import { cookieValue } from './handshake';

const log = pino({ level: 'silent' });
const A = randomUUID();
const B = randomUUID();

function principal(workspaceId: string, userId: string | null, extra: Partial<Principal> = {}): Principal {
  return {
    workspaceId,
    sessionId: randomUUID(),
    userId,
    credentialId: userId ? null : randomUUID(),
    role: 'agent',
    label: userId ?? 'api',
    mustChangePassword: false,
    ...extra,
  };
}

// Test input: which token stands for whom (the real lookup lives in the auth module).
const principals: Record<string, Principal> = {
  'tok-a1': principal(A, 'a1'),
  'tok-a2': principal(A, 'a2'),
  'tok-b1': principal(B, 'b1'),
  'tok-api': principal(A, null),
  'tok-pw': principal(A, 'a3', { mustChangePassword: true }),
};
async function authenticate(token: string) {
  if (token === 'tok-broken') throw new Error('database unavailable');
  return principals[token] ?? null;
}

let pool: pg.Pool;
const closers: (() => Promise<void>)[] = [];
const clients: ClientSocket[] = [];

beforeAll(async () => {
  pool = createPool(await createTestDatabase(), 4);
});

afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await pool.end();
});

async function instance(redisUrl?: string) {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rt = await createRealtime({ httpServer: server, pool, log, authenticate, redisUrl });
  closers.push(async () => {
    await rt.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as { port: number };
  return { rt, server, url: `http://127.0.0.1:${port}` };
}

type Received = { event: string; payload: unknown }[];

function client(url: string, opts: Partial<ManagerOptions & SocketOptions> = {}) {
  const socket = connectClient(url, {
    path: '/realtime',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...opts,
  });
  const received: Received = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  clients.push(socket);
  return { socket, received };
}

function outcome(socket: ClientSocket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

async function connected(url: string, token: string, opts: Partial<ManagerOptions & SocketOptions> = {}) {
  const c = client(url, { auth: { token }, ...opts });
  expect(await outcome(c.socket)).toBe('connected');
  return c;
}

const events = (r: Received, name: string) => r.filter((e) => e.event === name).map((e) => e.payload);

describe('realtime', () => {
  let one: Awaited<ReturnType<typeof instance>>;
  let two: Awaited<ReturnType<typeof instance>>;

  beforeAll(async () => {
    [one, two] = await Promise.all([instance(), instance()]);
  });

  it('refuses connections without a valid principal', async () => {
    expect(await outcome(client(one.url).socket)).toBe('unauthorized');
    expect(await outcome(client(one.url, { auth: { token: 'nobody' } }).socket)).toBe('unauthorized');
    expect(await outcome(client(one.url, { auth: { token: 'tok-pw' } }).socket)).toBe('password_change_required');
    expect(await outcome(client(one.url, { auth: { token: 'tok-broken' } }).socket)).toBe('unavailable');
  });

  it('accepts the session cookie from its own origin only', async () => {
    const cookie = 'theme=dark; atende_session=tok-a1';
    const plain = client(one.url, { extraHeaders: { cookie } });
    expect(await outcome(plain.socket)).toBe('connected');
    const sameOrigin = client(one.url, { extraHeaders: { cookie, origin: one.url } });
    expect(await outcome(sameOrigin.socket)).toBe('connected');
    const crossSite = client(one.url, { extraHeaders: { cookie, origin: 'https://evil.example' } });
    expect(await outcome(crossSite.socket)).toBe('unauthorized');
  });

  it('delivers user and workspace events to their own workspace only', async () => {
    const a1 = await connected(one.url, 'tok-a1');
    const a2 = await connected(one.url, 'tok-a2');
    const api = await connected(one.url, 'tok-api');
    const b1 = await connected(one.url, 'tok-b1');

    one.rt.toUser(A, 'a1', 'note', { for: 'a1' });
    one.rt.toWorkspace(A, 'changed', { ws: 'A' });
    // Emitted last from the same process: once it arrives, everything before it has too.
    one.rt.toWorkspace(A, 'barrier', {});
    one.rt.toWorkspace(B, 'barrier', {});
    await waitFor(() => [a1, a2, api, b1].every((c) => events(c.received, 'barrier').length === 1));

    expect(a1.received.map((e) => e.event)).toEqual(['note', 'changed', 'barrier']);
    expect(events(a1.received, 'note')).toEqual([{ for: 'a1' }]);
    expect(a2.received.map((e) => e.event)).toEqual(['changed', 'barrier']);
    expect(api.received.map((e) => e.event)).toEqual(['changed', 'barrier']);
    expect(b1.received.map((e) => e.event)).toEqual(['barrier']);
  });

  it("reaches this process's sockets without waiting for the database", async () => {
    const a1 = await connected(one.url, 'tok-a1');
    // Every pool connection busy elsewhere: the NOTIFY for other processes has to wait, the
    // local socket does not. (Its arrival, not its speed, is what this checks.)
    const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      one.rt.toUser(A, 'a1', 'while-busy', { n: 1 });
      one.rt.toUser(A, 'a1', 'while-busy', { n: 2 });
      await waitFor(() => events(a1.received, 'while-busy').length === 2);
      expect(events(a1.received, 'while-busy')).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      for (const c of held) c.release();
    }
  });

  it('delivers an event emitted by another process (PostgreSQL adapter)', async () => {
    const a1 = await connected(one.url, 'tok-a1');
    const b1 = await connected(one.url, 'tok-b1');

    // Repeated until the other process's LISTEN is up; what matters is that it arrives.
    await waitFor(() => {
      two.rt.toUser(A, 'a1', 'remote', { from: 'two' });
      return events(a1.received, 'remote').length > 0;
    }, { interval: 200 });
    two.rt.toRoom(`ws:${A}`, 'remote.room', { n: 1 });
    await waitFor(() => events(a1.received, 'remote.room').length === 1);

    expect(events(a1.received, 'remote')[0]).toEqual({ from: 'two' });
    expect(b1.received).toEqual([]);
  });

  it('emits from a process that serves no HTTP (a worker)', async () => {
    const worker = await createRealtime({ pool, log, authenticate });
    closers.push(() => worker.close());
    const a1 = await connected(one.url, 'tok-a1');

    await waitFor(() => {
      worker.toUser(A, 'a1', 'from-worker', { n: 1 });
      return events(a1.received, 'from-worker').length > 0;
    }, { interval: 200 });
    expect(events(a1.received, 'from-worker')[0]).toEqual({ n: 1 });
  });

  it('disconnects a user on every process', async () => {
    const a1 = await connected(one.url, 'tok-a1');
    const a2 = await connected(one.url, 'tok-a2');
    const reasons: string[] = [];
    a1.socket.on('disconnect', (reason) => reasons.push(reason));

    await waitFor(() => {
      two.rt.disconnectUser(A, 'a1');
      return reasons.length > 0;
    }, { interval: 200 });

    expect(reasons).toEqual(['io server disconnect']);
    one.rt.toWorkspace(A, 'still-here', {});
    await waitFor(() => events(a2.received, 'still-here').length === 1);
    expect(a2.socket.connected).toBe(true);
  });

  it('disconnects one session', async () => {
    const a1 = await connected(one.url, 'tok-a1');
    const a2 = await connected(one.url, 'tok-a2');

    one.rt.disconnectSession(principals['tok-a1'].sessionId);

    await waitFor(() => !a1.socket.connected);
    expect(a2.socket.connected).toBe(true);
  });

  it('re-authenticates and re-joins rooms when a client reconnects', async () => {
    const a1 = await connected(one.url, 'tok-a1', { reconnection: true, reconnectionDelay: 50 });
    let connects = 0;
    a1.socket.on('connect', () => (connects += 1));

    for (const socket of one.rt.io.sockets.sockets.values()) {
      if (socket.data.principal.userId === 'a1') socket.conn.close();
    }
    await waitFor(() => connects === 1 && a1.socket.connected);

    one.rt.toUser(A, 'a1', 'after-reconnect', {});
    await waitFor(() => events(a1.received, 'after-reconnect').length === 1);
  });

  it('keeps fanning out after the adapter loses its LISTEN connection', async () => {
    const a1 = await connected(one.url, 'tok-a1');
    await pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'atende-realtime' and datname = current_database()",
    );

    await waitFor(() => {
      two.rt.toUser(A, 'a1', 'after-drop', {});
      return events(a1.received, 'after-drop').length > 0;
    }, { interval: 250, timeout: 30_000 });
  });

  it('closes its sockets but leaves the HTTP server to its owner', async () => {
    const three = await instance();
    const a1 = await connected(three.url, 'tok-a1');
    const reasons: string[] = [];
    a1.socket.on('disconnect', (reason) => reasons.push(reason));

    await three.rt.close();

    await waitFor(() => reasons.length === 1);
    expect(reasons).toEqual(['transport close']);
    expect(three.server.listening).toBe(true);
  });
});

// Redis is optional in production; this runs where REDIS_URL names one (CI sets it).
if (process.env.REDIS_URL) {
  const redisUrl = process.env.REDIS_URL;
  describe('realtime over Redis', () => {
    it('delivers events and disconnects users across processes', async () => {
      const [one, two] = await Promise.all([instance(redisUrl), instance(redisUrl)]);
      const a1 = await connected(one.url, 'tok-a1');
      const b1 = await connected(one.url, 'tok-b1');
      const reasons: string[] = [];
      a1.socket.on('disconnect', (reason) => reasons.push(reason));

      await waitFor(() => {
        two.rt.toWorkspace(A, 'via-redis', { ok: true });
        return events(a1.received, 'via-redis').length > 0;
      }, { interval: 200 });
      expect(events(a1.received, 'via-redis')[0]).toEqual({ ok: true });

      two.rt.disconnectUser(A, 'a1');
      await waitFor(() => reasons.length === 1);
      expect(reasons).toEqual(['io server disconnect']);
      expect(b1.received).toEqual([]);
    });
  });
}

describe('cookieValue', () => {
  it('reads one cookie from a Cookie header', () => {
    expect(cookieValue('a=1; atende_session=abc%3D; b=2', 'atende_session')).toBe('abc=');
    expect(cookieValue('atende_session="quoted"', 'atende_session')).toBe('quoted');
    expect(cookieValue('xatende_session=1', 'atende_session')).toBeNull();
    expect(cookieValue(undefined, 'atende_session')).toBeNull();
    expect(cookieValue('atende_session=%E0%A4%A', 'atende_session')).toBeNull();
  });
});
