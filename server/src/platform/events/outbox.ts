import pg from 'pg';
import type { Logger } from 'pino';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { PgListener } from '../db/listener';
import { outboxEvents, processedEvents } from './outbox.schema';
import { anyOf } from '../db/any-of';

/** PostgreSQL NOTIFY channel that wakes dispatchers when an event commits. */
export const OUTBOX_CHANNEL = 'atende_outbox';

export interface OutboxEvent {
  id: number;
  workspaceId: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface NewOutboxEvent {
  workspaceId: string;
  type: string;
  payload: Record<string, unknown>;
}

export type OutboxHandler = (event: OutboxEvent, tx: Executor) => Promise<void>;
/** Takes a workspace's events of one dispatch batch at once (in order); on failure each is retried alone. */
export type OutboxBatchHandler = (events: OutboxEvent[], tx: Executor) => Promise<void>;

export interface HandlerOptions {
  /** Events this handler does not want are passed over without a transaction or a mark. */
  when?: (event: OutboxEvent) => boolean;
  /**
   * The handler only reads and pushes to sockets: it changes nothing. Such handlers run beside
   * the batch's other ones (in their own lane, in order among themselves), so a message reaches
   * its agent without waiting for the batch's routing and automation; they run without a
   * transaction or a `processed_events` mark, so a push may repeat (see `run`).
   */
  pushOnly?: boolean;
}

/**
 * Records an event in the caller's transaction. Pass the transaction, not the db: the row and
 * the change it describes must commit (or roll back) together. NOTIFY is transactional too —
 * PostgreSQL delivers it only at commit — so listeners never hear of a rolled-back event.
 */
export async function emitEvent(tx: Executor, e: NewOutboxEvent): Promise<void> {
  await emitEvents(tx, [e]);
}

/** Several events in one insert; ids (and so dispatch order) follow the array order. */
export async function emitEvents(tx: Executor, events: NewOutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One round trip: the insert and its wake-up call travel as one statement. Three array
  // parameters instead of a VALUES row per event: a routing pass emits thousands at once, and
  // building them value by value cost ~0.2 ms of CPU per event. unnest yields the arrays in
  // order, so ids still follow the array order.
  await tx.execute(sql`
    with inserted as (
      insert into ${outboxEvents} (workspace_id, type, payload)
      select * from unnest(${sql.param(events.map((e) => e.workspaceId))}::uuid[], ${sql.param(events.map((e) => e.type))}::text[],
                           ${sql.param(events.map((e) => JSON.stringify(e.payload)))}::jsonb[])
    )
    select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/**
 * Deletes dispatched events older than `before` and their idempotency marks, so both tables
 * stay small (run it from a recurring job). Undispatched events are never deleted.
 */
export async function pruneDispatchedEvents(db: Db, before: Date): Promise<number> {
  const deleted = await db.execute<{ n: number }>(sql`
    with gone as (
      delete from ${outboxEvents}
      where ${outboxEvents.dispatchedAt} is not null and ${outboxEvents.dispatchedAt} < ${before}
      returning ${outboxEvents.id} as id
    ), marks as (
      delete from ${processedEvents} where ${processedEvents.eventId} in (select id from gone)
    )
    select count(*)::int as n from gone`);
  return Number(deleted.rows[0]?.n ?? 0);
}

export interface OutboxDispatcherOptions {
  pool: pg.Pool;
  db: Db;
  log: Logger;
  /** Safety-net polling period; NOTIFY normally wakes the dispatcher first. */
  pollMs?: number;
  batchSize?: number;
  /** How many workspaces of one batch are dispatched in parallel (each needs a pool connection). */
  concurrency?: number;
}

interface Registration {
  type: string;
  name: string;
  fn: OutboxBatchHandler;
  batch: boolean;
  when?: (event: OutboxEvent) => boolean;
  pushOnly?: boolean;
}

type Row = typeof outboxEvents.$inferSelect;

const MAX_BACKOFF = "interval '5 minutes'";

/**
 * Delivers committed outbox events to in-process handlers, at least once, made effectively once
 * per (handler, event) by `processed_events` being written in the handler's own transaction.
 *
 * Several dispatchers (processes) may run against one database: a batch is claimed with
 * `for update skip locked` and the row locks are held until the batch is finalised, so no two
 * dispatchers work on the same event at the same time. The claiming transaction holds one pool
 * connection and each state-changing handler's transaction another, so the pool needs at least
 * concurrency + 1; push-only handlers, beside them, take connections only for their queries.
 * An event that no registered handler wants is marked dispatched, so every process that runs a
 * dispatcher must register the same handlers.
 */
export class OutboxDispatcher {
  private readonly db: Db;
  private readonly log: Logger;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly handlers: Registration[] = [];

  private started = false;
  private stopped = false;
  private wanted = false;
  private running: Promise<void> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly listener: PgListener;

  constructor(opts: OutboxDispatcherOptions) {
    this.db = opts.db;
    this.log = opts.log;
    this.pollMs = opts.pollMs ?? 1000;
    this.batchSize = opts.batchSize ?? 100;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.listener = new PgListener(opts.pool, opts.log, 'atende-outbox', { [OUTBOX_CHANNEL]: () => this.wake() });
  }

  /** `handlerName` is the idempotency key: renaming a handler makes it see old events as new. */
  on(type: string | '*', handlerName: string, fn: OutboxHandler, opts: HandlerOptions = {}): this {
    return this.register({ type, name: handlerName, fn: ([e], tx) => fn(e, tx), batch: false, ...opts });
  }

  /**
   * Like `on`, for handlers that are much cheaper per event in bulk (one query for many events,
   * one routing pass for many requests). The batch shares one transaction and one mark insert.
   */
  onBatch(type: string, handlerName: string, fn: OutboxBatchHandler, opts: HandlerOptions = {}): this {
    return this.register({ type, name: handlerName, fn, batch: true, ...opts });
  }

  private register(r: Registration): this {
    if (this.handlers.some((h) => h.name === r.name)) throw new Error(`outbox handler "${r.name}" is already registered`);
    this.handlers.push(r);
    return this;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    await this.listener.start();
    this.pollTimer = setInterval(() => this.wake(), this.pollMs);
    this.wake();
  }

  /** Stops listening and polling, then waits for the batch in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    await this.listener.stop();
    await this.running;
    await this.chain.catch(() => {});
  }

  /**
   * Dispatches until no event is available to this process. Events locked by another dispatcher
   * or waiting for a retry are not waited for.
   */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.serial(() => this.dispatchBatch());
      if (claimed === 0) return;
    }
  }

  private wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    if (this.running) return;
    this.running = this.runWhileWanted().finally(() => {
      this.running = null;
      if (this.wanted) this.wake();
    });
  }

  private async runWhileWanted(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        const claimed = await this.serial(() => this.dispatchBatch());
        if (claimed > 0) this.wanted = true; // there may be more behind this batch
      } catch (err) {
        this.log.error({ err }, 'outbox dispatch failed');
        return; // the next poll tries again; do not spin on a broken database
      }
    }
  }

  /** One batch at a time per dispatcher keeps a workspace's events in order within the process. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  /** Claims, dispatches and finalises one batch; returns how many events it claimed. */
  private async dispatchBatch(): Promise<number> {
    return this.db.transaction(async (claim) => {
      const rows = await claim
        .select()
        .from(outboxEvents)
        .where(and(isNull(outboxEvents.dispatchedAt), lte(outboxEvents.availableAt, sql`now()`)))
        .orderBy(asc(outboxEvents.id))
        .limit(this.batchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;

      const byWorkspace = new Map<string, Row[]>();
      for (const row of rows) {
        const list = byWorkspace.get(row.workspaceId) ?? [];
        list.push(row);
        byWorkspace.set(row.workspaceId, list);
      }
      const done: number[] = [];
      const failed: { id: number; error: string }[] = [];
      const groups = [...byWorkspace.values()];
      const work = async () => {
        for (let group = groups.shift(); group; group = groups.shift()) {
          // A failed event does not hold back later ones of its workspace: it is retried on
          // its own, and blocking would let one poisoned event stall a whole workspace.
          const errors = await this.dispatchGroup(group);
          for (const row of group) {
            const error = errors.get(row.id);
            if (error) failed.push({ id: row.id, error: error.join('\n').slice(0, 4000) });
            else done.push(row.id);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, groups.length) }, work));

      if (done.length > 0) {
        await claim
          .update(outboxEvents)
          .set({ dispatchedAt: sql`now()`, lastError: null })
          .where(anyOf(outboxEvents.id, done, 'bigint'));
      }
      for (const f of failed) {
        // SET expressions read the row's old values: the first failure waits 1 s, then 2, 4 …
        await claim
          .update(outboxEvents)
          .set({
            attempts: sql`${outboxEvents.attempts} + 1`,
            lastError: f.error,
            availableAt: sql`now() + least(interval '1 second' * power(2, least(${outboxEvents.attempts}, 16)), ${sql.raw(MAX_BACKOFF)})`,
          })
          .where(eq(outboxEvents.id, f.id));
      }
      return rows.length;
    });
  }

  /**
   * Runs every matching handler once on each of a workspace's events; returns the errors by
   * event. Handlers that change state run one after the other in registration order (a later
   * one may rely on an earlier one's work); push-only handlers run beside them in a lane of their own.
   */
  private async dispatchGroup(rows: Row[]): Promise<Map<number, string[]>> {
    const errors = new Map<number, string[]>();
    const events = rows.map(toEvent);
    const lane = async (handlers: Registration[]) => {
      for (const h of handlers) await this.dispatchTo(h, events, errors);
    };
    await Promise.all([lane(this.handlers.filter((h) => !h.pushOnly)), lane(this.handlers.filter((h) => h.pushOnly))]);
    return errors;
  }

  private async dispatchTo(h: Registration, events: OutboxEvent[], errors: Map<number, string[]>): Promise<void> {
    const mine = events.filter((e) => (h.type === '*' || h.type === e.type) && (!h.when || h.when(e)));
    if (mine.length === 0) return;
    if (h.batch && mine.length > 1) {
      try {
        await this.run(h, mine);
        return;
      } catch (err) {
        this.log.debug({ err, handler: h.name }, 'outbox batch failed; retrying its events one by one');
      }
    }
    for (const e of mine) {
      try {
        await this.run(h, [e]);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn({ err, eventId: e.id, type: e.type, handler: h.name }, 'outbox handler failed');
        errors.set(e.id, [...(errors.get(e.id) ?? []), `${h.name}: ${message}`]);
      }
    }
  }

  private async run(h: Registration, events: OutboxEvent[]): Promise<void> {
    // A push leaves nothing to keep: no transaction, no mark. It may repeat when its event is
    // dispatched again (another handler's retry, a crash before the batch was finalised);
    // screens apply pushes by id, so a repeat shows nothing new.
    if (h.pushOnly) return h.fn(events, this.db);
    await this.db.transaction(async (tx) => {
      // Marking first doubles as a lock: a concurrent attempt at the same (handler, event)
      // waits here and then skips, instead of running the handler twice. The same statement
      // turns off the wait for the disk flush: the claim's commit comes after this one and is
      // synchronous, and a flush covers all WAL before it. Lost in a crash, the handler's work
      // and its mark go together and the event is dispatched again, as if it had never run.
      const marked = await tx.execute<{ event_id: number }>(sql`
        insert into ${processedEvents} (handler, event_id)
        select ${h.name}, e from unnest(${sql.param(events.map((e) => e.id))}::bigint[]) as e,
             (select set_config('synchronous_commit', 'off', true)) as async_commit
        on conflict do nothing
        returning event_id`);
      const fresh = new Set(marked.rows.map((m) => Number(m.event_id)));
      const todo = events.filter((e) => fresh.has(e.id));
      if (todo.length) await h.fn(todo, tx);
    });
  }
}

function toEvent(row: Row): OutboxEvent {
  return { id: row.id, workspaceId: row.workspaceId, type: row.type, payload: row.payload, createdAt: row.createdAt };
}
