import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor } from '../db/client';
import { timers } from './timer.schema';
import { anyOf } from '../db/any-of';

export type TimerRow = typeof timers.$inferSelect;

export interface ArmTimer {
  workspaceId: string;
  kind: string;
  subjectId: string;
  dueAt: Date;
  data?: Record<string, unknown>;
}

/**
 * Arms timers in the caller's transaction (they exist exactly when the change that armed them
 * commits). Arming a (kind, subject) again moves it: activity re-arms with one upsert, however
 * many subjects a batch touches. With `keepEarlier` an armed timer only ever moves closer, so a
 * stream of arming (a busy queue) cannot push it forever into the future.
 */
export async function armTimers(tx: Executor, list: ArmTimer[], opts: { keepEarlier?: boolean } = {}): Promise<void> {
  // The last arming of a (kind, subject) in the list wins; one row each keeps the upsert legal.
  const unique = new Map(list.map((t) => [`${t.kind}:${t.subjectId}`, t]));
  if (unique.size === 0) return;
  await tx
    .insert(timers)
    .values([...unique.values()].map((t) => ({ workspaceId: t.workspaceId, kind: t.kind, subjectId: t.subjectId, dueAt: t.dueAt, data: t.data ?? {} })))
    .onConflictDoUpdate({
      target: [timers.kind, timers.subjectId],
      set: { dueAt: opts.keepEarlier ? sql`least(${timers.dueAt}, excluded.due_at)` : sql`excluded.due_at`, data: sql`excluded.data`, workspaceId: sql`excluded.workspace_id`, attempts: 0, lastError: null, armedAt: sql`now()` },
    });
}

/** Cancels the given kinds of timers of these subjects (activity that makes them moot). */
export async function cancelTimers(tx: Executor, workspaceId: string, kinds: string[], subjectIds: string[]): Promise<void> {
  if (kinds.length === 0 || subjectIds.length === 0) return;
  await tx.delete(timers).where(and(eq(timers.workspaceId, workspaceId), anyOf(timers.subjectId, subjectIds, 'uuid'), anyOf(timers.kind, kinds, 'text')));
}

/** The armed timers of some subjects, soonest first (shown on conversations and to supervisors). */
export async function timersOf(db: Executor, workspaceId: string, subjectIds: string[]): Promise<TimerRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .select()
    .from(timers)
    .where(and(eq(timers.workspaceId, workspaceId), inArray(timers.subjectId, subjectIds)))
    .orderBy(asc(timers.dueAt));
}

/** Fires a kind's due timers, several at once; `now` is the clock the runner fired them by. */
export type TimerHandler = (due: TimerRow[], tx: Executor, now: Date) => Promise<void>;

export interface TimerRunnerOptions {
  db: Db;
  log: Logger;
  /** The clock timers are due by; tests pass a simulated one and call `fireDue()`. */
  now?: () => Date;
  /** How often due timers are looked for (lateness is at most about this). */
  pollMs?: number;
  batchSize?: number;
  /** Batches fired at once while a backlog lasts (each its own transaction and connection). */
  concurrency?: number;
}

const MAX_ATTEMPTS = 5;

/**
 * Fires due timers: each batch is deleted and acted on in one transaction (`skip locked`, so
 * processes share the work and a timer fires once). A failing handler's timers are retried one
 * by one, and a timer that keeps failing is moved back with back-off, then dropped after
 * MAX_ATTEMPTS with its error logged — a broken timer must not block the others.
 */
export class TimerRunner {
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly db: Db;
  private readonly log: Logger;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(opts: TimerRunnerOptions) {
    this.db = opts.db;
    this.log = opts.log;
    this.now = opts.now ?? (() => new Date());
    this.pollMs = opts.pollMs ?? 250;
    this.batchSize = opts.batchSize ?? 500;
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
  }

  on(kind: string, handler: TimerHandler): this {
    if (this.handlers.has(kind)) throw new Error(`timer kind "${kind}" already has a handler`);
    this.handlers.set(kind, handler);
    return this;
  }

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.fireDue().catch((err) => this.log.error({ err }, 'timers: firing failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Fires everything due by the clock; returns how many timers fired. A full first batch means a
   * backlog (a burst falling due together): then several batches run at once, each taking its own
   * rows (`skip locked`), so the database works on them with more than one core.
   */
  async fireDue(): Promise<number> {
    const first = await this.fireBatch(this.now());
    if (first < this.batchSize) return first;
    const more = await Promise.all(Array.from({ length: this.concurrency }, () => this.fireWhileFull()));
    return more.reduce((a, b) => a + b, first);
  }

  private async fireWhileFull(): Promise<number> {
    let fired = 0;
    for (;;) {
      const n = await this.fireBatch(this.now());
      fired += n;
      if (n < this.batchSize) return fired;
    }
  }

  private async fireBatch(now: Date): Promise<number> {
    const failed: TimerRow[] = [];
    const taken = await this.db.transaction(async (tx) => {
      const due = await this.takeDue(tx, now);
      for (const [kind, rows] of groupByKind(due)) {
        const handler = this.handlers.get(kind);
        if (!handler) {
          this.log.warn({ kind, count: rows.length }, 'timers: no handler for this kind; dropped');
          continue;
        }
        try {
          await tx.transaction((sp) => handler(rows, sp, now));
        } catch {
          // One at a time, so only the culprit fails.
          for (const row of rows) {
            try {
              await tx.transaction((sp) => handler([row], sp, now));
            } catch (err) {
              this.log.warn({ err, kind, subjectId: row.subjectId }, 'timers: handler failed');
              failed.push({ ...row, lastError: (err as Error).message });
            }
          }
        }
      }
      return due.length;
    });
    if (failed.length) await this.retryLater(failed, now);
    return taken;
  }

  /** Takes (deletes) the next due batch in one statement; the rows stay locked until it commits. */
  private async takeDue(tx: Executor, now: Date): Promise<TimerRow[]> {
    const rows = await tx
      .delete(timers)
      .where(inArray(timers.id, sql`(select id from ${timers} where ${timers.dueAt} <= ${now} order by ${timers.dueAt} limit ${this.batchSize} for update skip locked)`))
      .returning();
    return rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  private async retryLater(failed: TimerRow[], now: Date) {
    const again = failed.filter((t) => t.attempts + 1 < MAX_ATTEMPTS);
    for (const t of failed.filter((f) => f.attempts + 1 >= MAX_ATTEMPTS)) this.log.error({ kind: t.kind, subjectId: t.subjectId, error: t.lastError }, 'timers: gave up');
    if (again.length === 0) return;
    // Re-inserted unless the subject was re-armed meanwhile (the newer arming wins).
    await this.db
      .insert(timers)
      .values(again.map((t) => ({ ...t, dueAt: new Date(now.getTime() + 2 ** t.attempts * 5_000), attempts: t.attempts + 1 })))
      .onConflictDoNothing();
  }
}

function groupByKind(rows: TimerRow[]) {
  const by = new Map<string, TimerRow[]>();
  for (const r of rows) by.set(r.kind, [...(by.get(r.kind) ?? []), r]);
  return by;
}
