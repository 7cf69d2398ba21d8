import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import type { SplitEvent } from './whatsapp.inbound';
import { WHATSAPP_EVENTS_CHANNEL } from './whatsapp.repository';

export interface EventToStore {
  workspaceId: string;
  channelId: string;
  event: SplitEvent;
}

/** Rows in one insert: a few hundred keeps the statement small and its lock on the unique index short. */
const MAX_ROWS = 500;
/**
 * Inserts in flight at once. One commit waits for the disk flush (3–8 ms on a small VM); while it
 * does, the next webhooks gather into the following insert, and a second one in flight lets
 * PostgreSQL flush both in one go. Requests that share an insert were in flight together, so no
 * order one of them was acknowledged before another is lost.
 */
const MAX_IN_FLIGHT = 2;

interface Pending {
  rows: (EventToStore & { id: string })[];
  resolve: (stored: number) => void;
  reject: (err: unknown) => void;
}

/**
 * Stores the events of concurrent webhooks in shared multi-row inserts (a grouped commit): at
 * Meta's rate every webhook as its own transaction costs a disk flush and a round trip each.
 * A webhook is answered only after the insert holding its events committed, as before. Then the
 * channels' drainers are told, outside the insert's transaction (see `signal`).
 */
export class EventWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private readonly signals: Signaller;

  constructor(private readonly db: Executor) {
    this.signals = new Signaller(db);
  }

  /** How many of these events were new (a redelivered wamid is not stored again). */
  store(rows: EventToStore[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      // Ids that grow in arrival order: events stored by one insert share their received_at,
      // and the id keeps their order (several messages of one notification, for one).
      this.queue.push({ rows: rows.map((r) => ({ ...r, id: orderedId() })), resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch: Pending[] = [];
      let rows = 0;
      while (this.queue.length > 0 && (batch.length === 0 || rows + this.queue[0].rows.length <= MAX_ROWS)) {
        const next = this.queue.shift()!;
        batch.push(next);
        rows += next.rows.length;
      }
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending[]) {
    try {
      const stored = await insertEventRows(this.db, batch.flatMap((p) => p.rows));
      for (const p of batch) p.resolve(p.rows.filter((r) => stored.has(r.id)).length);
      this.signals.signal(new Set(batch.flatMap((p) => p.rows.filter((r) => stored.has(r.id)).map((r) => r.channelId))));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

/**
 * One insert for many events; returns the ids actually stored. A key already stored, or twice in
 * this insert, is skipped (the first occurrence wins, so the earlier request counts it).
 */
export async function insertEventRows(db: Executor, rows: (EventToStore & { id: string })[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const json = JSON.stringify(
    rows.map((r) => ({ id: r.id, workspace_id: r.workspaceId, channel_id: r.channelId, kind: r.event.kind, event_key: r.event.key, payload: r.event.payload })),
  );
  const r = await db.execute<{ id: string }>(sql`
    insert into whatsapp_events (id, workspace_id, channel_id, kind, event_key, payload)
    select e.id, e.workspace_id, e.channel_id, e.kind, e.event_key, e.payload
      from jsonb_to_recordset(${json}::jsonb) as e(id uuid, workspace_id uuid, channel_id uuid, kind text, event_key text, payload jsonb)
    on conflict do nothing
    returning id`);
  return new Set(r.rows.map((x) => x.id));
}

/**
 * Wakes the drainers of every process (LISTEN on WHATSAPP_EVENTS_CHANNEL). Not in the insert's
 * transaction: PostgreSQL serialises the commits of all notifying transactions under one lock,
 * disk flush included, which capped ingest at a few hundred commits a second. A notify-only
 * transaction needs no flush (asynchronous commit), and one is in flight at a time with
 * everything signalled meanwhile folded into the next. A signal lost in a crash right after
 * the insert is caught by the minute sweep.
 */
class Signaller {
  private pending = new Set<string>();
  private sending = false;

  constructor(private readonly db: Executor) {}

  signal(channelIds: Set<string>) {
    for (const id of channelIds) this.pending.add(id);
    if (!this.sending && this.pending.size > 0) void this.send();
  }

  private async send() {
    this.sending = true;
    try {
      while (this.pending.size > 0) {
        const ids = [...this.pending];
        this.pending = new Set();
        await notifyChannels(this.db, ids).catch(() => undefined);
      }
    } finally {
      this.sending = false;
    }
  }
}

export async function notifyChannels(db: Executor, channelIds: string[]) {
  if (channelIds.length === 0) return;
  await db.execute(sql`
    select set_config('synchronous_commit', 'off', true), pg_notify(${WHATSAPP_EVENTS_CHANNEL}, c)
      from unnest(${`{${channelIds.join(',')}}`}::text[]) as c`);
}

let lastMs = 0;
let counter = 0;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A UUIDv7-shaped id (RFC 9562): milliseconds, then a counter, then random bits, so ids made by
 * this process sort in the order they were made (PostgreSQL compares uuids byte by byte). The
 * random part comes from randomUUID, which draws from a pooled buffer (randomBytes per id cost
 * more than the rest of storing the event).
 */
export function orderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0x3ffffff) {
    // 2^26 ids in one millisecond: borrow the next one rather than repeat an order.
    lastMs++;
    counter = 0;
  }
  const ms = hex(lastMs, 12);
  const c = counter;
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex(c >>> 14, 3)}-${hex(0x8000 | (c & 0x3fff), 4)}-${randomUUID().slice(24)}`;
}
