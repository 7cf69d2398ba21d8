import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { createDb, createPool, type Db } from '../db/client';
import { createTestDatabase } from '../../../test/database';
import { waitFor } from '../../../test/wait-for';
import { emitEvent, emitEvents, OutboxDispatcher, pruneDispatchedEvents, type OutboxEvent } from './outbox';

const log = pino({ level: 'silent' });
let url: string;
let pool: pg.Pool;
let db: Db;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  url = await createTestDatabase();
  pool = createPool(url, 10);
  db = createDb(pool);
  await pool.query('create table test_effects (handler text not null, event_id bigint not null)');
});

// A running dispatcher takes every pending event, so none may outlive its test.
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

afterAll(async () => {
  await pool.end();
});

function dispatcher(opts: { pollMs?: number; batchSize?: number; ownPool?: boolean } = {}) {
  let p = pool;
  let d = db;
  if (opts.ownPool) {
    p = createPool(url, 6);
    d = createDb(p);
  }
  const dispatcher = new OutboxDispatcher({ pool: p, db: d, log, pollMs: opts.pollMs, batchSize: opts.batchSize });
  cleanup.push(async () => {
    await dispatcher.stop();
    if (opts.ownPool) await p.end();
  });
  return dispatcher;
}

async function rowOf(id: number) {
  const r = await pool.query('select * from outbox_events where id = $1', [id]);
  return r.rows[0];
}

