import type http from 'node:http';
import pg from 'pg';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { withPgTransaction } from '../db/pg-transaction';
import { SESSION_COOKIE, type Principal } from '../context';
import { cookieValue, originAllowed } from './handshake';
import { PgPublisher } from './pg-publisher';

export const REALTIME_PATH = '/realtime';
/** Attachment table of @socket.io/postgres-adapter (payloads over the NOTIFY size limit). */
export const ATTACHMENTS_TABLE = 'socket_io_attachments';

export const workspaceRoom = (workspaceId: string) => `ws:${workspaceId}`;
export const userRoom = (workspaceId: string, userId: string) => `user:${workspaceId}:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export interface SocketData {
  principal: Principal;
}
export type RealtimeServer = Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
export type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

export interface RealtimeOptions {
  /**
   * Omitted in a process that serves no HTTP (a `worker`): it accepts no connections but its
   * emits still reach the sockets of every other process through the adapter.
   */
  httpServer?: http.Server;
  pool: pg.Pool;
  /** When set, processes fan out through Redis pub/sub instead of PostgreSQL NOTIFY. */
  redisUrl?: string;
  log: Logger;
  authenticate: (token: string) => Promise<Principal | null>;
  /** Another origin allowed to connect (e.g. a separate web host); same-origin always is. */
  corsOrigin?: string | false;
}

export interface Realtime {
  readonly io: RealtimeServer;
  toWorkspace(workspaceId: string, event: string, payload: unknown): void;
  toUser(workspaceId: string, userId: string, event: string, payload: unknown): void;
  toRoom(room: string, event: string, payload: unknown): void;
  /** One emit to every socket in any of these rooms (each socket gets it once). */
  toRooms(rooms: string[], event: string, payload: unknown): void;
  onConnection(fn: (socket: RealtimeSocket) => void): void;
  /** Disconnects a user's sockets in every process (deactivated user, role change). */
  disconnectUser(workspaceId: string, userId: string): void;
  /** Disconnects one session's sockets in every process (logout, revoked session). */
  disconnectSession(sessionId: string): void;
  /** Closes sockets and the adapter; the HTTP server belongs to the caller and stays open. */
  close(): Promise<void>;
}

/**
 * socket.io on `/realtime`, websocket transport only: without long-polling a client's requests
 * never need to reach the same process, so no sticky sessions behind a load balancer. Clients
 * must connect with `transports: ['websocket']`.
 *
 * Events reach sockets held by other processes through the adapter: PostgreSQL LISTEN/NOTIFY
 * by default, Redis pub/sub when `redisUrl` is set.
 */
export async function createRealtime(opts: RealtimeOptions): Promise<Realtime> {
  const { log } = opts;
  const io: RealtimeServer = new Server(opts.httpServer, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    serveClient: false,
    cors: opts.corsOrigin ? { origin: opts.corsOrigin, credentials: true } : undefined,
    // No connectionStateRecovery: neither adapter (@socket.io/postgres-adapter 0.5,
    // @socket.io/redis-adapter 8) restores sessions, so clients refetch their state on reconnect.
  });

  const closeAdapter = opts.redisUrl
    ? await useRedisAdapter(io, opts.redisUrl, log)
    : await usePostgresAdapter(io, opts.pool, log);

  io.use(async (socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const explicit = typeof auth?.token === 'string' && auth.token ? auth.token : null;
    const cookie = explicit ? null : cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    // A browser attaches the cookie to any page's websocket: only trust it from our origin(s).
    if (cookie && !originAllowed(socket.handshake.headers, opts.corsOrigin || null)) {
      return next(new Error('unauthorized'));
    }
    const token = explicit ?? cookie;
    if (!token) return next(new Error('unauthorized'));
    let principal: Principal | null;
    try {
      principal = await opts.authenticate(token);
    } catch (err) {
      log.error({ err }, 'realtime authentication failed');
      return next(new Error('unavailable'));
    }
    if (!principal) return next(new Error('unauthorized'));
    if (principal.mustChangePassword) return next(new Error('password_change_required'));
    socket.data.principal = principal;
    next();
  });

  // Registered before any module's handler, so rooms are joined when those run.
  io.on('connection', (socket) => {
    const p = socket.data.principal;
    const rooms = [workspaceRoom(p.workspaceId), sessionRoom(p.sessionId)];
    if (p.userId) rooms.push(userRoom(p.workspaceId, p.userId));
    void socket.join(rooms);
  });

  let closing: Promise<void> | null = null;
  return {
    io,
    toWorkspace: (workspaceId, event, payload) => void io.to(workspaceRoom(workspaceId)).emit(event, payload),
    toUser: (workspaceId, userId, event, payload) => void io.to(userRoom(workspaceId, userId)).emit(event, payload),
    toRoom: (room, event, payload) => void io.to(room).emit(event, payload),
    toRooms: (rooms, event, payload) => void io.to(rooms).emit(event, payload),
    onConnection: (fn) => void io.on('connection', fn),
    disconnectUser: (workspaceId, userId) => io.in(userRoom(workspaceId, userId)).disconnectSockets(true),
    disconnectSession: (sessionId) => io.in(sessionRoom(sessionId)).disconnectSockets(true),
    close() {
      closing ??= (async () => {
        // Closing the transports (not a server-side disconnect) lets clients reconnect on
        // their own, to another process during a rolling restart.
        io.engine?.close(); // no engine without an HTTP server
        await io.of('/').adapter.close();
        await closeAdapter();
      })();
      return closing;
    },
  };
}

async function usePostgresAdapter(io: RealtimeServer, pool: pg.Pool, log: Logger) {
  // Platform-owned, not a Drizzle table: its shape is the adapter's. The lock keeps processes
  // starting together from racing on `create table if not exists`.
  await withPgTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock(7426004)');
    await client.query(`create table if not exists ${ATTACHMENTS_TABLE} (
      id bigserial unique, created_at timestamptz default now(), payload bytea)`);
  });

  // The adapter asks its "pool" for one connection to LISTEN on, keeps it for good, and gives
  // it back still listening. Taken from the app pool, that connection would be lost to it, and
  // an error on it (a restarted database) would have no listener and crash the process. So the
  // LISTEN connection is a dedicated client, and only queries (NOTIFY, attachments) use the pool.
  const listeners = new Set<pg.Client>();
  const publisher = new PgPublisher(pool, (err) => log.warn({ err }, 'realtime adapter error'));
  const source = {
    async connect() {
      const c = new pg.Client({ ...pool.options, application_name: 'atende-realtime' });
      c.on('error', (err) => log.warn({ err }, 'realtime listener connection error'));
      c.on('end', () => listeners.delete(c));
      listeners.add(c);
      publisher.dropOwn(c);
      await c.connect();
      return Object.assign(c, { release: () => void c.end().catch(() => {}) });
    },
    query: (text: string, values?: unknown[]) => pool.query(text, values),
  };
  const factory = createPostgresAdapter(source as unknown as pg.Pool, {
    tableName: ATTACHMENTS_TABLE,
    errorHandler: (err) => log.warn({ err }, 'realtime adapter error'),
  });
  io.adapter(function (nsp: unknown) {
    // The publisher batches the NOTIFYs, keeps emits in order, and lets local sockets go first (see pg-publisher.ts).
    const adapter = factory(nsp);
    publisher.install(adapter);
    return adapter;
  } as unknown as Parameters<RealtimeServer['adapter']>[0]);
  return async () => {
    await publisher.drain();
    // A reconnection in flight when the adapter closed would otherwise leave a client open.
    await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
  };
}

async function useRedisAdapter(io: RealtimeServer, url: string, log: Logger) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (err) => log.warn({ err }, 'realtime redis error'));
  sub.on('error', (err) => log.warn({ err }, 'realtime redis error'));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createRedisAdapter(pub, sub));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
