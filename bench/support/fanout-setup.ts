import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Atende } from './atende';
import { must } from './atende';

/**
 * The fan-out workspace: `groups` service groups, each with its web chat channel and an equal
 * share of `agents` online agents, and `customers` web chat visitors spread over the channels.
 *
 * Only the first agent goes through the API (argon2 hashing costs tens of milliseconds per user);
 * the others copy its row — same permissions, same password hash — in one statement. Sessions
 * and visitors are written the way the server issues them (32 random bytes, base64url; only the
 * SHA-256 stored; 12 h expiry like a login), because the login and pre-chat endpoints are
 * rate-limited per address and would take minutes for thousands.
 *
 * Each customer already talks with an agent of its channel's group: an active conversation,
 * assigned, as routing leaves it (the `queued` and `assigned` history included). Opening
 * thousands through the widget would measure routing and the protocol counter (scenario 4),
 * not fan-out, and would take most of the time budget.
 */

export interface FanoutAgent { userId: string; token: string; conversations: { id: string; contactId: string }[] }
export interface FanoutCustomer { contactId: string; channelId: string; token: string; conversationId: string; agentId: string }
export interface FanoutWorkspace { groups: number; agents: FanoutAgent[]; customers: FanoutCustomer[] }

const newToken = () => randomBytes(32).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const SESSION_TTL = '12 hours';
const PASSWORD = 'Agente@2026';

