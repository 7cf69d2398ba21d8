import { createHash, randomBytes } from 'node:crypto';
import { STRATEGIES } from '../../contracts/serving';
import { must, type Atende } from './atende';

/**
 * The routing bench's operation: agents, service groups with every strategy, and a queue of
 * conversations, generated with SQL where the API would spend minutes (an argon2 hash per
 * agent, one transaction per conversation). One agent and every group go through the API, so
 * the rows the SQL copies are the ones Atende itself writes.
 */

export interface RoutingPlan {
  conversations: number;
  agents: number;
  groups: number;
  /** Every agent's simultaneous limit. */
  maxConversations: number;
  /** Members each group borrows from the next group's agents (agents in two groups share load). */
  borrowed: number;
  /** Share of conversations from priority contacts (served first). */
  priorityShare: number;
}

export interface RoutingWorkspace {
  agents: { id: string; token: string }[];
  groups: { id: string; strategy: string; memberIds: string[] }[];
  capacity: number;
}

const CHANNELS = 10;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The queue: conversations spread over the groups, the oldest waiting first, a few from
 * priority contacts, as receiveInbound leaves a new conversation (queued, with its event).
 */
async function queueConversations(db: Atende['db'], ws: string, plan: RoutingPlan, ids: { groupIds: string[]; channelIds: string[]; contactIds: string[] }) {
  await db.query(
    `with q as (
       insert into conversations (workspace_id, protocol, channel_id, contact_id, service_group_id, status, priority, queued_at,
                                  last_customer_message_at, last_message_at, last_message_preview)
       select $1, 'R-' || n, ($2::uuid[])[1 + n % $7::int], ($8::uuid[])[1 + n / $7::int], ($4::uuid[])[1 + n % $5::int], 'queued',
              case when random() < $6::float then 1 else 0 end,
              now() - make_interval(secs => $3::int - n), now() - make_interval(secs => $3::int - n),
              now() - make_interval(secs => $3::int - n), 'Olá, preciso de ajuda'
         from generate_series(0, $3::int - 1) n
       returning id, workspace_id, service_group_id
     )
     insert into conversation_events (workspace_id, conversation_id, type, to_group_id)
     select workspace_id, id, 'queued', service_group_id from q`,
    [ws, ids.channelIds, plan.conversations, ids.groupIds, plan.groups, plan.priorityShare, CHANNELS, ids.contactIds],
  );
}

/**
 * Back to the start for the next trigger: every conversation queued again, every agent offline
 * and never served, no assignment in the history, no automation timer left from the last fill.
 */
export async function resetRouting(db: Atende['db'], ws: string) {
  await db.query('begin');
  await db.query(`update conversations set status = 'queued', assignee_id = null, assigned_at = null where workspace_id = $1 and status <> 'queued'`, [ws]);
  await db.query(`delete from conversation_events where workspace_id = $1 and type <> 'queued'`, [ws]);
  await db.query(`update agent_states set presence = 'offline', online_since = null, last_queue_assignment_at = null where workspace_id = $1`, [ws]);
  await db.query(`update service_groups set last_assigned_user_id = null where workspace_id = $1`, [ws]);
  await db.query(`delete from timers where workspace_id = $1`, [ws]);
  await db.query('commit');
  await db.query('analyze');
}

