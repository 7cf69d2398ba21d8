import type pg from 'pg';

/**
 * Runs a bulk load with the tables' indexes dropped and builds them again afterwards: one sort
 * per index instead of millions of random insertions into trees bigger than shared_buffers. The
 * definitions come from the catalog, so the rebuilt indexes are exactly the migrations' ones.
 * Indexes that foreign keys depend on (a referenced primary key) stay.
 */
export async function deferIndexes<T>(db: pg.Client, tables: string[], load: () => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ name: string; table: string; def: string; constraint: string | null; constraintDef: string | null }>(
    `select i.indexrelid::regclass::text as name, t.relname as table, pg_get_indexdef(i.indexrelid) as def,
            con.conname as constraint, pg_get_constraintdef(con.oid) as "constraintDef"
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u')
      where t.relname = any($1) and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
      order by i.indexrelid`,
    [tables],
  );
  for (const r of rows) {
    await db.query(r.constraint ? `alter table "${r.table}" drop constraint "${r.constraint}"` : `drop index ${r.name}`);
  }
  try {
    return await load();
  } finally {
    for (const r of rows) {
      await db.query(r.constraint ? `alter table "${r.table}" add constraint "${r.constraint}" ${r.constraintDef}` : r.def);
    }
  }
}
