import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAtende, type Atende } from './atende';
import { cachedDataset, filesHash, restoreDataset, type CachedDataset } from './dataset-cache';
import { generateGrowthData, type GrowthData } from './growth-data';
import { setUpWorkspace } from './whatsapp-workspace';

/**
 * One growth dataset per size: Atende's own workspace set up through the API (agent, group,
 * WhatsApp channel, as the ingest scenario has it), then the history generated in SQL. Kept in the
 * dataset cache, so only the first run on a machine (or after a schema change) pays for it.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
/** The generator's code is part of the dataset: a change to it builds afresh. */
const VERSION = filesHash(['growth-data.ts', 'growth-indexes.ts', 'growth-dataset.ts', 'whatsapp-workspace.ts'].map((f) => path.join(here, f)));
const META = 'growth.json';
export const AGENT = { login: 'bench-agent', password: 'Agente@2026' };

export interface GrowthMeta extends GrowthData {
  channelId: string;
  agentId: string;
}

export interface PreparedDataset {
  cache: CachedDataset;
  meta: GrowthMeta;
  /** Seconds to copy the cached folder for this run. */
  restoreSeconds: number;
  dataDir: string;
}

export const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}m` : n >= 1e3 ? `${n / 1e3}k` : String(n));

async function build(dataDir: string, messages: number, log: (line: string) => void) {
  const atende = await startAtende({ dataDir, keepDataDir: true });
  try {
    // The real Graph URL is set by each run (its sandbox listens on a new port every time).
    const { channelId } = await setUpWorkspace(atende.url, atende.adminToken, 'http://127.0.0.1:9');
    const { rows } = await atende.db.query<{ id: string; service_group_id: string }>(
      `select u.id, c.service_group_id from users u, channels c where u.login = $1 and c.id = $2`,
      [AGENT.login, channelId],
    );
    const data = await generateGrowthData(
      atende.db,
      { workspaceId: atende.workspaceId, channelId, serviceGroupId: rows[0].service_group_id, agentId: rows[0].id },
      messages,
      log,
    );
    const meta: GrowthMeta = { ...data, channelId, agentId: rows[0].id };
    writeFileSync(path.join(dataDir, META), JSON.stringify(meta, null, 2));
  } finally {
    await atende.stop();
  }
}

/** The size's dataset, built into the cache when missing, and a private copy of it for this run. */
export async function prepareDataset(messages: number, log: (line: string) => void): Promise<PreparedDataset> {
  const name = `growth-${sizeLabel(messages)}`;
  const cache = await cachedDataset(name, VERSION, async (dir) => {
    log(`building dataset ${name} (cached for later runs)`);
    await build(dir, messages, log);
  });
  if (cache.built) log(`dataset ${name} built in ${cache.buildSeconds} s`);
  const t0 = performance.now();
  const dataDir = await restoreDataset(cache);
  const restoreSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const meta = JSON.parse(readFileSync(path.join(dataDir, META), 'utf8')) as GrowthMeta;
  return { cache, meta, restoreSeconds, dataDir };
}

/** Atende on the dataset's copy; stop() removes the copy. */
export async function startOnDataset(d: PreparedDataset, profileDir: string | null): Promise<Atende> {
  return startAtende({ dataDir: d.dataDir, profileDir });
}
