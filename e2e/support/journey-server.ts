import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './server-process';
import { launchBrowser } from './browser';

/**
 * A journey's world: the real server on its own embedded database with the bootstrap
 * administrator (admin / Admin@2026), and a Chromium; both stopped after the file.
 */
export function useJourneyServer(extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'atende-journey-'));
  const world = {} as { server: ServerProcess; browser: Browser };
  beforeAll(async () => {
    world.server = await startServerProcess({
      DATA_DIR: dataDir,
      ATENDE_BOOTSTRAP_WORKSPACE: 'Loja Exemplo',
      ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin',
      ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Admin@2026',
      ...extraEnv,
    });
    world.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await world.browser?.close();
    if (world.server && world.server.child.exitCode === null) {
      world.server.child.kill('SIGTERM');
      await world.server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  return world;
}
