import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';

// Building a DateTimeFormat costs far more than using one: one per time zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}

/** YYYYMMDD of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  const p = dayFormat(timeZone).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

export const formatProtocol = (day: string, n: number) => `${day}-${String(n).padStart(6, '0')}`;

/**
 * The next protocol of the workspace's local day (`20261121-000123`): one upsert on a
 * counter row, so numbers are unique and gap-free even with many processes.
 */
export async function nextProtocol(tx: Executor, workspaceId: string, timeZone: string, at: Date): Promise<string> {
  return (await nextProtocols(tx, workspaceId, timeZone, [at]))[0];
}

/** Protocols for several new conversations (one upsert per local day among them), in the order given. */
export async function nextProtocols(tx: Executor, workspaceId: string, timeZone: string, ats: Date[]): Promise<string[]> {
  const days = ats.map((at) => localDay(at, timeZone));
  const count = new Map<string, number>();
  for (const d of days) count.set(d, (count.get(d) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [day, n] of count) {
    const r = await tx.execute<{ last: number }>(sql`
      insert into protocol_counters (workspace_id, day, last) values (${workspaceId}, ${day}, ${n})
      on conflict (workspace_id, day) do update set last = protocol_counters.last + ${n}
      returning last`);
    next.set(day, Number(r.rows[0].last) - n + 1);
  }
  return days.map((d) => {
    const n = next.get(d)!;
    next.set(d, n + 1);
    return formatProtocol(d, n);
  });
}
