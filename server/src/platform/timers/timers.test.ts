import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createDb, createPool, type Db } from '../db/client';
import { createTestDatabase } from '../../../test/database';
import { armTimers, cancelTimers, TimerRunner, timersOf, type TimerRow } from './timers';

const log = pino({ level: 'silent' });
let url: string;
let pool: pg.Pool;
let db: Db;

beforeAll(async () => {
  url = await createTestDatabase();
  pool = createPool(url, 10);
  db = createDb(pool);
});

afterAll(async () => {
  await pool.end();
});

const T0 = new Date('2026-11-21T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A runner on a simulated clock that records what fired, by kind. */
function runner(kinds: string[], clock = { now: T0 }) {
  const fired: { kind: string; subjectId: string; now: Date }[] = [];
  const r = new TimerRunner({ db, log, now: () => clock.now });
  for (const kind of kinds) {
    r.on(kind, async (rows: TimerRow[], _tx, now) => {
      for (const row of rows) fired.push({ kind, subjectId: row.subjectId, now });
    });
  }
  return { r, fired, clock };
}

describe('timers', () => {
  it('fire when due by the clock, once, and not before', async () => {
    const ws = randomUUID();
    const subject = randomUUID();
    const kind = `t.${randomUUID()}`;
    await db.transaction((tx) => armTimers(tx, [{ workspaceId: ws, kind, subjectId: subject, dueAt: at(10), data: { n: 1 } }]));
    const { r, fired, clock } = runner([kind]);
    clock.now = at(9.99);
    expect(await r.fireDue()).toBe(0);
    clock.now = at(10);
    await r.fireDue();
    await r.fireDue();
    expect(fired).toEqual([{ kind, subjectId: subject, now: at(10) }]);
    expect(await timersOf(db, ws, [subject])).toEqual([]);
  });

  it('re-arming moves a timer; cancelling removes it; a rolled-back arming never existed', async () => {
    const ws = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const kind = `t.${randomUUID()}`;
    await db.transaction((tx) => armTimers(tx, [a, b].map((subjectId) => ({ workspaceId: ws, kind, subjectId, dueAt: at(10) }))));
    await db.transaction((tx) => armTimers(tx, [{ workspaceId: ws, kind, subjectId: a, dueAt: at(20) }]));
    await db.transaction((tx) => cancelTimers(tx, ws, [kind], [b]));
    await expect(
      db.transaction(async (tx) => {
        await armTimers(tx, [{ workspaceId: ws, kind, subjectId: c, dueAt: at(1) }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await timersOf(db, ws, [a, b, c])).map((t) => [t.subjectId, t.dueAt])).toEqual([[a, at(20)]]);

    const { r, fired, clock } = runner([kind]);
    clock.now = at(15);
    await r.fireDue();
    expect(fired).toEqual([]);
    clock.now = at(20);
    await r.fireDue();
    expect(fired.map((f) => f.subjectId)).toEqual([a]);
  });

  it('two runners share 1,000 due timers: each fires exactly once', async () => {
    const ws = randomUUID();
    const kind = `t.${randomUUID()}`;
    const subjects = Array.from({ length: 1000 }, () => randomUUID());
    await db.transaction((tx) => armTimers(tx, subjects.map((subjectId, i) => ({ workspaceId: ws, kind, subjectId, dueAt: at(i % 7) }))));
    const clock = { now: at(10) };
    const one = runner([kind], clock);
    const two = runner([kind], clock);
    // Small batches make the two interleave.
    for (const x of [one, two]) (x.r as unknown as { batchSize: number }).batchSize = 50;
    await Promise.all([one.r.fireDue(), two.r.fireDue()]);
    const all = [...one.fired, ...two.fired].map((f) => f.subjectId);
    expect(all.length).toBe(1000);
    expect(new Set(all).size).toBe(1000);
    expect(one.fired.length).toBeGreaterThan(0);
    expect(two.fired.length).toBeGreaterThan(0);
  });

  it('a failing timer fails alone and is retried later with back-off; the others fire', async () => {
    const ws = randomUUID();
    const kind = `t.${randomUUID()}`;
    const [good, bad] = [randomUUID(), randomUUID()];
    await db.transaction((tx) => armTimers(tx, [good, bad].map((subjectId) => ({ workspaceId: ws, kind, subjectId, dueAt: at(1) }))));
    const clock = { now: at(1) };
    const fired: string[] = [];
    let failing = true;
    // Effects happen only when the whole call succeeds, as a handler's writes in its transaction do.
    const r = new TimerRunner({ db, log, now: () => clock.now }).on(kind, async (rows) => {
      if (failing && rows.some((row) => row.subjectId === bad)) throw new Error('ERP down');
      fired.push(...rows.map((row) => row.subjectId));
    });
    await r.fireDue();
    expect(fired).toEqual([good]);
    const [retry] = await timersOf(db, ws, [bad]);
    expect(retry).toMatchObject({ attempts: 1, lastError: 'ERP down' });
    expect(retry.dueAt.getTime()).toBeGreaterThan(at(1).getTime());
    failing = false;
    clock.now = retry.dueAt;
    await r.fireDue();
    expect(fired).toEqual([good, bad]);
  });
});
