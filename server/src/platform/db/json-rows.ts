import { getTableColumns, getTableName, sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/**
 * Multi-row inserts for hot paths, as one JSON parameter read by `jsonb_to_recordset`.
 *
 * Drizzle builds a multi-row insert value by value: 200 message rows took tens of milliseconds
 * of CPU to build (and PostgreSQL has thousands of parameters to bind), which at WhatsApp's rate
 * was the server's largest cost. Here the rows are serialised once, the statement text depends
 * only on the columns, and rows come back decoded as Drizzle would decode them.
 *
 * Every row must give the same columns: a column left out of some rows would be NULL there, not
 * its default (such batches go through Drizzle instead). Values are what Drizzle takes: Dates,
 * objects for jsonb, arrays for array columns.
 */
export async function insertJsonRows<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: InferInsertModel<T>[],
  opts: { returning: true; onConflictDoNothing?: boolean },
): Promise<InferSelectModel<T>[]>;
export async function insertJsonRows<T extends PgTable>(tx: Executor, table: T, rows: InferInsertModel<T>[], opts?: { returning?: false; onConflictDoNothing?: boolean }): Promise<void>;
export async function insertJsonRows<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: InferInsertModel<T>[],
  opts: { returning?: boolean; onConflictDoNothing?: boolean } = {},
): Promise<InferSelectModel<T>[] | void> {
  if (rows.length === 0) return opts.returning ? [] : undefined;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const uneven = rows.some((r) => Object.keys(columns).some((k) => ((r as Record<string, unknown>)[k] !== undefined) !== keys.includes(k)));
  // Defaults computed in JavaScript ($defaultFn, $onUpdate) are Drizzle's to apply.
  const jsDefaults = Object.keys(columns).some((k) => !keys.includes(k) && (columns[k].defaultFn || columns[k].onUpdateFn));
  if (uneven || jsDefaults) {
    const q = tx.insert(table).values(rows);
    const conflict = opts.onConflictDoNothing ? q.onConflictDoNothing() : q;
    return opts.returning ? ((await conflict.returning()) as InferSelectModel<T>[]) : void (await conflict);
  }
  const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
  const record = keys.map((k) => `"${columns[k].name}" ${recordType(columns[k])}`).join(', ');
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, (r as Record<string, unknown>)[k]]))));
  const r = await tx.execute<Record<string, unknown>>(sql`
    insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)})
    select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(record)})
    ${sql.raw(opts.onConflictDoNothing ? 'on conflict do nothing' : '')}
    ${sql.raw(opts.returning ? 'returning *' : '')}`);
  if (!opts.returning) return;
  return r.rows.map((raw) => decodeRow(columns, raw) as InferSelectModel<T>);
}

/** A select of whole rows by raw SQL, decoded like Drizzle's own results (column names → fields). */
export function decodeRow(columns: Record<string, PgColumn>, raw: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(columns)) {
    const v = raw[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out;
}

/** The type jsonb_to_recordset reads a column as: serial types are plain integers there. */
function recordType(col: PgColumn) {
  const t = col.getSQLType();
  if (t === 'bigserial') return 'bigint';
  if (t === 'serial') return 'integer';
  if (t === 'smallserial') return 'smallint';
  return t;
}
