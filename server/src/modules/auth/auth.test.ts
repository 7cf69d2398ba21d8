import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, STRONG, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

describe('login', () => {
  it('returns a token and the user, and sets an httpOnly SameSite session cookie', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', { body: { login: ws.adminLogin, password: STRONG } });
    expect(r.status).toBe(200);
    expect(r.body.user.login).toBe(ws.adminLogin);
    expect(r.body.user).not.toHaveProperty('passwordHash');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/atende_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await s.request('GET', '/api/v1/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(ws.adminId);
  });

  it('answers 401 invalid_credentials for a wrong password or an unknown login alike', async () => {
    const wrong = await s.request('POST', '/api/v1/auth/login', { body: { login: ws.adminLogin, password: 'Wrong@123' } });
    const unknown = await s.request('POST', '/api/v1/auth/login', { body: { login: 'nobody-here', password: 'Wrong@123' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it('names missing fields', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', { body: { login: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.fields.map((f: { path: string }) => f.path)).toContain('password');
  });

  it('throttles 10 wrong logins in a row with 429 without locking other users', async () => {
    const victim = await s.user(ws.workspaceId, 'agent');
    const other = await s.user(ws.workspaceId, 'agent');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await s.request('POST', '/api/v1/auth/login', { body: { login: victim.login, password: `Wrong@${i}x` } });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body.error.code).toBe('rate_limited');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429, 429, 429, 429, 429]);
    // Locked: even the right password is refused for now.
    const right = await s.request('POST', '/api/v1/auth/login', { body: { login: victim.login, password: STRONG } });
    expect(right.status).toBe(429);
    // Others log in normally.
    const ok = await s.request('POST', '/api/v1/auth/login', { body: { login: other.login, password: STRONG } });
    expect(ok.status).toBe(200);
    // The failures and the lock are in the audit log.
    const audit = await s.request('GET', `/api/v1/audit-log?action=auth.login_failed&entityId=${victim.id}`, { token: ws.token });
    expect(audit.body.items.length).toBe(5);
    expect(audit.body.items[0].changes).toEqual({ lockedForSeconds: 900 });
  });

  it('refuses login outside work hours with 403 outside_work_hours', async () => {
    const never = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
    const u = await s.user(ws.workspaceId, 'agent', { workHours: never, status: 'inactive' });
    await s.request('POST', `/api/v1/users/${u.id}/activate`, { token: ws.token });
    const r = await s.request('POST', '/api/v1/auth/login', { body: { login: u.login, password: STRONG } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('outside_work_hours');
  });

  it('refuses a deactivated user and ends their sessions', async () => {
    const u = await s.user(ws.workspaceId, 'agent');
    expect((await s.request('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
    expect((await s.request('POST', `/api/v1/users/${u.id}/deactivate`, { token: ws.token })).status).toBe(200);
    expect((await s.request('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
    const r = await s.request('POST', '/api/v1/auth/login', { body: { login: u.login, password: STRONG } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('user_inactive');
  });

  it('logout ends the session', async () => {
    const u = await s.user(ws.workspaceId, 'agent');
    expect((await s.request('POST', '/api/v1/auth/logout', { token: u.token })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
  });
});

describe('first-login password change', () => {
  it('forces the change, refuses weak passwords naming newPassword, then opens the app', async () => {
    const created = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { login: 'novo.agente', displayName: 'Novo Agente', role: 'agent', password: 'Temp@1234' },
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    const login = await s.request('POST', '/api/v1/auth/login', { body: { login: 'novo.agente', password: 'Temp@1234' } });
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.token;

    const blocked = await s.request('GET', '/api/v1/workspace', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(200);

    const weak = await s.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'Temp@1234', newPassword: 'fraca' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('validation_failed');
    expect(weak.body.error.fields[0].path).toBe('newPassword');

    const wrongCurrent = await s.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'Nope@1234', newPassword: 'Nova@Senha9' } });
    expect(wrongCurrent.body.error.fields[0].path).toBe('currentPassword');

    const ok = await s.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'Temp@1234', newPassword: 'Nova@Senha9' } });
    expect(ok.status).toBe(204);
    const me = await s.request('GET', '/api/v1/workspace', { token });
    expect(me.status).toBe(200);
    expect((await s.request('POST', '/api/v1/auth/login', { body: { login: 'novo.agente', password: 'Nova@Senha9' } })).status).toBe(200);
  });
});

describe('API credentials (USER-8)', () => {
  it('shows the secret once, exchanges it for a token, audits, and revokes', async () => {
    const created = await s.request('POST', '/api/v1/api-credentials', { token: ws.token, body: { name: 'ERP' } });
    expect(created.status).toBe(201);
    const { consumerKey, consumerSecret, id } = created.body;
    expect(consumerSecret.length).toBeGreaterThan(30);
    const list = await s.request('GET', '/api/v1/api-credentials', { token: ws.token });
    expect(list.body.items.find((c: { id: string }) => c.id === id)).not.toHaveProperty('consumerSecret');

    const bad = await s.request('POST', '/api/v1/auth/token', { body: { consumerKey, consumerSecret: 'x' + consumerSecret } });
    expect(bad.status).toBe(401);
    const ex = await s.request('POST', '/api/v1/auth/token', { body: { consumerKey, consumerSecret } });
    expect(ex.status).toBe(200);
    expect(ex.body.expiresIn).toBe(3600);
    const token = ex.body.accessToken;

    const op = await s.request('POST', '/api/v1/operations', { token, body: { name: 'Via API' } });
    expect(op.status).toBe(201);
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${op.body.id}`, { token: ws.token });
    expect(audit.body.items[0]).toMatchObject({ action: 'operation.created', actorLabel: 'api:ERP', actorCredentialId: id });

    expect((await s.request('POST', `/api/v1/api-credentials/${id}/revoke`, { token: ws.token })).status).toBe(200);
    expect((await s.request('GET', '/api/v1/operations', { token })).status).toBe(401);
    expect((await s.request('POST', '/api/v1/auth/token', { body: { consumerKey, consumerSecret } })).status).toBe(401);
  });
});

describe('clean-up job', () => {
  it('deletes long-expired sessions and stale failed-login counters, keeping live ones', async () => {
    const { sessions, loginThrottle } = await import('./auth.schema');
    const { eq, sql } = await import('drizzle-orm');
    const { waitFor } = await import('../../../test/wait-for');
    const db = s.atende.db;
    const u = await s.user(ws.workspaceId, 'agent');
    await db.insert(sessions).values({
      workspaceId: ws.workspaceId, tokenHash: 'old-session-hash', kind: 'session', userId: u.id,
      expiresAt: sql`now() - interval '40 days'`,
    });
    await db.insert(loginThrottle).values([
      { key: 'stale-login', failures: 2, windowStartedAt: sql`now() - interval '2 days'` },
      { key: 'locked-login', failures: 0, windowStartedAt: sql`now() - interval '2 days'`, lockedUntil: sql`now() + interval '10 minutes'` },
    ]);
    await s.atende.deps.jobs.send('auth.prune', {});
    // The counters go in the job's last statement: once they are gone, the job is done.
    await waitFor(async () => (await db.select().from(loginThrottle).where(eq(loginThrottle.key, 'stale-login'))).length === 0);
    expect(await db.select().from(sessions).where(eq(sessions.tokenHash, 'old-session-hash'))).toHaveLength(0);
    expect(await db.select().from(loginThrottle).where(eq(loginThrottle.key, 'locked-login'))).toHaveLength(1);
    expect((await s.request('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
  });
});
