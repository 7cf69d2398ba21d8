import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../server/test/database';
import { waitFor } from '../server/test/wait-for';
import { createDb, createPool } from '../server/src/platform/db/client';
import { receiveInbound } from '../server/src/modules/conversations';
import { contacts } from '../server/src/modules/contacts';
import { api } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * ROUTE-9 with real processes: two Atende processes on one database route 500 conversations
 * that arrive at once into a group of 20 agents with a limit of 3 each.
 */
const running: ServerProcess[] = [];
let pool: ReturnType<typeof createPool> | undefined;
afterAll(async () => {
  for (const p of running) {
    if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await p.exited;
  }
  await pool?.end();
});

describe('routing with two processes', () => {
  it('never assigns a conversation twice nor an agent past its limit, fills every slot, and keeps queue order', { timeout: 240_000 }, async () => {
    const DATABASE_URL = await createTestDatabase();
    const env = {
      DATABASE_URL,
      SECRET_KEY: 'a-shared-secret-key-for-every-process-0123456789',
      ATENDE_BOOTSTRAP_WORKSPACE: 'Concorrência',
      ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin.routing',
      ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Routing@2026',
    };
    const a = await startServerProcess(env);
    running.push(a);
    const b = await startServerProcess(env);
    running.push(b);
    const procs = [a.url, b.url];
    const admin = (await api(a.url, 'POST', '/api/v1/auth/login', { login: 'admin.routing', password: 'Routing@2026' })).body.token;

    const agents: { id: string; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const u = await api(a.url, 'POST', '/api/v1/users', {
        login: `agente${i}`, displayName: `Agente ${String(i).padStart(2, '0')}`, role: 'agent', password: 'Agente@2026', mustChangePassword: false, maxConversations: 3,
      }, admin);
      expect(u.status).toBe(201);
      const login = await api(procs[i % 2], 'POST', '/api/v1/auth/login', { login: `agente${i}`, password: 'Agente@2026' });
      agents.push({ id: u.body.id, token: login.body.token });
    }
    const group = await api(a.url, 'POST', '/api/v1/service-groups', { name: 'Suporte', strategy: 'longest_idle', agentIds: agents.map((x) => x.id) }, admin);
    expect(group.status).toBe(201);
    const channel = await api(a.url, 'POST', '/api/v1/channels', { type: 'webchat', name: 'Site', serviceGroupId: group.body.id }, admin);
    expect(channel.status).toBe(201);
    await Promise.all(agents.map((x, i) => api(procs[i % 2], 'PUT', '/api/v1/me/presence', { status: 'online' }, x.token)));

    pool = createPool(DATABASE_URL, 16);
    const db = createDb(pool);
    const workspaceId = (await db.execute<{ id: string }>(sql`select id from workspaces limit 1`)).rows[0].id;
    const people = await db.insert(contacts).values(Array.from({ length: 500 }, (_, i) => ({ workspaceId, displayName: `Cliente ${i}` }))).returning({ id: contacts.id });
    // All 500 at once, on 16 connections, while both processes route.
    await Promise.all(people.map((p) => receiveInbound({ db }, { workspaceId, channelId: channel.body.id, contactId: p.id, text: 'oi' })));

    const counts = () =>
      db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from conversations group by status`).then((r) =>
        Object.fromEntries(r.rows.map((x) => [x.status, x.n])),
      );
    await waitFor(async () => (await counts()).active === 60, { timeout: 60_000 });
    // Let any pass still running finish, then check the invariants.
    const pending = () => db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where dispatched_at is null`).then((r) => r.rows[0].n);
    await waitFor(async () => (await pending()) === 0, { timeout: 60_000 });
    expect(await counts()).toEqual({ active: 60, queued: 440 });
    const perAgent = await db.execute<{ n: number }>(sql`select count(*)::int as n from conversations where status = 'active' group by assignee_id`);
    expect(perAgent.rows.map((r) => r.n)).toEqual(Array(20).fill(3));
    const twice = await db.execute(sql`select conversation_id from conversation_events where type = 'assigned' group by conversation_id having count(*) > 1`);
    expect(twice.rows).toEqual([]);

    // Freed capacity goes to the longest-waiting conversations, in queue order.
    const head = await db.execute<{ id: string }>(sql`select id from conversations where status = 'queued' order by priority desc, queued_at, id limit 20`);
    const mine = await db.execute<{ id: string; assignee_id: string }>(sql`
      select distinct on (assignee_id) id, assignee_id from conversations where status = 'active' order by assignee_id, id`);
    const tokenOf = new Map(agents.map((x) => [x.id, x.token]));
    await Promise.all(
      mine.rows.map((c, i) => api(procs[i % 2], 'POST', `/api/v1/conversations/${c.id}/close`, { folder: 'closed' }, tokenOf.get(c.assignee_id))),
    );
    await waitFor(async () => (await counts()).active === 60 && (await pending()) === 0, { timeout: 60_000 });
    const served = await db.execute<{ id: string }>(sql`select id from conversations where id in ${sql.raw(`('${head.rows.map((r) => r.id).join("','")}')`)} and status = 'active'`);
    expect(served.rows).toHaveLength(20);
    expect(await counts()).toEqual({ active: 60, queued: 420, closed: 20 });
  });
});
