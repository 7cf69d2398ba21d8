import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/platform/db/embedded';
import { createPool, runMigrations } from '../src/platform/db/client';

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set, else an embedded one in a
 * temporary folder. A template database gets the migrations once; every test file clones it.
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: 'warn' });
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'atende-test-'));
    embedded = await startEmbeddedPostgres(dir, log, { persistent: false, port: 0 });
    adminUrl = embedded.url;
  }
  const template = `atende_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const url = withDatabase(adminUrl, template);
  const pool = createPool(url, 2);
  await runMigrations(pool);
  await pool.end();
  await admin.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const dbs = await c.query(`select datname from pg_database where datname like $1`, [`atende_t${process.pid}_%`]);
    for (const { datname } of dbs.rows) await c.query(`drop database if exists "${datname}" with (force)`);
    await c.query(`drop database if exists ${template} with (force)`);
    await c.end();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}
