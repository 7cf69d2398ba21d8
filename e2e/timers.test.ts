import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../server/test/database';
import { waitFor } from '../server/test/wait-for';
import { api } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';

/**
 * Automation timers in real processes on one PostgreSQL: armed timers outlive a kill -9 and
 * fire once, on time, in the next process; two processes never fire one timer twice.
 * The timers are inactivity closes of 1,000 queued conversations, so each firing is visible
 * as the conversation's one 'closed' event.
 */
const running: ServerProcess[] = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const p of running) {
    if (p.child.exitCode === null) p.child.kill('SIGTERM');
    await p.exited;
  }
  for (const c of clients) await c.end();
});

const COUNT = 1000;

async function setUp() {
  const DATABASE_URL = await createTestDatabase();
  const env = {
    DATABASE_URL,
    SECRET_KEY: 'a-shared-secret-key-for-every-process-0123456789',
    ATENDE_BOOTSTRAP_WORKSPACE: 'Timers',
    ATENDE_BOOTSTRAP_ADMIN_LOGIN: 'admin.timers',
    ATENDE_BOOTSTRAP_ADMIN_PASSWORD: 'Timers@2026x',
  };
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  clients.push(db);
  return { env, db };
}

/** 1,000 queued conversations, each with an inactivity close due at `due` (armed as automation arms them). */
async function armThousand(url: string, db: pg.Client, due: Date) {
  const token = (await api(url, 'POST', '/api/v1/auth/login', { login: 'admin.timers', password: 'Timers@2026x' })).body.token;
  const group = await api(url, 'POST', '/api/v1/service-groups', { name: 'Suporte', strategy: 'longest_idle' }, token);
  const channel = await api(url, 'POST', '/api/v1/channels', { type: 'webchat', name: 'Site', serviceGroupId: group.body.id }, token);
  expect(channel.status).toBe(201);
  const ws = channel.body.workspaceId ?? (await db.query('select workspace_id from channels where id = $1', [channel.body.id])).rows[0].workspace_id;
  await db.query(
    `with c as (
       insert into contacts (workspace_id, display_name) select $1, 'Cliente ' || n from generate_series(1, $4::int) n returning id
     ), v as (
       insert into conversations (workspace_id, protocol, channel_id, contact_id, service_group_id, status, priority, queued_at)
       select $1, 'T-' || row_number() over (), $2, c.id, $3, 'queued', 0, now() from c returning id
     )
     insert into timers (workspace_id, kind, subject_id, due_at) select $1, 'automation.inactivity-close', v.id, $5 from v`,
    [ws, channel.body.id, group.body.id, COUNT, due],
  );
}

async function firings(db: pg.Client) {
  const r = await db.query(`
    select count(*)::int as closed,
           (select count(*)::int from conversation_events where type = 'closed') as events,
           (select count(*)::int from (select conversation_id from conversation_events where type = 'closed' group by 1 having count(*) > 1) d) as twice,
           (select count(*)::int from timers) as armed,
           min(closed_at) as first, max(closed_at) as last
      from conversations where status = 'closed'`);
  return r.rows[0] as { closed: number; events: number; twice: number; armed: number; first: Date; last: Date };
}

describe('timers across processes', () => {
  it('1,000 armed timers survive kill -9 and fire once, on time, in the next process', { timeout: 240_000 }, async () => {
    const { env, db } = await setUp();
    const first = await startServerProcess(env);
    running.push(first);
    // Far enough ahead for the next process to be up before they are due.
    const due = new Date(Date.now() + 20_000);
    await armThousand(first.url, db, due);
    first.child.kill('SIGKILL');
    await first.exited;
    expect((await firings(db)).armed).toBe(COUNT);

    const second = await startServerProcess(env);
    running.push(second);
    const upAt = Date.now();
    await waitFor(async () => (await firings(db)).closed === COUNT, { timeout: 60_000 });
    const f = await firings(db);
    expect(f).toMatchObject({ closed: COUNT, events: COUNT, twice: 0, armed: 0 });
    // Not before due; and within a second of it (or of the process being up, on a slow machine).
    expect(f.first.getTime()).toBeGreaterThanOrEqual(due.getTime());
    expect(f.last.getTime() - Math.max(due.getTime(), upAt)).toBeLessThan(1000);
  });

  it('two processes running: each of 1,000 timers fires exactly once', { timeout: 240_000 }, async () => {
    const { env, db } = await setUp();
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    running.push(a, b);
    await armThousand(a.url, db, new Date(Date.now() + 2_000));
    await waitFor(async () => (await firings(db)).closed === COUNT, { timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 1500)); // a second firing would show up by now
    expect(await firings(db)).toMatchObject({ closed: COUNT, events: COUNT, twice: 0, armed: 0 });
  });
});
