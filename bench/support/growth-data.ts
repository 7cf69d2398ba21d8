import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { deferIndexes } from './growth-indexes';
import { round } from './stats';

/**
 * Stored history for the growth scenario, generated in PostgreSQL with set-based statements:
 * several workspaces (the main one holds 40% of the messages), 40 agents and 3 service groups
 * each, a WhatsApp and a web chat channel, contacts, conversations and their messages and
 * history events, spread over a past time span (100,000 messages a day).
 *
 * Only states that stay put are generated — `expired` history and a few `active` conversations of
 * offline agents — so nothing in the data wakes a sweep or a timer during the measurement, however
 * old a cached copy of it is. Everything ends two days before generation, so no protocol of the
 * generated days can collide with today's.
 *
 * The probe is generated at every size, interleaved with the rest, so the timed reads ask the same
 * question of a bigger database each time: an agent of the main workspace (not the ingest's) serving
 * 50 conversations, one contact with 40 conversations that agent closed (one 300 messages long), and
 * a queue of 500 conversations in a group nobody online serves. The queue's conversations have no
 * customer message time, so the expiry sweep (24 h after the customer last wrote) never takes them.
 */

export interface GrowthTarget {
  workspaceId: string;
  channelId: string;
  serviceGroupId: string;
  agentId: string;
}

export interface GrowthData {
  /** Background messages generated (the probe's come on top). */
  messages: number;
  probe: {
    agentId: string;
    agentLogin: string;
    contactId: string;
    contactName: string;
    contactPhone: string;
    conversationId: string;
    messages: number;
    queueGroupId: string;
  };
  rows: { workspaces: number; contacts: number; conversations: number; messages: number; conversationEvents: number };
  /** Seconds per phase, wall and the PostgreSQL backend's CPU (the machine is shared: wall alone misleads). */
  seconds: Record<string, { wall: number; pgCpu: number | null }>;
}

export const PROBE = {
  name: 'Helena Vasconcelos Prado', phone: '+5511987654321', conversations: 40, shortMessages: 8, longMessages: 300,
  /** Generated agent k of the main workspace: login growth-0-<k>, the bench agent's password. */
  agent: 1, active: 50, queued: 500, queueGroup: 2,
};
const OTHER_WORKSPACES = 4;
const MAIN_SHARE = 0.4;
const AGENTS = 40;
const MESSAGES_PER_DAY = 100_000;

