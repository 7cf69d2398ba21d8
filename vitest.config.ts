import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) } },
  test: {
    globalSetup: ['./server/test/global-setup.ts'],
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/widget/src/**/*.test.ts', 'e2e/**/*.test.ts', 'sandbox/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: keep PostgreSQL and the browser room to breathe.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
});