describe('outbox', () => {
  it('dispatches an event emitted in a committed transaction exactly once', async () => {
    const ws = randomUUID();
    const seen: OutboxEvent[] = [];
    const d = dispatcher().on('committed.happened', 'committed-test', async (e) => {
      seen.push(e);
    });
    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'committed.happened', payload: { n: 1 } }));

    await d.drain();
    await d.drain();

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ workspaceId: ws, type: 'committed.happened', payload: { n: 1 } });
    expect(seen[0].createdAt).toBeInstanceOf(Date);
    const row = await rowOf(seen[0].id);
    expect(row.dispatched_at).toBeInstanceOf(Date);
    expect(row.attempts).toBe(0);
  });

  it('never dispatches an event whose transaction rolled back', async () => {
    const ws = randomUUID();
    const seen: OutboxEvent[] = [];
    const d = dispatcher().on('rolled.back', 'rollback-test', async (e) => {
      seen.push(e);
    });
    await expect(
      db.transaction(async (tx) => {
        await emitEvent(tx, { workspaceId: ws, type: 'rolled.back', payload: {} });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    await d.drain();

    expect(seen).toHaveLength(0);
    const r = await pool.query('select count(*)::int as n from outbox_events where workspace_id = $1', [ws]);
    expect(r.rows[0].n).toBe(0);
  });

  it('retries a failed handler later without re-running the handler that succeeded', async () => {
    const ws = randomUUID();
    let flakyCalls = 0;
    let steadyCalls = 0;
    const d = dispatcher({ pollMs: 100 })
      .on('retry.me', 'retry-flaky', async (_e, tx) => {
        flakyCalls += 1;
        await tx.execute(sql`insert into test_effects values ('retry-flaky', 0)`);
        if (flakyCalls === 1) throw new Error('first attempt fails');
      })
      .on('retry.me', 'retry-steady', async () => {
        steadyCalls += 1;
      });
    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'retry.me', payload: {} }));

    await d.drain();
    const [{ id }] = (await pool.query('select id from outbox_events where workspace_id = $1', [ws])).rows;
    const failed = await rowOf(id);
    expect(failed.dispatched_at).toBeNull();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('first attempt fails');
    expect(failed.available_at.getTime()).toBeGreaterThan(failed.created_at.getTime());

    await d.start();
    await waitFor(async () => (await rowOf(id)).dispatched_at !== null);

    expect(flakyCalls).toBe(2);
    expect(steadyCalls).toBe(1);
    // The failed attempt's write rolled back with it; only the successful one remains.
    const effects = await pool.query("select count(*)::int as n from test_effects where handler = 'retry-flaky'");
    expect(effects.rows[0].n).toBe(1);
    const done = await rowOf(id);
    expect(done.attempts).toBe(1);
    expect(done.last_error).toBeNull();
  });

  it('dispatches the events of a workspace in id order', async () => {
    const workspaces = [randomUUID(), randomUUID(), randomUUID()];
    const order = new Map<string, number[]>();
    const d = dispatcher({ batchSize: 7 }).on('ordered.event', 'order-test', async (e) => {
      order.set(e.workspaceId, [...(order.get(e.workspaceId) ?? []), e.id]);
    });
    for (let i = 0; i < 30; i++) {
      await db.transaction((tx) =>
        emitEvents(tx, [
          { workspaceId: workspaces[i % 3], type: 'ordered.event', payload: { i } },
          { workspaceId: workspaces[(i + 1) % 3], type: 'ordered.event', payload: { i } },
        ]),
      );
    }
    await d.drain();

    for (const ws of workspaces) {
      const ids = order.get(ws)!;
      expect(ids).toHaveLength(20);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it('two dispatchers on one database handle 500 events with each (event, handler) exactly once', async () => {
    const workspaces = Array.from({ length: 5 }, () => randomUUID());
    const calls: string[] = [];
    const build = () =>
      dispatcher({ ownPool: true, batchSize: 20, pollMs: 50 })
        .on('bulk.event', 'bulk-typed', async (e, tx) => {
          calls.push(`bulk-typed:${e.id}`);
          await tx.execute(sql`insert into test_effects values ('bulk-typed', ${e.id})`);
        })
        .on('*', 'bulk-any', async (e, tx) => {
          if (e.type !== 'bulk.event') return;
          calls.push(`bulk-any:${e.id}`);
          await tx.execute(sql`insert into test_effects values ('bulk-any', ${e.id})`);
        });
    const [d1, d2] = [build(), build()];
    await Promise.all([d1.start(), d2.start()]);

    for (let batch = 0; batch < 50; batch++) {
      await db.transaction((tx) =>
        emitEvents(
          tx,
          Array.from({ length: 10 }, (_, i) => ({
            workspaceId: workspaces[(batch + i) % workspaces.length],
            type: 'bulk.event',
            payload: { batch, i },
          })),
        ),
      );
    }

    await waitFor(
      async () => {
        const r = await pool.query(
          "select count(*)::int as n from outbox_events where type = 'bulk.event' and dispatched_at is null",
        );
        return r.rows[0].n === 0;
      },
      { timeout: 60_000 },
    );

    expect(calls).toHaveLength(1000);
    expect(new Set(calls).size).toBe(1000);
    const effects = await pool.query(
      "select handler, count(*)::int as n, count(distinct event_id)::int as events from test_effects where handler like 'bulk-%' group by handler order by handler",
    );
    expect(effects.rows).toEqual([
      { handler: 'bulk-any', n: 500, events: 500 },
      { handler: 'bulk-typed', n: 500, events: 500 },
    ]);
  });

  it('dispatches soon after commit through NOTIFY, without polling or drain', async () => {
    const ws = randomUUID();
    const seen: OutboxEvent[] = [];
    const d = dispatcher({ pollMs: 3_600_000 }).on('notified.event', 'notify-test', async (e) => {
      seen.push(e);
    });
    await d.start();

    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'notified.event', payload: {} }));

    await waitFor(() => seen.length === 1);
  });

  it('listens again after its connection drops', async () => {
    const ws = randomUUID();
    const seen: OutboxEvent[] = [];
    const d = dispatcher({ pollMs: 3_600_000 }).on('relisten.event', 'relisten-test', async (e) => {
      seen.push(e);
    });
    await d.start();
    const listeners = () =>
      pool
        .query(
          "select pid from pg_stat_activity where application_name = 'atende-outbox' and datname = current_database()",
        )
        .then((r) => r.rows.map((row) => row.pid as number));
    const before = await listeners();
    expect(before.length).toBeGreaterThan(0);
    await pool.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);

    await waitFor(async () => {
      const now = await listeners();
      return now.length > 0 && now.every((pid) => !before.includes(pid));
    });
    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'relisten.event', payload: {} }));

    await waitFor(() => seen.length === 1);
  });

  it('runs push-only handlers beside the state-changing ones, each lane in registration order, pushes without marks', async () => {
    const ws = randomUUID();
    const order: string[] = [];
    let pushed!: () => void;
    const pushDone = new Promise<void>((ok) => (pushed = ok));
    const d = dispatcher()
      // A slow state-changing handler (a routing pass): it finishes only after the push went out.
      .on('lanes.event', 'lanes-state', async (e) => {
        await pushDone;
        order.push(`state ${e.payload.n}`);
      })
      .onBatch('lanes.event', 'lanes-push-1', async (events) => {
        order.push(`push1 ${events.map((e) => e.payload.n).join(',')}`);
      }, { pushOnly: true })
      .onBatch('lanes.event', 'lanes-push-2', async (events) => {
        order.push(`push2 ${events.map((e) => e.payload.n).join(',')}`);
        pushed();
      }, { pushOnly: true });
    await db.transaction((tx) => emitEvents(tx, [1, 2].map((n) => ({ workspaceId: ws, type: 'lanes.event', payload: { n } }))));

    await d.drain();

    expect(order).toEqual(['push1 1,2', 'push2 1,2', 'state 1', 'state 2']);
    const marks = await pool.query(`select handler, count(*)::int as n from processed_events where handler like 'lanes-%' group by handler order by handler`);
    // Pushes change nothing to keep: only the state-changing handler marks its events.
    expect(marks.rows).toEqual([{ handler: 'lanes-state', n: 2 }]);
  });

  it('prunes dispatched events and their idempotency marks, never pending ones', async () => {
    const ws = randomUUID();
    const d = dispatcher().on('prune.event', 'prune-test', async () => {});
    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'prune.event', payload: {} }));
    await d.drain();
    await db.transaction((tx) => emitEvent(tx, { workspaceId: ws, type: 'prune.pending', payload: {} }));
    await pool.query("update outbox_events set available_at = now() + interval '1 hour' where type = 'prune.pending'");

    const pruned = await pruneDispatchedEvents(db, new Date(Date.now() + 60_000));

    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await pool.query('select type from outbox_events where workspace_id = $1', [ws]);
    expect(left.rows).toEqual([{ type: 'prune.pending' }]);
    const marks = await pool.query("select count(*)::int as n from processed_events where handler = 'prune-test'");
    expect(marks.rows[0].n).toBe(0);
  });
});
