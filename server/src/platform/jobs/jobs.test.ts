import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { createTestDatabase } from '../../../test/database';
import { waitFor } from '../../../test/wait-for';
import { createJobs, type Jobs } from './jobs';

const log = pino({ level: 'silent' });
let url: string;
let pool: pg.Pool;
const running: Jobs[] = [];

beforeAll(async () => {
  url = await createTestDatabase();
  pool = new pg.Pool({ connectionString: url, max: 2 });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((j) => j.stop({ timeoutMs: 5_000 })));
});

afterAll(async () => {
  await pool.end();
});

async function jobs(worker = true) {
  const j = await createJobs({ connectionString: url, log, worker, max: 4 });
  running.push(j);
  return j;
}

async function jobState(id: string): Promise<string | undefined> {
  const r = await pool.query('select state from pgboss.job where id = $1', [id]);
  return r.rows[0]?.state;
}

const fast = { pollingIntervalSeconds: 0.5 };

describe('jobs', () => {
  it('processes a sent job once', async () => {
    const j = await jobs();
    const seen: { data: { n: number }; id: string; name: string }[] = [];
    await j.define<{ n: number }>('once', async (data, job) => {
      seen.push({ data, ...job });
    }, fast);

    const id = await j.send('once', { n: 7 });

    expect(id).toEqual(expect.any(String));
    await waitFor(async () => (await jobState(id!)) === 'completed');
    expect(seen).toEqual([{ data: { n: 7 }, id, name: 'once' }]);
  });

  it('does not run a delayed job before its time, and runs it after', async () => {
    const j = await jobs();
    let handledAt = 0;
    await j.define('delayed', async () => {
      handledAt = Date.now();
    }, fast);

    const sentAt = Date.now();
    const id = await j.send('delayed', {}, { startAfter: 2 });

    expect(await jobState(id!)).toBe('created');
    await waitFor(async () => (await jobState(id!)) === 'completed');
    // A lower bound only: the job may run any time after its start, never before.
    expect(handledAt - sentAt).toBeGreaterThanOrEqual(1_900);
  });

  it('retries a failing handler', async () => {
    const j = await jobs();
    let attempts = 0;
    await j.define('flaky', async () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`attempt ${attempts} fails`);
    }, { ...fast, retryLimit: 3, retryDelaySeconds: 0, retryBackoff: false });

    const id = await j.send('flaky', {});

    await waitFor(async () => (await jobState(id!)) === 'completed');
    expect(attempts).toBe(3);
  });

  it('fails only the failing jobs of a batch', async () => {
    const j = await jobs();
    const done: number[] = [];
    await j.define<{ n: number }>('batched', async ({ n }) => {
      if (n === 2) throw new Error('two is bad');
      done.push(n);
    }, { ...fast, batchSize: 5, retryLimit: 0 });

    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await j.send('batched', { n }))!);

    await waitFor(async () => {
      const states = await Promise.all(ids.map(jobState));
      return states.every((s) => s === 'completed' || s === 'failed');
    });
    expect(await Promise.all(ids.map(jobState))).toEqual(['completed', 'completed', 'failed', 'completed', 'completed']);
    expect(done.sort()).toEqual([0, 1, 3, 4]);
  });

  it('deduplicates pending jobs by singletonKey and re-arms a timer', async () => {
    const j = await jobs(false);
    await j.define('timer', async () => {}, { policy: 'short' });

    const first = await j.send('timer', { v: 1 }, { singletonKey: 'entity-1', startAfter: 3600 });
    const duplicate = await j.send('timer', { v: 2 }, { singletonKey: 'entity-1', startAfter: 3600 });
    const other = await j.send('timer', { v: 3 }, { singletonKey: 'entity-2', startAfter: 3600 });

    expect(first).toEqual(expect.any(String));
    expect(duplicate).toBeNull();
    expect(other).toEqual(expect.any(String));

    const rearmed = await Promise.all([
      j.rearm('timer', 'entity-1', { v: 4 }, { startAfter: 3600 }),
      j.rearm('timer', 'entity-1', { v: 5 }, { startAfter: 3600 }),
    ]);
    expect(rearmed.every((id) => typeof id === 'string')).toBe(true);
    expect(await jobState(first!)).toBe('cancelled');
    const pending = await pool.query(
      "select data from pgboss.job where name = 'timer' and singleton_key = 'entity-1' and state = 'created'",
    );
    expect(pending.rows).toHaveLength(1);

    expect(await j.cancelKey('timer', 'entity-1')).toBe(1);
    await j.cancel('timer', other!);
    expect(await jobState(other!)).toBe('cancelled');
    expect(await j.send('timer', { v: 6 }, { singletonKey: 'entity-1' })).toEqual(expect.any(String));
  });

  it('refuses a singletonKey on a standard queue, and unknown queues', async () => {
    const j = await jobs(false);
    await j.define('plain', async () => {});

    await expect(j.send('plain', {}, { singletonKey: 'k' })).rejects.toThrow(/singletonKey/);
    await expect(j.send('nowhere', {})).rejects.toThrow(/not defined/);
  });

  it('shares a queue between two processes: 200 jobs, each handled exactly once', async () => {
    const handled: number[] = [];
    const byProcess = [0, 0];
    const processes = await Promise.all([jobs(), jobs()]);
    await Promise.all(
      processes.map((p, i) =>
        p.define<{ n: number }>('shared', async ({ n }) => {
          handled.push(n);
          byProcess[i] += 1;
        }, { ...fast, batchSize: 10 }),
      ),
    );

    const ids: string[] = [];
    for (let n = 0; n < 200; n++) ids.push((await processes[n % 2].send('shared', { n }))!);

    await waitFor(
      async () => {
        const r = await pool.query(
          "select count(*)::int as n from pgboss.job where name = 'shared' and state = 'completed'",
        );
        return r.rows[0].n === 200;
      },
      { timeout: 60_000 },
    );
    expect(handled).toHaveLength(200);
    expect(new Set(handled).size).toBe(200);
    expect(byProcess[0] + byProcess[1]).toBe(200);
  });

  it('lets a web process send without ever running handlers', async () => {
    const web = await jobs(false);
    const worker = await jobs(true);
    const ranOnWeb: number[] = [];
    const ranOnWorker: number[] = [];
    await web.define<{ n: number }>('web-sent', async ({ n }) => {
      ranOnWeb.push(n);
    }, fast);
    await worker.define<{ n: number }>('web-sent', async ({ n }) => {
      ranOnWorker.push(n);
    }, fast);

    for (let n = 0; n < 20; n++) await web.send('web-sent', { n });

    await waitFor(() => ranOnWorker.length === 20);
    expect(ranOnWeb).toEqual([]);
    expect(web.worker).toBe(false);
  });

  it('registers a recurring job', async () => {
    const j = await jobs(false);
    await j.define('nightly', async () => {});

    await j.schedule('nightly', '0 3 * * *', { kind: 'cleanup' }, { tz: 'America/Sao_Paulo' });

    const r = await pool.query("select cron, timezone, data from pgboss.schedule where name = 'nightly'");
    expect(r.rows).toEqual([{ cron: '0 3 * * *', timezone: 'America/Sao_Paulo', data: { kind: 'cleanup' } }]);
    await j.unschedule('nightly');
    expect((await pool.query("select 1 from pgboss.schedule where name = 'nightly'")).rows).toHaveLength(0);
  });
});
