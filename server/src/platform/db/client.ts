import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from '../../db-schema';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; repositories accept either (`Executor`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// timestamptz arrives as Date (default); bigint counters as numbers: none of ours exceed 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export function createPool(url: string, max = 10) {
  return new pg.Pool({ connectionString: url, max, application_name: 'atende' });
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}

/** Applies committed migrations; an advisory lock keeps concurrent starts from racing. */
export async function runMigrations(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(7426001)');
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7426001)').catch(() => {});
    client.release();
  }
}

let expectedMigrations: number | undefined;

/** True when every committed migration is applied (readiness). */
export async function migrationsApplied(pool: pg.Pool): Promise<boolean> {
  if (expectedMigrations === undefined) {
    const { readMigrationFiles } = await import('drizzle-orm/migrator');
    expectedMigrations = readMigrationFiles({ migrationsFolder }).length;
  }
  const r = await pool
    .query('select count(*)::int as n from drizzle.__drizzle_migrations')
    .catch(() => ({ rows: [{ n: 0 }] }));
  return r.rows[0].n >= expectedMigrations;
}
