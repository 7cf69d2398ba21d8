import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';

/** REPORT-1, first cut: the queue and the agents of a workspace, right now, in two queries. */
export async function overview(ctx: Ctx) {
  const groups = await ctx.db.execute<{
    id: string; name: string; queued: number; longest_wait_seconds: number | null; active: number; agents_online: number; agents_paused: number;
  }>(sql`
    select g.id, g.name,
      (select count(*)::int from conversations c where c.workspace_id = g.workspace_id and c.service_group_id = g.id and c.status = 'queued') as queued,
      (select extract(epoch from now() - min(c.queued_at))::float from conversations c
        where c.workspace_id = g.workspace_id and c.service_group_id = g.id and c.status = 'queued') as longest_wait_seconds,
      (select count(*)::int from conversations c where c.workspace_id = g.workspace_id and c.service_group_id = g.id and c.status = 'active') as active,
      (select count(*)::int from service_group_agents m join agent_states s on s.workspace_id = m.workspace_id and s.user_id = m.user_id
        where m.workspace_id = g.workspace_id and m.service_group_id = g.id and s.presence = 'online'
          and (s.paused_until is null or s.paused_until <= now())) as agents_online,
      (select count(*)::int from service_group_agents m join agent_states s on s.workspace_id = m.workspace_id and s.user_id = m.user_id
        where m.workspace_id = g.workspace_id and m.service_group_id = g.id and s.presence = 'online' and s.paused_until > now()) as agents_paused
    from service_groups g
    where g.workspace_id = ${ctx.workspaceId} and g.status = 'active'
    order by g.name`);
  const agents = await ctx.db.execute<{
    id: string; display_name: string; presence: string | null; paused_until: Date | null; pause_reason_name: string | null;
    active_count: number; max_conversations: number; service_group_ids: string[] | null; last_queue_assignment_at: Date | null;
  }>(sql`
    select u.id, u.display_name, s.presence, case when s.paused_until > now() then s.paused_until end as paused_until,
      case when s.paused_until > now() then r.name end as pause_reason_name,
      (select count(*)::int from conversations c where c.workspace_id = u.workspace_id and c.assignee_id = u.id and c.status = 'active') as active_count,
      u.max_conversations,
      (select array_agg(m.service_group_id) from service_group_agents m where m.workspace_id = u.workspace_id and m.user_id = u.id) as service_group_ids,
      s.last_queue_assignment_at
    from users u
    left join agent_states s on s.workspace_id = u.workspace_id and s.user_id = u.id
    left join pause_reasons r on r.id = s.pause_reason_id
    where u.workspace_id = ${ctx.workspaceId} and u.status = 'active' and u.role in ('agent', 'supervisor_agent')
    order by (s.presence = 'online') desc nulls last, u.display_name`);
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    groups: groups.rows.map((g) => ({
      id: g.id, name: g.name, queued: g.queued, longestWaitSeconds: g.longest_wait_seconds === null ? 0 : Math.round(g.longest_wait_seconds),
      active: g.active, agentsOnline: g.agents_online, agentsPaused: g.agents_paused,
    })),
    agents: agents.rows.map((a) => ({
      id: a.id, displayName: a.display_name, presence: (a.presence ?? 'offline') as 'online' | 'offline', pausedUntil: iso(a.paused_until),
      pauseReasonName: a.pause_reason_name, activeCount: a.active_count, maxConversations: a.max_conversations,
      serviceGroupIds: a.service_group_ids ?? [], lastQueueAssignmentAt: iso(a.last_queue_assignment_at),
    })),
    generatedAt: new Date().toISOString(),
  };
}
