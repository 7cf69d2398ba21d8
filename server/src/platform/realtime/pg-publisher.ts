import type pg from 'pg';

/** @socket.io/postgres-adapter's defaults: its channel prefix and the NOTIFY payload limit it keeps under. */
const CHANNEL_PREFIX = 'socket.io';
const PAYLOAD_THRESHOLD = 8000;
/** Notifications per statement: bounded so one statement stays small. */
const MAX_BATCH = 500;

type Message = { nsp: string } & Record<string, unknown>;
/** The adapter's own pub/sub client; used for what needs a stored attachment (large or binary). */
interface AdapterClient {
  publish(message: Message): Promise<void>;
}
interface Entry {
  message: Message;
  /** The JSON to notify, or null when the adapter's client must store it first. */
  payload: string | null;
  client: AdapterClient;
  done: () => void;
}

/**
 * Publishes the adapter's messages for one process, in order, many NOTIFYs per statement.
 *
 * The adapter runs one `SELECT pg_notify` per emit, as its own transaction, and delivers even to
 * local sockets only after it returns. PostgreSQL serialises the commits of notifying
 * transactions under one lock, disk flush included: at a few milliseconds a flush, realtime
 * fell behind a few hundred emits a second. Here one statement carries everything emitted
 * while the previous one ran, with an asynchronous commit (a notification is not durable
 * anyway), and statements go one at a time, so emits still resolve, and reach other
 * processes, in the order they were made.
 */
export class PgPublisher {
  private readonly queue: Entry[] = [];
  private running = false;

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** `"uid":"…"` of each adapter of this process, as it appears in what they publish. */
  private readonly own: string[] = [];

  /**
   * Takes over `doPublish`/`doPublishResponse` of a PostgresAdapter instance. The adapter hands a
   * broadcast to this process's own sockets only once `doPublish` resolves, i.e. after a NOTIFY
   * got a pool connection and returned: with the pool busy (HTTP requests, the outbox) every local
   * emit waited for it — p50 36–58 ms, p99 160–260 ms from emit to socket against 7–9 / 46 ms
   * without the wait (100 sockets, a 20-connection pool kept busy). So it resolves at once: other
   * processes still get the emits in order through the queue, and local sockets get them in
   * order too (the adapter's continuations run in order). The offset it resolves with is unused
   * without connection-state recovery.
   */
  install(adapter: object) {
    const a = adapter as { uid: string; client: AdapterClient; doPublish: unknown; doPublishResponse: unknown };
    this.own.push(JSON.stringify({ uid: a.uid }).slice(1, -1));
    const client = a.client;
    a.doPublish = (message: Message) => {
      void this.publish(client, message);
      return Promise.resolve('');
    };
    a.doPublishResponse = (_requester: string, response: Message) => this.publish(client, response);
  }

  /**
   * The LISTEN connection hears this process's own notifications too, and the adapter parses each
   * whole before it sees whose it is and drops it. Drop them before that: the key and the random
   * uid never appear unescaped inside a JSON string value, so a match is the message's own uid.
   */
  dropOwn(listener: { emit: (event: string | symbol, ...args: unknown[]) => boolean }) {
    const emit = listener.emit.bind(listener);
    listener.emit = (event, ...args) => {
      const payload = event === 'notification' ? (args[0] as { payload?: string } | undefined)?.payload : undefined;
      if (payload && this.own.some((uid) => payload.includes(uid))) return true;
      return emit(event, ...args);
    };
  }

  /** Resolves once everything queued so far is published (before the pool closes). */
  async drain() {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  publish(client: AdapterClient, message: Message): Promise<void> {
    return new Promise((done) => {
      const payload = hasBinary(message) ? null : JSON.stringify(message);
      // Over the limit (or binary): the adapter stores it and notifies its id, in this turn.
      const small = payload !== null && Buffer.byteLength(payload) <= PAYLOAD_THRESHOLD;
      this.queue.push({ message, payload: small ? payload : null, client, done });
      void this.run();
    });
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0];
        if (head.payload === null) {
          // Alone in its turn, so what follows still goes after it (the client reports its own errors).
          this.queue.shift();
          await head.client.publish(head.message);
          head.done();
          continue;
        }
        const batch = this.takeBatch();
        try {
          // One JSON parameter: a text[] literal would escape every payload character by character.
          await this.pool.query(
            `select set_config('synchronous_commit', 'off', true), pg_notify(n.c, n.p) from json_to_recordset($1::json) as n(c text, p text)`,
            [JSON.stringify(batch.map((e) => ({ c: `${CHANNEL_PREFIX}#${e.message.nsp}`, p: e.payload })))],
          );
        } catch (err) {
          // Like the adapter: a failed publish is reported, local sockets still get the emit.
          this.onError(err);
        }
        for (const e of batch) e.done();
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Consecutive small messages. PostgreSQL folds identical notifications of one transaction into
   * one, so a repeated (channel, payload) waits for the next statement.
   */
  private takeBatch(): Entry[] {
    const batch: Entry[] = [];
    const seen = new Set<string>();
    while (batch.length < MAX_BATCH && this.queue.length > 0 && this.queue[0].payload !== null) {
      const key = `${this.queue[0].message.nsp}\n${this.queue[0].payload}`;
      if (seen.has(key)) break;
      seen.add(key);
      batch.push(this.queue.shift()!);
    }
    return batch;
  }
}

function hasBinary(v: unknown, depth = 0): boolean {
  if (!v || typeof v !== 'object' || depth > 20) return false;
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return true;
  if (Array.isArray(v)) return v.some((x) => hasBinary(x, depth + 1));
  const o = v as { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return hasBinary(o.toJSON(), depth + 1);
  return Object.values(v).some((x) => hasBinary(x, depth + 1));
}