const FIRST = ['Maria', 'José', 'Ana', 'João', 'Francisca', 'Antônio', 'Antônia', 'Carlos', 'Adriana', 'Paulo', 'Juliana', 'Pedro', 'Márcia', 'Lucas', 'Fernanda', 'Luiz', 'Patrícia', 'Marcos', 'Aline', 'Luís', 'Sandra', 'Gabriel', 'Camila', 'Rafael', 'Amanda', 'Daniel', 'Bruna', 'Marcelo', 'Jéssica', 'Bruno', 'Letícia', 'Eduardo', 'Júlia', 'Felipe', 'Luciana', 'Raimundo', 'Vanessa', 'Rodrigo', 'Mariana', 'Thiago'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Cardoso', 'Ramos', 'Gonçalves', 'Santana', 'Teixeira', 'Araújo', 'Castro', 'Pinto', 'Correia', 'Monteiro'];
const IN = ['Oi, tudo bem?', 'Meu pedido ainda não chegou', 'Qual o prazo de entrega para São Paulo?', 'Preciso trocar o tamanho da camiseta', 'Obrigado!', 'Vocês abrem no sábado?', 'Pode me mandar o boleto de novo?', 'O código de rastreio não funciona', 'Quero cancelar a assinatura', 'Consegue ver meu cadastro?', 'Já fiz o pagamento ontem', 'Ok, aguardo'];
const OUT = ['Olá! Como posso ajudar?', 'Um momento, vou verificar.', 'Seu pedido saiu para entrega hoje.', 'Enviei o boleto para o seu e-mail.', 'Pode me informar o número do pedido?', 'Prontinho, a troca foi registrada.', 'Posso ajudar em algo mais?', 'Obrigado pelo contato!'];


/** CPU seconds of a local PostgreSQL backend (Linux /proc; null elsewhere). */
function backendCpuSeconds(pid: number): number | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

const lit = (list: string[]) => `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
/** A pseudo-random pick from a literal list. */
const pick = (list: string[], seed = 'random()') => `(${lit(list)})[1 + floor(${seed} * ${list.length})::int]`;

export async function generateGrowthData(db: pg.Client, target: GrowthTarget, messages: number, log: (line: string) => void): Promise<GrowthData> {
  const seconds: Record<string, { wall: number; pgCpu: number | null }> = {};
  const backendPid = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  const phase = async (name: string, fn: () => Promise<unknown>) => {
    const [t0, c0] = [performance.now(), backendCpuSeconds(backendPid)];
    await fn();
    const c1 = backendCpuSeconds(backendPid);
    seconds[name] = { wall: round((performance.now() - t0) / 1000, 1), pgCpu: c0 === null || c1 === null ? null : round(c1 - c0, 1) };
    log(`generate ${name}: ${seconds[name].wall} s (PostgreSQL CPU ${seconds[name].pgCpu ?? '?'} s)`);
  };
  const q = (text: string, values?: unknown[]) => db.query(text, values);

  // A bench database: losing the last commits in a crash costs nothing, and big sorts stay in memory.
  await q(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '1GB'`);
  // Fewer checkpoints during the load (each one makes the next write of every page a full-page
  // image in the WAL); reset below, so the dataset keeps Atende's own configuration.
  await q(`alter system set max_wal_size = '8GB'`);
  await q(`select pg_reload_conf()`);
  const days = Math.max(1, Math.round(messages / MESSAGES_PER_DAY));

  await phase('setup', async () => {
    await q(`drop table if exists g_ws, g_group, g_agent, g_channel, g_contact, g_plan, g_conv, g_pos`);
    await q(
      `create temp table g_ws as
       select n, id, messages, ceil(messages / 40.0)::int as contacts
       from (select n, case when n = 0 then $1::uuid else gen_random_uuid() end as id,
                    round($2::bigint * case when n = 0 then $3::float8 else (1 - $3::float8) / $4 end)::bigint as messages
             from generate_series(0, $4) n) w`,
      [target.workspaceId, messages, MAIN_SHARE, OTHER_WORKSPACES],
    );
    await q(`insert into workspaces (id, name, created_at) select id, 'Growth ' || n, now() + n * interval '1 ms' from g_ws where n > 0`);
    await q(
      `create temp table g_group as
       select w.n as ws, w.id as ws_id, g as k, case when w.n = 0 and g = 0 then $1::uuid else gen_random_uuid() end as id
       from g_ws w, generate_series(0, 2) g`,
      [target.serviceGroupId],
    );
    await q(
      `insert into service_groups (id, workspace_id, name, settings, timers)
       select g.id, g.ws_id, 'Growth group ' || g.k, s.settings, s.timers
       from g_group g, (select settings, timers from service_groups where id = $1) s where g.id <> $1`,
      [target.serviceGroupId],
    );
    await q(
      `create temp table g_agent as
       select w.n as ws, w.id as ws_id, a as k, case when w.n = 0 and a = 0 then $1::uuid else gen_random_uuid() end as id
       from g_ws w, generate_series(0, ${AGENTS - 1}) a`,
      [target.agentId],
    );
    await q(
      `insert into users (id, workspace_id, login, display_name, role, permissions, password_hash, must_change_password, max_conversations)
       select a.id, a.ws_id, 'growth-' || a.ws || '-' || a.k, ${pick(FIRST)} || ' ' || ${pick(LAST)}, 'agent', u.permissions, u.password_hash, false, 5
       from g_agent a, (select permissions, password_hash from users where id = $1) u where a.id <> $1`,
      [target.agentId],
    );
    // The bench agent stays alone in its group, so routing the ingest costs what it does at size 0.
    await q(
      `insert into service_group_agents (workspace_id, service_group_id, user_id)
       select a.ws_id, g.id, a.id from g_agent a join g_group g on g.ws = a.ws and g.k = 1 + a.k % 2 where a.id <> $1`,
      [target.agentId],
    );
    await q(
      `create temp table g_channel as
       select w.n as ws, w.id as ws_id, c as k, case when w.n = 0 and c = 0 then $1::uuid else gen_random_uuid() end as id,
              (select id from g_group g where g.ws = w.n and g.k = c) as group_id
       from g_ws w, generate_series(0, 1) c`,
      [target.channelId],
    );
    await q(
      `insert into channels (id, workspace_id, type, name, service_group_id, settings, credentials_sealed, external_key)
       select c.id, c.ws_id, case c.k when 0 then 'whatsapp' else 'webchat' end, 'Growth ' || c.ws || '.' || c.k, c.group_id, b.settings,
              case c.k when 0 then b.credentials_sealed end, case c.k when 0 then 'growth-' || c.ws end
       from g_channel c, (select settings, credentials_sealed from channels where id = $1) b where c.id <> $1`,
      [target.channelId],
    );
  });

  // Contacts go through their triggers (derived search fields, name words) like any writer's.
  await phase('contacts', () => deferIndexes(db, ['contacts', 'contact_words', 'contact_identities'], async () => {
    await q(
      `create temp table g_contact as
       select w.n as ws, w.id as ws_id, k, gen_random_uuid() as id
       from g_ws w cross join lateral generate_series(0, w.contacts - 1 + case when w.n = 0 then ${PROBE.active + PROBE.queued} else 0 end) k`,
    );
    await q(`create index on g_contact (ws, k)`);
    // Numbers avoid area code 11, where the ingest's customers (55119…) and the probe live.
    await q(
      `insert into contacts (id, workspace_id, display_name, phones, email, document_type, document_number, created_at)
       select id, ws_id, name, jsonb_build_array(jsonb_build_object('number', phone, 'type', 'mobile')),
              case when k % 3 = 0 then lower(translate(split_part(name, ' ', 1), 'áâãéêíóôõúç', 'aaaeeiooouc')) || '.' || k || '@example.com' end,
              case when k % 5 = 0 then 'cpf' end, case when k % 5 = 0 then lpad((ws * 100000000 + k)::text, 11, '0') end,
              now() - interval '${days + 30} days'
       from (select *, ${pick(FIRST)} || ' ' || ${pick(LAST)} || case when random() < 0.5 then ' ' || ${pick(LAST)} else '' end as name,
                    '+55' || (21 + floor(random() * 78))::int || '9' || lpad(((k * 7919 + ws * 104729) % 100000000)::text, 8, '0') as phone
             from g_contact) c`,
    );
    await q(
      `insert into contacts (workspace_id, display_name, phones, created_at)
       values ($1, $2, jsonb_build_array(jsonb_build_object('number', $3::text, 'type', 'mobile')), now() - interval '${days + 30} days')`,
      [target.workspaceId, PROBE.name, PROBE.phone],
    );
    await q(
      `insert into contact_identities (workspace_id, channel_id, external_id, contact_id)
       select c.workspace_id, ch.id, replace(c.phone, '+', ''), c.id
       from contacts c join g_channel ch on ch.ws_id = c.workspace_id and ch.k = 0 where c.phone is not null`,
    );
  }));

  const probeContactId = (await q(`select id from contacts where workspace_id = $1 and display_name = $2`, [target.workspaceId, PROBE.name])).rows[0].id as string;

  await phase('plan', async () => {
    // Exponential lengths (mean ~20, capped at 400), cut so each workspace gets exactly its share;
    // a few contacts come back often (power law), agents share the work evenly, 20% is web chat.
    await q(
      `create temp table g_plan as
       with base as (
         select w.n as ws, w.messages as target, w.contacts, k, least(400, 1 + floor(-ln(1 - random()) * 19))::int as n
         from g_ws w cross join lateral generate_series(0, (w.messages / 20.0 * 1.3)::int + 20) k where w.messages > 0
       ), cut as (select *, sum(n) over (partition by ws order by k) as run from base)
       select ws, least(n, target - (run - n))::int as n, 0 as probe, floor(contacts * power(random(), 1.5))::int as contact_k,
              floor(random() * ${AGENTS})::int as agent_k, (random() < 0.2)::int as channel_k
       from cut where run - n < target`,
    );
    // Probe kinds: 1 and 2 the contact's history (2 is the long one), 3 the agent's active
    // conversations, 4 the queue; 3 and 4 have contacts of their own, after the background's.
    await q(
      `insert into g_plan (ws, n, probe, contact_k, agent_k, channel_k)
       select 0, case when i = 0 then ${PROBE.longMessages} else ${PROBE.shortMessages} end, case when i = 0 then 2 else 1 end, -1, ${PROBE.agent}, 0
       from generate_series(0, ${PROBE.conversations - 1}) i
       union all
       select 0, 4, 3, w.contacts + i, ${PROBE.agent}, 0 from g_ws w, generate_series(0, ${PROBE.active - 1}) i where w.n = 0
       union all
       select 0, 2, 4, w.contacts + ${PROBE.active} + i, ${PROBE.agent}, 0 from g_ws w, generate_series(0, ${PROBE.queued - 1}) i where w.n = 0`,
    );
    // The newest three of each generated agent are still being served; the rest expired long ago.
    await q(
      `create temp table g_conv as
       with c as (
         select p.*, ch.ws_id, gen_random_uuid() as id, coalesce(gc.id, $1::uuid) as contact_id, a.id as agent_id, ch.id as channel_id,
                case when p.probe = 4 then (select id from g_group where ws = 0 and k = ${PROBE.queueGroup}) else ch.group_id end as group_id,
                now() - interval '2 days' - random() * interval '${days} days' as created_at, 15 + random() * 105 as gap_s
         from g_plan p join g_channel ch on ch.ws = p.ws and ch.k = p.channel_k join g_agent a on a.ws = p.ws and a.k = p.agent_k
         left join g_contact gc on gc.ws = p.ws and gc.k = p.contact_k
       ), r as (
         select c.*, row_number() over (partition by ws, agent_k order by created_at desc) as rank,
                row_number() over (partition by ws, (created_at at time zone 'America/Sao_Paulo')::date order by created_at) as seq
         from c
       )
       select row_number() over ()::int as k, ws, ws_id, n, probe, channel_k, id, contact_id, agent_id, channel_id, group_id, created_at,
              make_interval(secs => gap_s) as gap,
              left(id::text, 24) as id_prefix, floor(random() * 1000)::int as salt,
              case probe when 3 then 'active' when 4 then 'queued'
                when 0 then case when rank <= 3 and not (ws = 0 and agent_k in (0, ${PROBE.agent})) then 'active' else 'expired' end
                else 'expired' end as status,
              to_char(created_at at time zone 'America/Sao_Paulo', 'YYYYMMDD') || '-' || lpad(seq::text, 6, '0') as protocol,
              'wamid.' || substr(replace(id::text, '-', ''), 1, 20) as wamid
       from r`,
      [probeContactId],
    );
    await q(`analyze g_conv`);
  });

  await q(`set session_replication_role = replica`); // generated rows are consistent: skip the per-row FK triggers
  await phase('conversations', () =>
    deferIndexes(db, ['conversations'], () =>
      q(
        `insert into conversations (id, workspace_id, protocol, channel_id, contact_id, service_group_id, status, assignee_id, queued_at, assigned_at,
           first_response_at, last_customer_message_at, last_message_at, last_message_preview, unread_count, closed_at, closed_by_id, created_at, updated_at)
         select id, ws_id, protocol, channel_id, contact_id, group_id, status, case when status = 'active' then agent_id end,
                created_at, case when status <> 'queued' then created_at + interval '30 s' end, case when status <> 'queued' then created_at + 2 * gap end,
                case when status <> 'queued' then created_at + n * gap end, created_at + n * gap, ${pick(OUT)}, 0,
                case when status = 'expired' then created_at + (n + 1) * gap end,
                case when status = 'expired' then agent_id end, created_at, created_at + (n + 1) * gap
         from g_conv order by created_at`,
      ),
    ),
  );
  await phase('conversation events', () =>
    deferIndexes(db, ['conversation_events'], () =>
      q(
        `insert into conversation_events (workspace_id, conversation_id, type, actor_user_id, to_user_id, to_group_id, created_at)
         select c.ws_id, c.id, e.type, case when e.type = 'closed' then c.agent_id end, case when e.type = 'assigned' then c.agent_id end,
                case when e.type in ('queued', 'assigned') then c.group_id end, c.created_at + e.at * c.gap
         from g_conv c cross join lateral (values ('queued', 0), ('assigned', 0.5), ('closed', c.n + 1), ('expired', c.n + 2000)) e(type, at)
         where case c.status when 'expired' then true when 'active' then e.type in ('queued', 'assigned') else e.type = 'queued' end
         order by c.created_at`,
      ),
    ),
  );
  // Stored in time order, as a live database stores them: a conversation's messages sit among
  // everyone else's of the same minutes. Only (time, conversation, position) is sorted — narrow
  // enough to stay in memory — and the rows are built after, in that order (the hashed side of the
  // joins is the small one, so the sorted stream keeps its order).
  await phase('messages', () =>
    deferIndexes(db, ['messages'], async () => {
      await q(`set work_mem = '1GB'`);
      await q(
        `create temp table g_pos as
         select j, lpad(to_hex(j), 12, '0') as id_suffix, lpad(to_hex(j), 3, '0') as wamid_suffix,
                case when j % 29 = 0 then 'note' else 'message' end as kind,
                case when j % 29 <> 0 and (j = 1 or j % 4 in (1, 2)) then 'in' else 'out' end as direction
         from generate_series(1, (select max(n) from g_conv)) j`,
      );
      // Per row only concatenations and one interval product: ids and texts come from the
      // conversation's random prefix and the position (gen_random_uuid costs 4.5 µs a row here).
      await q(
        `insert into messages (id, workspace_id, conversation_id, direction, kind, author_user_id, text, status, external_id, channel_id, created_at, updated_at)
         select (c.id_prefix || p.id_suffix)::uuid, c.ws_id, c.id, p.direction, p.kind, case when p.direction = 'out' then c.agent_id end,
                case when p.direction = 'in' then (${lit(IN)})[1 + (p.j + c.salt) % ${IN.length}] else (${lit(OUT)})[1 + (p.j + c.salt) % ${OUT.length}] end,
                'read', case when c.channel_k = 0 and p.kind = 'message' then c.wamid || p.wamid_suffix end, c.channel_id, t.at, t.at
         from (select c.k, j, c.created_at + j * c.gap as at from g_conv c cross join lateral generate_series(1, c.n) j order by 3) t
         join g_conv c on c.k = t.k
         join g_pos p on p.j = t.j`,
      );
      await q(`set work_mem = '256MB'`);
    }),
  );
  await q(`set session_replication_role = origin`);

  // Vacuumed like a live database would be: hint bits and the visibility map set, statistics fresh.
  await phase('vacuum analyze', () => q(`vacuum (analyze) contacts, contact_words, contact_identities, conversations, conversation_events, messages`));

  // The load left gigabytes of WAL segments for recycling: let two checkpoints under a tiny WAL
  // budget remove them (each run copies the dataset, and they are dead weight), then reset.
  await phase('checkpoint', async () => {
    await q(`alter system set max_wal_size = '64MB'`);
    await q(`alter system set min_wal_size = '32MB'`);
    await q(`select pg_reload_conf()`);
    // The checkpointer reads the new limits on its next loop, not at once.
    await new Promise((r) => setTimeout(r, 2000));
    await q(`checkpoint`);
    await q(`select pg_switch_wal()`);
    await q(`checkpoint`);
    await q(`alter system reset max_wal_size`);
    await q(`alter system reset min_wal_size`);
    await q(`select pg_reload_conf()`);
  });

  const probe = (await q(`select id from g_conv where probe = 2`)).rows[0].id as string;
  const probeAgent = (await q(`select id from g_agent where ws = 0 and k = ${PROBE.agent}`)).rows[0].id as string;
  const queueGroup = (await q(`select id from g_group where ws = 0 and k = ${PROBE.queueGroup}`)).rows[0].id as string;
  const counts = (
    await q(`select (select count(*) from workspaces)::int as workspaces, (select count(*) from contacts)::int as contacts,
                    (select count(*) from conversations)::int as conversations, (select count(*) from messages)::int as messages,
                    (select count(*) from conversation_events)::int as events`)
  ).rows[0];
  await q(`drop table g_ws, g_group, g_agent, g_channel, g_contact, g_plan, g_conv, g_pos`);
  return {
    messages,
    probe: {
      agentId: probeAgent, agentLogin: `growth-0-${PROBE.agent}`, contactId: probeContactId, contactName: PROBE.name, contactPhone: PROBE.phone,
      conversationId: probe, messages: PROBE.longMessages, queueGroupId: queueGroup,
    },
    rows: { workspaces: counts.workspaces, contacts: counts.contacts, conversations: counts.conversations, messages: counts.messages, conversationEvents: counts.events },
    seconds,
  };
}