export async function setUpFanout(atende: Atende, size: { agents: number; customers: number; groups: number }): Promise<FanoutWorkspace> {
  const { url, adminToken, workspaceId, db } = atende;
  const channels: { groupId: string; channelId: string }[] = [];
  for (let g = 0; g < size.groups; g++) {
    const group = await must(url, 'POST', '/api/v1/service-groups', { name: `Fanout ${g}`, agentIds: [] }, adminToken);
    const channel = await must(url, 'POST', '/api/v1/channels', { type: 'webchat', name: `Site ${g}`, serviceGroupId: group.id }, adminToken);
    channels.push({ groupId: group.id, channelId: channel.id });
  }

  const template = await must(url, 'POST', '/api/v1/users', {
    login: 'fanout-agent-0', displayName: 'Agente 0', role: 'agent', password: PASSWORD, mustChangePassword: false,
  }, adminToken);
  const cloned = await db.query<{ id: string }>(
    `insert into users (workspace_id, login, display_name, role, priority, max_conversations, work_hours, permissions,
                        password_hash, must_change_password, password_changed_at, status)
     select u.workspace_id, 'fanout-agent-' || i, 'Agente ' || i, u.role, u.priority, u.max_conversations, u.work_hours,
            u.permissions, u.password_hash, u.must_change_password, u.password_changed_at, u.status
       from users u, generate_series(1, $2::int) i
      where u.workspace_id = $1 and u.id = $3
     returning id`,
    [workspaceId, size.agents - 1, template.id],
  );
  const userIds = [template.id as string, ...cloned.rows.map((r) => r.id)];
  const agents = userIds.map((userId) => ({ userId, token: newToken() }));
  await db.query(
    `insert into sessions (workspace_id, token_hash, kind, user_id, user_agent, expires_at)
     select $1, h, 'session', u, 'atende-bench', now() + interval '${SESSION_TTL}'
       from unnest($2::text[], $3::uuid[]) as t(h, u)`,
    [workspaceId, agents.map((a) => sha256(a.token)), userIds],
  );
  await db.query(
    `insert into service_group_agents (workspace_id, service_group_id, user_id)
     select $1, g, u from unnest($2::uuid[], $3::uuid[]) as t(g, u)`,
    [workspaceId, userIds.map((_, i) => channels[i % channels.length].groupId), userIds],
  );
  // Already online when the run starts (as after a shift change): going online through the API
  // would route each agent's groups 2,000 times before anyone writes.
  await db.query(
    `insert into agent_states (workspace_id, user_id, presence, online_since)
     select $1, u, 'online', now() from unnest($2::uuid[]) as t(u)
     on conflict (workspace_id, user_id) do update set presence = 'online', online_since = now()`,
    [workspaceId, userIds],
  );

  // What the pre-chat form writes (startSession): a contact, its channel identity, the visitor.
  const customers = Array.from({ length: size.customers }, (_, i) => ({
    visitorId: randomUUID(), contactId: randomUUID(), channelId: channels[i % channels.length].channelId, token: newToken(), i,
  }));
  const col = <K extends keyof (typeof customers)[number]>(k: K) => customers.map((c) => c[k]);
  await db.query(
    `insert into contacts (id, workspace_id, display_name, email)
     select c, $1, 'Cliente ' || i, 'cliente' || i || '@fanout.example' from unnest($2::uuid[], $3::int[]) as t(c, i)`,
    [workspaceId, col('contactId'), col('i')],
  );
  await db.query(
    `insert into contact_identities (workspace_id, channel_id, external_id, contact_id)
     select $1, ch, v::text, c from unnest($2::uuid[], $3::uuid[], $4::uuid[]) as t(ch, v, c)`,
    [workspaceId, col('channelId'), col('visitorId'), col('contactId')],
  );
  await db.query(
    `insert into webchat_visitors (id, workspace_id, channel_id, contact_id, token_hash, last_seen_at)
     select v, $1, ch, c, h, now() from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[]) as t(v, ch, c, h)`,
    [workspaceId, col('visitorId'), col('channelId'), col('contactId'), customers.map((c) => sha256(c.token))],
  );
  // Customer i is on channel i % groups, agent i in group i % groups: agent (i % agents) serves it.
  const agentOf = (i: number) => userIds[i % userIds.length];
  const conversationIds = customers.map(() => randomUUID());
  const { rows: [{ day }] } = await db.query<{ day: string }>(
    `select to_char(now() at time zone time_zone, 'YYYYMMDD') as day from workspaces where id = $1`, [workspaceId]);
  await db.query(
    `insert into conversations (id, workspace_id, protocol, channel_id, contact_id, service_group_id, status, assignee_id, queued_at, assigned_at)
     select cv, $1, $2 || '-' || lpad(i::text, 6, '0'), ch, ct, g, 'active', u, now(), now()
       from unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[]) with ordinality as t(cv, ch, ct, g, u, i)`,
    [workspaceId, day, conversationIds, col('channelId'), col('contactId'), customers.map((c) => channels.find((x) => x.channelId === c.channelId)!.groupId),
      customers.map((_, i) => agentOf(i))],
  );
  await db.query(
    `insert into conversation_events (workspace_id, conversation_id, type, to_user_id, to_group_id)
     select c.workspace_id, c.id, e.type, case when e.type = 'assigned' then c.assignee_id end, c.service_group_id
       from conversations c, (values (1, 'queued'), (2, 'assigned')) as e(n, type)
      where c.workspace_id = $1 order by c.id, e.n`,
    [workspaceId],
  );
  await db.query(
    `insert into protocol_counters (workspace_id, day, last) values ($1, $2, $3)
     on conflict (workspace_id, day) do update set last = protocol_counters.last + $3`,
    [workspaceId, day, customers.length],
  );
  await db.query('analyze');
  const byAgent = new Map<string, { id: string; contactId: string }[]>();
  customers.forEach((c, i) => byAgent.set(agentOf(i), [...(byAgent.get(agentOf(i)) ?? []), { id: conversationIds[i], contactId: c.contactId }]));
  return {
    groups: size.groups,
    agents: agents.map((a) => ({ ...a, conversations: byAgent.get(a.userId) ?? [] })),
    customers: customers.map(({ contactId, channelId, token }, i) => ({ contactId, channelId, token, conversationId: conversationIds[i], agentId: agentOf(i) })),
  };
}
