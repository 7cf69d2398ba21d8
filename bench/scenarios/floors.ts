import type { Scenario } from '../scenario';
import { startAtende } from '../support/atende';
import type { LoadOutput } from '../support/floor-load';
import { runLoad, startFloorServer } from '../support/floor-process';
import { freePort } from '../../e2e/support/server-process';
import { sample } from '../support/proc-stats';
import { row } from '../support/stats';

/**
 * Scenario 1, the floors: what this machine gives at best, measured in the same run as the
 * other figures so they can be read as a fraction of it. A bare Fastify route answering 200,
 * and the same route doing one INSERT of a message-sized row into the PostgreSQL Atende uses
 * (a scratch copy of `messages`, same columns and indexes, no foreign keys). A small server
 * process answers; a separate closed-loop load process drives it over loopback.
 */

const TABLE = 'bench_floor_messages';
const CONNECTIONS = 32;

interface FloorRun extends LoadOutput {
  serverCpuPct: number;
  pgCpuPct: number;
}

export const floors: Scenario = {
  name: 'floors',
  async run(ctx) {
    const plan = ctx.quick ? { warmupSeconds: 1, seconds: 3 } : { warmupSeconds: 2, seconds: 12 };
    const atende = await startAtende();
    try {
      await atende.db.query(`create table ${TABLE} (like messages including defaults including indexes)`);
      const port = await freePort();
      const server = await startFloorServer(port, `postgres://postgres:postgres@127.0.0.1:${atende.pgPort}/postgres`, TABLE);
      const measure = async (path: string): Promise<FloorRun> => {
        const before = [sample(server.pid), sample(atende.pid)];
        const load = await runLoad({ host: '127.0.0.1', port, path, connections: CONNECTIONS, ...plan });
        const after = [sample(server.pid), sample(atende.pid)];
        const wall = (after[0].at - before[0].at) / 1000;
        const pctOf = (cpu: number) => Math.round((cpu / wall) * 100);
        ctx.log(`${path}: ${load.perSec}/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, errors ${load.errors}`);
        return { ...load, serverCpuPct: pctOf(after[0].atendeCpuSec - before[0].atendeCpuSec), pgCpuPct: pctOf(after[1].pgCpuSec - before[1].pgCpuSec) };
      };
      let hello: FloorRun;
      let insert: FloorRun;
      let rows: number;
      try {
        hello = await measure('/hello');
        insert = await measure('/insert');
        rows = (await atende.db.query<{ n: number }>(`select count(*)::int as n from ${TABLE}`)).rows[0].n;
      } finally {
        await server.stop();
      }
      // Warm-up and the last in-flight requests insert too: the table holds at least the counted ones.
      if (rows < insert.requests) throw new Error(`floors: ${insert.requests} inserts answered 200 but the table holds ${rows} rows`);
      if (hello.errors || insert.errors) throw new Error(`floors: errors (hello ${hello.errors}, insert ${insert.errors}): ${hello.firstError ?? insert.firstError}`);
      const result = {
        settings: { connections: CONNECTIONS, ...plan, table: `${TABLE} (like messages, with its indexes)`, serverPool: 20 },
        helloPerSec: hello.perSec,
        insertPerSec: insert.perSec,
        hello,
        insert: { ...insert, rowsInTable: rows },
      };
      return { json: { floors: result }, markdown: render(result) };
    } finally {
      await atende.stop();
    }
  },
};

function render(r: { settings: { connections: number; seconds: number }; hello: FloorRun; insert: FloorRun }) {
  const line = (name: string, f: FloorRun) =>
    row([name, f.perSec, f.latencyMs.p50, f.latencyMs.p99, f.latencyMs.max, `${f.serverCpuPct}%`, `${f.pgCpuPct}%`, f.requests, f.errors]);
  return [
    '## Floors',
    '',
    `A bare Fastify route (own process) and the same route doing one INSERT of a message-sized row into Atende's PostgreSQL, driven by a closed-loop load process over loopback: ${r.settings.connections} keep-alive connections, ${r.settings.seconds} s measured after a warm-up. Every other figure can be read as a fraction of these.`,
    '',
    '| route | req/s | p50 ms | p99 ms | max ms | server CPU | PG CPU | requests | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    line('hello (200)', r.hello),
    line('one INSERT', r.insert),
    '',
  ].join('\n');
}
