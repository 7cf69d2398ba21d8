import type pg from 'pg';
import type { RoutingWorkspace } from './routing-setup';

/**
 * The count check after a routing fill, straight from the database: every slot filled and no
 * more, no conversation assigned twice, nobody outside their group, queue order kept.
 */
export interface RoutingCheck {
  active: number;
  queued: number;
  assignedEvents: number;
  assignedTwice: number;
  agentsOverLimit: number;
  agentsNotFull: number;
  outsideGroup: number;
  /** Groups where a queued conversation was ahead (priority, then waiting) of an assigned one. */
  groupsOutOfOrder: number;
}

export async function checkRouting(db: pg.Client, workspaceId: string, ws: RoutingWorkspace): Promise<RoutingCheck> {
  const one = async (q: string, params: unknown[] = [workspaceId]) => Number((await db.query(q, params)).rows[0].n);
  const status = (s: string) => one(`select count(*)::int as n from conversations where workspace_id = $1 and status = '${s}'`);
  return {
    active: await status('active'),
    queued: await status('queued'),
    assignedEvents: await one(`select count(*)::int as n from conversation_events where workspace_id = $1 and type = 'assigned'`),
    assignedTwice: await one(`select count(*)::int as n from (select conversation_id from conversation_events
                              where workspace_id = $1 and type = 'assigned' group by 1 having count(*) > 1) x`),
    agentsOverLimit: await one(`select count(*)::int as n from (select assignee_id from conversations c join users u on u.id = c.assignee_id
                                where c.workspace_id = $1 and c.status = 'active' group by assignee_id, u.max_conversations
                                having count(*) > u.max_conversations) x`),
    agentsNotFull: await one(`select count(*)::int as n from users u where u.workspace_id = $1 and u.id = any($2::uuid[])
                              and (select count(*) from conversations c where c.workspace_id = $1 and c.assignee_id = u.id and c.status = 'active') <> u.max_conversations`,
    [workspaceId, ws.agents.map((a) => a.id)]),
    outsideGroup: await one(`select count(*)::int as n from conversations c where c.workspace_id = $1 and c.status = 'active'
                             and not exists (select 1 from service_group_agents m where m.service_group_id = c.service_group_id and m.user_id = c.assignee_id)`),
    groupsOutOfOrder: await one(`select count(*)::int as n from (
        select service_group_id from (
          select service_group_id, status, row_number() over (partition by service_group_id order by priority desc, queued_at, id) as rank
            from conversations where workspace_id = $1 and status in ('active', 'queued')) r
        group by 1 having max(rank) filter (where status = 'active') > count(*) filter (where status = 'active')) x`),
  };
}

/** How long each type of outbox event waited for its dispatch (created → batch done), in ms. */
export async function outboxWaits(db: pg.Client, workspaceId: string) {
  const r = await db.query<{ type: string; n: number; p50: number; max: number }>(
    `select type, count(*)::int as n,
            round(percentile_cont(0.5) within group (order by extract(epoch from dispatched_at - created_at)) * 1000)::int as p50,
            round(max(extract(epoch from dispatched_at - created_at)) * 1000)::int as max
       from outbox_events where workspace_id = $1 and dispatched_at is not null group by type order by type`, [workspaceId]);
  return Object.fromEntries(r.rows.map((x) => [x.type, { count: x.n, p50Ms: x.p50, maxMs: x.max }]));
}

export const checkPassed = (c: RoutingCheck, conversations: number, capacity: number) =>
  c.active === capacity && c.queued === conversations - capacity && c.assignedEvents === capacity &&
  c.assignedTwice === 0 && c.agentsOverLimit === 0 && c.agentsNotFull === 0 && c.outsideGroup === 0 && c.groupsOutOfOrder === 0;
