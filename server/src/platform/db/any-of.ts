import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column = any($1::type[])`: one array parameter however many values. Drizzle's `inArray` binds a
 * parameter per value, and on the hot paths (routing passes, timer batches, webhook batches,
 * hundreds to thousands of ids) building that list cost more than the query itself.
 */
export function anyOf(column: SQLWrapper, values: readonly unknown[], type: 'uuid' | 'text' | 'bigint'): SQL {
  return sql`${column} = any(${sql.param(values)}::${sql.raw(type)}[])`;
}
