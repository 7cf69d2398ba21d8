import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { api } from '../../e2e/support/api';
import { freePort, startServerProcess, type ServerProcess } from '../../e2e/support/server-process';

/** The admin every bench workspace is bootstrapped with. */
export const ADMIN = { login: 'admin', password: 'Admin@2026' };

export interface Atende {
  url: string;
  /** Atende's process id; its embedded PostgreSQL runs as its descendants (see proc-stats). */
  pid: number;
  server: ServerProcess;
  /** A direct connection to Atende's own database, for generating data and counting. */
  db: pg.Client;
  pgPort: number;
  dataDir: string;
  workspaceId: string;
  adminToken: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server (e.g. ATENDE_ROLE). */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of Atende into this folder when it stops. */
  profileDir?: string | null;
  /** Start on this prepared DATA_DIR (e.g. a restored dataset, see dataset-cache.ts) instead of a fresh one. */
  dataDir?: string;
  /** Leave DATA_DIR in place when stopping (building a dataset); by default stop() removes it. */
  keepDataDir?: boolean;
  /** Extra Node.js flags for the server (e.g. `--inspect=127.0.0.1:0` to read its heap, see heap-probe.ts). */
  nodeArgs?: string[];
}

/**
 * Starts Atende as a child process on a fresh embedded PostgreSQL in a temporary folder, with one
 * workspace and its admin, and connects to its database. `stop()` ends both and removes the folder.
 */
export async function startAtende(opts: StartOptions = {}): Promise<Atende> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'atende-bench-'));
  const removeDataDir = () => !opts.keepDataDir && rmSync(dataDir, { recursive: true, force: true });
  const [port, pgPort] = [await freePort(), await freePort()];
  let server: ServerProcess;
  try {
    server = await startServerProcess({
      PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      ATENDE_BOOTSTRAP_WORKSPACE: 'Bench', ATENDE_BOOTSTRAP_ADMIN_LOGIN: ADMIN.login, ATENDE_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      ...opts.env,
    }, undefined, [...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : []), ...(opts.nodeArgs ?? [])]);
  } catch (err) {
    removeDataDir();
    throw err;
  }
  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` });
  const stop = async () => {
    await db.end().catch(() => undefined);
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
    await server.exited;
    clearTimeout(timer);
    removeDataDir();
  };
  try {
    await db.connect();
    const { rows } = await db.query<{ id: string }>('select id from workspaces order by created_at limit 1');
    const login = await api(server.url, 'POST', '/api/v1/auth/login', ADMIN);
    if (login.status !== 200) throw new Error(`admin login → ${login.status}`);
    return { url: server.url, pid: server.child.pid!, server, db, pgPort, dataDir, workspaceId: rows[0].id, adminToken: login.body.token, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** An API call that must succeed: the bench stops with the server's answer otherwise. */
export async function must(base: string, method: string, route: string, body: unknown, token?: string) {
  const r = await api(base, method, route, body, token);
  if (r.status >= 300) throw new Error(`${method} ${route} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Waits (bounded) until the outbox has nothing left to dispatch; returns how long that took. */
export async function outboxSettled(atende: Atende, limitMs = 60_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    const r = await atende.db.query(`select count(*)::int as n from outbox_events where dispatched_at is null`);
    if (Number(r.rows[0].n) === 0) return Date.now() - t0;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`the outbox did not settle within ${limitMs} ms`);
}
