import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { withPgTransaction } from '../db/pg-transaction';

/**
 * Durable jobs and timers on pg-boss 10, in the `pgboss` schema of the application database.
 *
 * Every role calls `define` for every queue it uses (that creates the queue, which pg-boss 10
 * requires before anything can be sent to it); only `worker` instances also run the handlers.
 *
 * Timers keyed by an entity (inactivity of X, end of Y's pause …) use a queue with
 * `policy: 'short'` and the entity id as `singletonKey`: pg-boss then keeps at most one *pending*
 * job per key, and a second `send` with the same key returns null. Re-arming a timer on activity
 * is `rearm(name, key, data, { startAfter })`, which cancels the pending job of that key and
 * sends the new one in one transaction under a per-key lock, so concurrent re-arms cannot leave
 * two timers or none. The same can be done by hand with `cancel(name, id)` + `send`, keeping the
 * id, or with `cancelKey` + `send` when a plain cancel is wanted. Timers can fire late (a worker
 * was down) or after a re-arm raced with them, so handlers re-check the entity's state.
 */

export const JOBS_SCHEMA = 'pgboss';

export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface JobInfo {
  id: string;
  name: string;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export interface DefineOptions {
  /**
   * `standard` (default) runs every job sent; `short` keeps one pending job per singletonKey
   * (timers); `singleton` runs one job per key at a time; `stately` one per key and state.
   */
  policy?: QueuePolicy;
  /** Jobs fetched at once; they run concurrently, each completing or failing on its own. */
  batchSize?: number;
  pollingIntervalSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job running longer than this is failed (and retried). */
  expireInSeconds?: number;
}

export interface SendOptions {
  /** When to run: a Date, or a delay in seconds. */
  startAfter?: Date | number;
  /** Deduplicates pending jobs; needs a queue whose policy is not `standard`. */
  singletonKey?: string;
  priority?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
}

export interface Jobs {
  readonly worker: boolean;
  define<T extends object>(name: string, handler: JobHandler<T>, opts?: DefineOptions): Promise<void>;
  /** The job id, or null when a pending job with the same singletonKey already exists. */
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  /** Replaces the pending job of `key` (if any) by a new one; returns the new job's id. */
  rearm<T extends object>(
    name: string,
    key: string,
    data: T,
    opts?: Omit<SendOptions, 'singletonKey'>,
  ): Promise<string | null>;
  /** Cancels a job that has not started yet; a job already running or done is left alone. */
  cancel(name: string, id: string): Promise<void>;
  /** Cancels the pending jobs of a singletonKey; returns how many were cancelled. */
  cancelKey(name: string, key: string): Promise<number>;
  /** A recurring job (one schedule per queue; re-scheduling replaces it). Runs on workers. */
  schedule<T extends object>(name: string, cron: string, data?: T, opts?: { tz?: string }): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Stops fetching, waits for running handlers up to `timeoutMs`, then fails what is left. */
  stop(opts?: { timeoutMs?: number }): Promise<void>;
}

export interface JobsOptions {
  connectionString: string;
  log: Logger;
  /** false for a `web` process: it defines queues and sends, but runs no handlers or upkeep. */
  worker: boolean;
  /** Connections of the jobs pool (pg-boss keeps its own, apart from the request pool). */
  max?: number;
}

const DEFAULTS = { retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true } as const;

export async function createJobs(opts: JobsOptions): Promise<Jobs> {
  const { log, worker } = opts;
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    // At least 2: creating a queue holds a lock on one connection while pg-boss uses another.
    max: Math.max(2, opts.max ?? (worker ? 10 : 4)),
    application_name: worker ? 'atende-jobs' : 'atende-jobs-web',
  });
  pool.on('error', (err) => log.warn({ err }, 'jobs pool connection error'));
  const viaPool: PgBoss.Db = { executeSql: (text, values) => pool.query(text, values) };

  // Maintenance (expiry, archiving) and the cron clock run on workers only. Both roles may
  // install or migrate the pgboss schema (pg-boss does it under an advisory lock), so a web
  // process that starts first can already send.
  const boss = new PgBoss({
    db: viaPool,
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise: worker,
    schedule: worker,
  });
  boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
  try {
    await boss.start();
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }

  const policies = new Map<string, QueuePolicy>();
  const workerIds = new Map<string, string>();
  let stopping: Promise<void> | null = null;

  function policyOf(name: string): QueuePolicy {
    const policy = policies.get(name);
    if (!policy) throw new Error(`job queue "${name}" is not defined in this process`);
    return policy;
  }

  function sendOptions(name: string, o: SendOptions): PgBoss.SendOptions {
    if (o.singletonKey !== undefined && policyOf(name) === 'standard') {
      // A standard queue would accept the duplicate silently; fail loudly instead.
      throw new Error(`job queue "${name}" has policy "standard": singletonKey needs "short", "singleton" or "stately"`);
    }
    return withoutUndefined({
      startAfter: o.startAfter,
      singletonKey: o.singletonKey,
      priority: o.priority,
      retryLimit: o.retryLimit,
      retryDelay: o.retryDelaySeconds,
      retryBackoff: o.retryBackoff,
    });
  }

  function nudge(name: string, o: SendOptions) {
    // pg-boss polls; wake this process's worker so an immediate job does not wait a poll.
    const id = workerIds.get(name);
    if (id && !o.startAfter) boss.notifyWorker(id);
  }

  /**
   * Two processes creating the same queue at once deadlock inside pg-boss (each waits for the
   * other's queue row while adding partition constraints), so creation takes a session lock.
   */
  async function createQueueSerially(name: string, queue: PgBoss.Queue) {
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock(7426003)');
      await boss.createQueue(name, queue);
    } finally {
      await lock.query('select pg_advisory_unlock(7426003)').catch(() => {});
      lock.release();
    }
  }

  const jobs: Jobs = {
    worker,

    async define<T extends object>(name: string, handler: JobHandler<T>, o: DefineOptions = {}) {
      if (policies.has(name)) throw new Error(`job queue "${name}" is already defined`);
      const queue: PgBoss.Queue = withoutUndefined({
        name,
        policy: o.policy ?? 'standard',
        retryLimit: o.retryLimit ?? DEFAULTS.retryLimit,
        retryDelay: o.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
        retryBackoff: o.retryBackoff ?? DEFAULTS.retryBackoff,
        expireInSeconds: o.expireInSeconds,
      });
      if (!(await boss.getQueue(name))) await createQueueSerially(name, queue);
      // An existing queue keeps the settings it was created with; make them follow the code.
      await boss.updateQueue(name, queue);
      policies.set(name, queue.policy!);
      if (!worker) return;

      const batchSize = o.batchSize ?? 1;
      let workerId = '';
      const run = async (batch: PgBoss.Job<T>[]) => {
        // pg-boss waits a full polling interval after every fetch, even a full one; skipping
        // the wait while batches come back full keeps a busy queue from trickling.
        if (batch.length === batchSize) boss.notifyWorker(workerId);
        const results = await Promise.allSettled(batch.map((j) => handler(j.data, { id: j.id, name: j.name })));
        const failures = batch.flatMap((j, i) => {
          const r = results[i];
          return r.status === 'rejected' ? [{ job: j, reason: r.reason as unknown }] : [];
        });
        for (const f of failures) log.warn({ err: f.reason, queue: name, jobId: f.job.id }, 'job failed');
        if (failures.length === 0) return;
        // A single job's failure goes back to pg-boss as a rejection (it then retries it);
        // in a batch the failed ones are failed one by one and the rest complete normally.
        if (batch.length === 1) throw failures[0].reason;
        for (const f of failures) await boss.fail(name, f.job.id, errorData(f.reason));
      };
      workerId = await boss.work<T>(
        name,
        { batchSize, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 1 },
        run,
      );
      workerIds.set(name, workerId);
    },

    async send<T extends object>(name: string, data: T, o: SendOptions = {}) {
      // pg-boss returns null for an unknown queue, indistinguishable from a deduplicated send.
      policyOf(name);
      const id = await boss.send(name, data, sendOptions(name, o));
      if (id) nudge(name, o);
      return id;
    },

    async rearm<T extends object>(name: string, key: string, data: T, o: Omit<SendOptions, 'singletonKey'> = {}) {
      const options = sendOptions(name, { ...o, singletonKey: key });
      const id = await withPgTransaction(pool, async (client) => {
        await client.query('select pg_advisory_xact_lock(hashtextextended($1, 7426002))', [JSON.stringify([name, key])]);
        await client.query(cancelKeySql, [name, key]);
        return boss.send(name, data, { ...options, db: { executeSql: (t, v) => client.query(t, v) } });
      });
      if (id) nudge(name, o);
      return id;
    },

    async cancel(name: string, id: string) {
      await boss.cancel(name, id);
    },

    async cancelKey(name: string, key: string) {
      const r = await pool.query(cancelKeySql, [name, key]);
      return r.rowCount ?? 0;
    },

    async schedule<T extends object>(name: string, cron: string, data?: T, o: { tz?: string } = {}) {
      policyOf(name);
      await boss.schedule(name, cron, data ?? {}, { tz: o.tz ?? 'UTC' });
    },

    async unschedule(name: string) {
      await boss.unschedule(name);
    },

    stop(o: { timeoutMs?: number } = {}) {
      stopping ??= (async () => {
        try {
          await boss.stop({ graceful: true, wait: true, close: false, timeout: o.timeoutMs ?? 30_000 });
        } finally {
          await pool.end().catch(() => {});
        }
      })();
      return stopping;
    },
  };
  return jobs;
}

// pg-boss has no cancel-by-key; its job table is stable within major version 10 (pinned).
// `state < 'active'` is the enum order: created and retry, i.e. jobs that have not started.
const cancelKeySql = `
  update ${JOBS_SCHEMA}.job set state = 'cancelled', completed_on = now()
  where name = $1 and singleton_key = $2 and state < 'active'`;

// pg-boss validates options with `'key' in options`, so an undefined value fails its checks.
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function errorData(reason: unknown): object {
  return reason instanceof Error ? { message: reason.message, stack: reason.stack } : { message: String(reason) };
}