export async function setUpRouting(atende: Atende, plan: RoutingPlan): Promise<RoutingWorkspace> {
  const { db, workspaceId: ws, url, adminToken } = atende;
  const perGroup = plan.agents / plan.groups;
  if (!Number.isInteger(perGroup)) throw new Error('routing bench: agents must divide evenly into groups');
  // Every group's queue must outlast its members' capacity, so that filling every agent is the
  // one correct end state whichever group reaches a shared agent first.
  if ((perGroup + plan.borrowed) * plan.maxConversations >= plan.conversations / plan.groups) {
    throw new Error('routing bench: a group could empty its queue; lower maxConversations or borrowed');
  }

  const template = await must(url, 'POST', '/api/v1/users', {
    login: 'bench.agent.0', displayName: 'Agente 0000', role: 'agent', password: 'Agente@2026', mustChangePassword: false, maxConversations: plan.maxConversations,
  }, adminToken);
  await db.query(
    `insert into users (workspace_id, login, display_name, role, priority, max_conversations, permissions, password_hash, must_change_password)
     select workspace_id, 'bench.agent.' || n, 'Agente ' || lpad(n::text, 4, '0'), role, n % 3, max_conversations, permissions, password_hash, false
       from users, generate_series(1, $2::int - 1) n where id = $1`,
    [template.id, plan.agents],
  );
  await db.query(`update users set priority = 0 where id = $1`, [template.id]);
  const ids = (await db.query<{ id: string }>(
    `select id from users where workspace_id = $1 and login like 'bench.agent.%' order by substring(login from 13)::int`, [ws],
  )).rows.map((r) => r.id);

  // A session per agent, as a login would leave it (only the token's SHA-256 is stored).
  const tokens = ids.map(() => randomBytes(24).toString('base64url'));
  await db.query(
    `insert into sessions (workspace_id, token_hash, kind, user_id, expires_at)
     select $1, h, 'session', u, now() + interval '1 day' from unnest($2::text[], $3::uuid[]) as t(h, u)`,
    [ws, tokens.map(sha256), ids],
  );

  const groups: RoutingWorkspace['groups'] = [];
  for (let g = 0; g < plan.groups; g++) {
    const own = ids.slice(g * perGroup, (g + 1) * perGroup);
    const next = ((g + 1) % plan.groups) * perGroup;
    const memberIds = [...own, ...ids.slice(next, next + plan.borrowed)];
    const strategy = STRATEGIES[g % STRATEGIES.length];
    const group = await must(url, 'POST', '/api/v1/service-groups', { name: `Fila ${g + 1}`, strategy, agentIds: memberIds }, adminToken);
    groups.push({ id: group.id, strategy, memberIds });
  }
  // Contacts cost the most to generate (their search triggers), and routing never reads them:
  // each contact writes on several channels, one open conversation on each.
  const channelIds: string[] = [];
  for (let i = 0; i < CHANNELS; i++) {
    channelIds.push((await must(url, 'POST', '/api/v1/channels', { type: 'webchat', name: `Site ${i + 1}`, serviceGroupId: groups[i % groups.length].id }, adminToken)).id);
  }
  const contactIds = (await db.query<{ id: string }>(
    `insert into contacts (workspace_id, display_name) select $1, 'Cliente ' || n from generate_series(1, ceil($2::float / $3::int)::int) n returning id`,
    [ws, plan.conversations, CHANNELS],
  )).rows.map((r) => r.id);
  await queueConversations(db, ws, plan, { groupIds: groups.map((g) => g.id), channelIds, contactIds });
  await db.query('analyze');
  return {
    agents: ids.map((id, i) => ({ id, token: tokens[i] })),
    groups,
    capacity: plan.agents * plan.maxConversations,
  };
}

/** Agents online as their presence call leaves them, without asking for routing. */
export async function putOnline(db: Atende['db'], ws: string, agentIds: string[]) {
  await db.query(
    `insert into agent_states (workspace_id, user_id, presence, online_since) select $1, u, 'online', now() from unnest($2::uuid[]) u
     on conflict (workspace_id, user_id) do update set presence = 'online', online_since = now()`,
    [ws, agentIds],
  );
}

/**
 * Asks for routing the way every producer does (an inbound batch, capacity freed, an agent
 * online): a `routing.requested` outbox event and the NOTIFY that wakes the dispatchers. One
 * commit per group, so both processes' dispatchers find work.
 */
export async function requestRoutingOf(db: Atende['db'], ws: string, groupIds: string[]) {
  for (const g of groupIds) {
    await db.query(
      `with e as (insert into outbox_events (workspace_id, type, payload) values ($1, 'routing.requested', $2)) select pg_notify('atende_outbox', '')`,
      [ws, { serviceGroupIds: [g], reason: 'inbound' }],
    );
  }
}
