import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';

/** YYYYMMDD of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

export const formatProtocol = (day: string, n: number) => `${day}-${String(n).padStart(6, '0')}`;

/**
 * The next protocol of the workspace's local day (`20261121-000123`): one upsert on a
 * counter row, so numbers are unique and gap-free even with many processes.
 */
export async function nextProtocol(tx: Executor, workspaceId: string, timeZone: string, at: Date): Promise<string> {
  const day = localDay(at, timeZone);
  const r = await tx.execute<{ last: number }>(sql`
    insert into protocol_counters (workspace_id, day, last) values (${workspaceId}, ${day}, 1)
    on conflict (workspace_id, day) do update set last = protocol_counters.last + 1
    returning last`);
  return formatProtocol(day, r.rows[0].last);
}
