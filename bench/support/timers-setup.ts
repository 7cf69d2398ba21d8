import { must, type Atende } from './atende';

/**
 * The timers bench's data: queued conversations, each with the inactivity close that group
 * automation arms (kind `automation.inactivity-close`, subject = the conversation), generated
 * with SQL: some due evenly over the measured window, the rest an hour later (armed all along,
 * so the runner works against the whole population). Each due time is also kept in a scratch
 * table of the bench, so every firing can be matched with the time it was due.
 */

export const DUE_TABLE = 'bench_timer_due';
/** Contacts cost the most to generate (search triggers) and automation never reads them here. */
const CHANNELS = 20;

export interface TimersPlan {
  /** The armed population. */
  timers: number;
  /** How many of them fall due during the measured window (evenly); the rest are due an hour later. */
  due: number;
  /** From arming until the first is due, so arming commits before any is due. */
  leadMs: number;
  windowMs: number;
}

export async function setUpTimers(atende: Atende, plan: TimersPlan) {
  const { db, url, adminToken, workspaceId: ws } = atende;
  const group = await must(url, 'POST', '/api/v1/service-groups', { name: 'Suporte', strategy: 'longest_idle' }, adminToken);
  const channelIds: string[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    channelIds.push((await must(url, 'POST', '/api/v1/channels', { type: 'webchat', name: `Site ${i + 1}`, serviceGroupId: group.id }, adminToken)).id);
  }
  const contactIds = (await db.query<{ id: string }>(
    `insert into contacts (workspace_id, display_name) select $1, 'Cliente ' || n from generate_series(1, ceil($2::float / $3::int)::int) n returning id`,
    [ws, plan.timers, CHANNELS],
  )).rows.map((r) => r.id);
  await db.query(`create table ${DUE_TABLE} (conversation_id uuid primary key, due_at timestamptz not null)`);
  await db.query(
    `insert into conversations (workspace_id, protocol, channel_id, contact_id, service_group_id, status, priority, queued_at, last_customer_message_at)
     select $1, 'T-' || n, ($2::uuid[])[1 + n % $4::int], ($3::uuid[])[1 + n / $4::int], $5, 'queued', 0, now(), now()
       from generate_series(0, $6::int - 1) n`,
    [ws, channelIds, contactIds, CHANNELS, group.id, plan.timers],
  );
  await db.query('analyze conversations');
  // Armed last and in one statement, due from now + lead: the whole population is armed before
  // the first one is due.
  const r = await db.query<{ first: Date; last: Date; cutoff: Date; armed: Date }>(
    `with c as (
       select id, row_number() over (order by id) - 1 as k from conversations where workspace_id = $1 and status = 'queued'
     ), d as (
       insert into ${DUE_TABLE} (conversation_id, due_at)
       select id, now() + case when k < $4::int then make_interval(secs => ($2::float + k * $3::float / $4::int) / 1000)
                               else interval '1 hour' + make_interval(secs => k::float / 1000) end from c
       returning conversation_id, due_at
     ), t as (
       insert into timers (workspace_id, kind, subject_id, due_at) select $1, 'automation.inactivity-close', conversation_id, due_at from d
     )
     select min(due_at) as first, max(due_at) filter (where due_at < now() + interval '30 minutes') as last,
            now() + interval '30 minutes' as cutoff, clock_timestamp() as armed from d`,
    [ws, plan.leadMs, plan.windowMs, plan.due],
  );
  const { first, last, cutoff, armed } = r.rows[0];
  // Committed after the first was due, the early ones would be late before the runner could see them.
  if (Date.now() > first.getTime()) throw new Error(`timers bench: arming took past the first due time; raise leadMs (armed ${armed.toISOString()}, first due ${first.toISOString()})`);
  await db.query(`analyze timers; analyze ${DUE_TABLE}`);
  // `cutoff` parts the window's timers from the later ones (between them, so no rounding of
  // microseconds into a JS Date can put one on the wrong side).
  return { groupId: group.id as string, firstDue: first, lastDue: last, cutoff };
}
