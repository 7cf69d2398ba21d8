import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase } from '../../../test/database';
import { outboxEvents, processedEvents } from '../events/outbox.schema';
import { createDb, createPool, type Db } from './client';
import { insertJsonRows } from './json-rows';

let pool: pg.Pool;
let db: Db;
beforeAll(async () => {
  pool = createPool(await createTestDatabase(), 2);
  db = createDb(pool);
});
afterAll(() => pool.end());

const event = (n: number, extra: Partial<typeof outboxEvents.$inferInsert> = {}) => ({
  workspaceId: randomUUID(),
  type: `test.${n}`,
  payload: { n, text: 'aspas " e \\ barra, acentuação, emoji 👍', nested: { list: [1, null, 'x'] } },
  ...extra,
});

describe('insertJsonRows', () => {
  it('stores and returns what a Drizzle insert stores and returns, in the order given', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const viaJson = await insertJsonRows(db, outboxEvents, [event(1, { availableAt: at }), event(2, { availableAt: at })], { returning: true });
    const viaDrizzle = await db.insert(outboxEvents).values([event(1, { availableAt: at }), event(2, { availableAt: at })]).returning();
    const shape = (r: typeof viaJson[number]) => ({ ...r, id: typeof r.id, workspaceId: typeof r.workspaceId, createdAt: r.createdAt instanceof Date });
    expect(viaJson.map(shape)).toEqual(viaDrizzle.map(shape));
    expect(viaJson.map((r) => r.type)).toEqual(['test.1', 'test.2']);
    expect(viaJson[1].id).toBeGreaterThan(viaJson[0].id);
    expect(viaJson[0]).toMatchObject({ availableAt: at, attempts: 0, dispatchedAt: null, payload: event(1).payload });
  });

  it('leaves columns no row gives to their defaults, and rows that give different columns to Drizzle', async () => {
    const [plain] = await insertJsonRows(db, outboxEvents, [event(3)], { returning: true });
    expect(plain.availableAt).toBeInstanceOf(Date);
    const mixed = await insertJsonRows(db, outboxEvents, [event(4), event(5, { attempts: 2 })], { returning: true });
    expect(mixed.map((r) => r.attempts)).toEqual([0, 2]);
  });

  it('skips conflicting rows when asked, returning only the stored ones', async () => {
    const id = Date.now();
    await insertJsonRows(db, processedEvents, [{ handler: 'h', eventId: id }]);
    const again = await insertJsonRows(db, processedEvents, [{ handler: 'h', eventId: id }, { handler: 'h', eventId: id + 1 }], { returning: true, onConflictDoNothing: true });
    expect(again.map((r) => r.eventId)).toEqual([id + 1]);
    await expect(insertJsonRows(db, processedEvents, [{ handler: 'h', eventId: id }])).rejects.toThrow();
  });
});
