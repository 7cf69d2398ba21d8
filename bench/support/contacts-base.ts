import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAtende, type Atende } from './atende';
import { checkDerivedColumns, generateContacts, type GenerateResult } from './contacts-dataset';
import { cachedDataset, filesHash, restoreDataset } from './dataset-cache';

/**
 * The contacts scenario's base: Atende on a database holding `contacts` generated contacts.
 *
 * Generating a million takes about a minute of two busy cores (~50 s of CPU for the rows, ~45 s
 * for the indexes), which on this shared machine stretches to four or five minutes when other work
 * runs; so the full run keeps the generated DATA_DIR in the dataset cache
 * (`~/.cache/atende-bench/contacts-1m-<key>`, keyed by the migrations and this generator's source)
 * and later runs copy it (seconds). Quick runs generate their 100,000 contacts each time. Either
 * way the real triggers recompute a sample of the contacts, which must match what the generator
 * wrote.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const VERSION = filesHash(['contacts-dataset.ts', 'contacts-base.ts'].map((f) => path.join(here, f)));
const META = 'contacts-base.json';

export interface ContactsBase {
  atende: Atende;
  generated: GenerateResult;
  /** How this run got its base: generated now, built into the cache now, or copied from it. */
  source: 'generated' | 'cache-built' | 'cache-copied';
  /** Seconds to build the cached base (this run or the one that built it) and to copy it for this run. */
  cacheBuildSeconds: number | null;
  cacheRestoreSeconds: number | null;
}

async function build(dataDir: string, contacts: number) {
  const atende = await startAtende({ dataDir, keepDataDir: true });
  try {
    const generated = await generateContacts(dbUrl(atende), atende.workspaceId, contacts);
    writeFileSync(path.join(dataDir, META), JSON.stringify({ generated }));
  } finally {
    await atende.stop();
  }
}

const dbUrl = (atende: Atende) => `postgres://postgres:postgres@127.0.0.1:${atende.pgPort}/postgres`;

export async function prepareContactsBase(contacts: number, opts: { cache: boolean; profileDir: string | null; log: (line: string) => void }): Promise<ContactsBase> {
  let base: Omit<ContactsBase, 'atende'> & { atende?: Atende };
  if (!opts.cache) {
    const atende = await startAtende({ profileDir: opts.profileDir });
    try {
      base = { atende, generated: await generateContacts(dbUrl(atende), atende.workspaceId, contacts), source: 'generated', cacheBuildSeconds: null, cacheRestoreSeconds: null };
    } catch (err) {
      await atende.stop();
      throw err;
    }
  } else {
    const name = `contacts-${contacts >= 1e6 ? `${contacts / 1e6}m` : `${contacts / 1e3}k`}`;
    const cache = await cachedDataset(name, VERSION, async (dir) => {
      opts.log(`building ${name} into the dataset cache (later runs copy it)`);
      await build(dir, contacts);
    });
    const t0 = performance.now();
    const dataDir = await restoreDataset(cache);
    const cacheRestoreSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const { generated } = JSON.parse(readFileSync(path.join(dataDir, META), 'utf8')) as { generated: GenerateResult };
    const atende = await startAtende({ dataDir, profileDir: opts.profileDir });
    base = { atende, generated, source: cache.built ? 'cache-built' : 'cache-copied', cacheBuildSeconds: cache.buildSeconds, cacheRestoreSeconds };
  }
  const atende = base.atende!;
  const sample = [...new Set(Array.from({ length: 200 }, () => 1 + Math.floor(Math.random() * contacts)))];
  const problems = await checkDerivedColumns(atende.db, atende.workspaceId, sample).catch(async (err) => [String(err)]);
  if (problems.length) {
    await atende.stop();
    throw new Error(`the generated contacts differ from what the triggers write: ${problems.join('; ')}`);
  }
  return { ...base, atende };
}
