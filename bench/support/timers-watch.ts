import type { Atende } from './atende';
import { DUE_TABLE } from './timers-setup';
import { summary } from './stats';

/**
 * Lateness of fired timers, two ways:
 * - by the runner's clock: each conversation's `closed_at` is the time its batch was fired by,
 *   minus the time it was due (exact, per timer);
 * - as seen from outside: how many of the window's timers are left, polled; the k-th timer by
 *   due time counts as fired at the first poll that saw k of them gone (the runner takes due
 *   timers in due order), minus its due time. That includes the batch's work and its commit:
 *   an upper bound, within one poll.
 */

export interface Seen { at: number; fired: number }

const KIND = 'automation.inactivity-close';

/** Polls how many of the window's timers fired, until all did or `untilMs` passed. */
export async function watchFiring(atende: Atende, due: number, cutoff: Date, untilMs: number, pollMs: number): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (;;) {
    const r = await atende.db.query(`select count(*)::int as n from timers where kind = $1 and due_at < $2`, [KIND, cutoff]);
    const fired = due - Number(r.rows[0].n);
    seen.push({ at: Date.now(), fired });
    if (fired >= due || Date.now() > untilMs) return seen;
    await new Promise((res) => setTimeout(res, pollMs));
  }
}

export async function lateness(atende: Atende, cutoff: Date, seen: Seen[]) {
  const rows = (await atende.db.query<{ due: number; late: number | null }>(
    `select extract(epoch from d.due_at) * 1000 as due, extract(epoch from c.closed_at - d.due_at) * 1000 as late
       from ${DUE_TABLE} d join conversations c on c.id = d.conversation_id where d.due_at < $1 order by d.due_at`, [cutoff],
  )).rows.map((r) => ({ due: Number(r.due), late: r.late === null ? null : Number(r.late) }));
  const byRunner = rows.flatMap((r) => (r.late === null ? [] : [r.late]));
  const visible: number[] = [];
  let j = 0;
  for (let k = 0; k < rows.length; k++) {
    while (j < seen.length && seen[j].fired < k + 1) j++;
    if (j === seen.length) break;
    visible.push(Math.max(0, seen[j].at - rows[k].due));
  }
  return { runnerClockMs: summary(byRunner), visibleMs: summary(visible), early: byRunner.filter((l) => l < 0).length };
}

/**
 * Each of the window's timers fired once (one close per conversation, none left armed, none
 * closed twice) and none of the later ones fired.
 */
export async function countFirings(atende: Atende, cutoff: Date) {
  const r = await atende.db.query(`
    with w as (select conversation_id as id, due_at < $1 as due from ${DUE_TABLE})
    select (select count(*)::int from conversations c join w on w.id = c.id where w.due and c.status = 'closed') as closed,
           (select count(*)::int from conversation_events e join w on w.id = e.conversation_id where w.due and e.type = 'closed') as "closeEvents",
           (select count(*)::int from (select e.conversation_id from conversation_events e join w on w.id = e.conversation_id
                                        where e.type = 'closed' group by 1 having count(*) > 1) x) as "closedTwice",
           (select count(*)::int from timers t join w on w.id = t.subject_id where w.due and t.kind = $2) as "stillArmed",
           (select count(*)::int from conversations c join w on w.id = c.id where not w.due and c.status <> 'queued') as "laterFired",
           (select count(*)::int from timers t join w on w.id = t.subject_id where not w.due and t.kind = $2) as "laterArmed"`, [cutoff, KIND]);
  return r.rows[0] as { closed: number; closeEvents: number; closedTwice: number; stillArmed: number; laterFired: number; laterArmed: number };
}
