import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
});

const base = { displayName: 'Maria Souza', role: 'agent', password: 'Temp@2026x' };

describe('users', () => {
  it('refuses weak passwords with validation_failed naming password', async () => {
    for (const password of ['curta1!', 'semnumero!A', 'SEMMINUSCULA1!', 'semmaiuscula1!', 'SemEspecial1']) {
      const r = await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, login: `weak${password.length}`, password } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.fields).toEqual([{ path: 'password', message: expect.stringContaining('Password needs') }]);
    }
  });

  it('validates every field and names it', async () => {
    const r = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { ...base, login: 'x', email: 'not-an-email', maxConversations: 81, workHours: { mon: [{ start: '18:00', end: '08:00' }] } },
    });
    expect(r.status).toBe(400);
    const paths = r.body.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['email', 'login', 'maxConversations', 'workHours.mon.0.end']);
  });

  it('creates a user with every USER-3 field, hides secrets, and audits it', async () => {
    const op = await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: 'Suporte' } });
    const body = {
      ...base,
      login: 'maria.souza',
      email: 'maria@empresa.com.br',
      phone: '+5511987654321',
      company: 'Empresa',
      department: 'Suporte',
      profile: 'N1',
      birthDate: '1990-05-17',
      priority: 3,
      maxConversations: 8,
      workHours: { sun: [], mon: [{ start: '08:00', end: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [] },
      operationIds: [op.body.id],
      permissions: { viewGroupHistory: true, voice: { enabled: true, extension: '2001', extensionPassword: 'ramal-secreto' } },
    };
    const r = await s.request('POST', '/api/v1/users', { token: ws.token, body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ login: 'maria.souza', priority: 3, maxConversations: 8, operationIds: [op.body.id], status: 'active', mustChangePassword: true });
    expect(r.body.permissions.voice).toMatchObject({ enabled: true, extension: '2001', extensionPassword: null });
    expect(JSON.stringify(r.body)).not.toContain('Temp@2026x');

    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${r.body.id}`, { token: ws.token });
    expect(audit.body.items[0]).toMatchObject({ action: 'user.created', actorUserId: ws.adminId, ip: '127.0.0.1' });
    expect(JSON.stringify(audit.body.items[0].changes)).not.toContain('Temp@2026x');
    expect(JSON.stringify(audit.body.items[0].changes)).not.toContain('ramal-secreto');

    const dup = await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, login: 'MARIA.SOUZA' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('login');
  });

  it('refuses operations of nowhere', async () => {
    const r = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { ...base, login: 'sem.operacao', operationIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].path).toBe('operationIds.0');
  });

  it('lists with search, role and status filters and cursor pages', async () => {
    for (let i = 0; i < 5; i++) {
      await s.request('POST', '/api/v1/users', { token: ws.token, body: { ...base, displayName: `Zeca ${i}`, login: `zeca${i}`, role: i % 2 ? 'supervisor' : 'agent' } });
    }
    const search = await s.request('GET', '/api/v1/users?q=zeca', { token: ws.token });
    expect(search.body.items).toHaveLength(5);
    const sup = await s.request('GET', '/api/v1/users?q=zeca&role=supervisor', { token: ws.token });
    expect(sup.body.items.map((u: { login: string }) => u.login)).toEqual(['zeca1', 'zeca3']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { login: string }[]; nextCursor: string | null } } = await s.request(
        'GET',
        `/api/v1/users?q=zeca&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: ws.token },
      );
      seen.push(...page.body.items.map((u) => u.login));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['zeca0', 'zeca1', 'zeca2', 'zeca3', 'zeca4']);

    await s.request('POST', `/api/v1/users/${search.body.items[0].id}/deactivate`, { token: ws.token });
    const inactive = await s.request('GET', '/api/v1/users?q=zeca&status=inactive', { token: ws.token });
    expect(inactive.body.items.map((u: { login: string }) => u.login)).toEqual(['zeca0']);
    const bad = await s.request('GET', '/api/v1/users?cursor=garbage', { token: ws.token });
    expect(bad.body.error.fields[0].path).toBe('cursor');
  });

  it('edits a user; login is immutable; a new temporary password forces a change', async () => {
    const u = await s.user(ws.workspaceId, 'agent');
    const r = await s.request('PATCH', `/api/v1/users/${u.id}`, {
      token: ws.token,
      body: { displayName: 'Renamed', maxConversations: 12, login: 'hacked', password: 'Outra@Senha1' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: 'Renamed', maxConversations: 12, login: u.login, mustChangePassword: true });
    // The administrator's new password ended the user's sessions.
    expect((await s.request('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
  });

  it('keeps at least one active administrator and forbids deactivating yourself', async () => {
    const self = await s.request('POST', `/api/v1/users/${ws.adminId}/deactivate`, { token: ws.token });
    expect(self.status).toBe(409);
    const demote = await s.request('PATCH', `/api/v1/users/${ws.adminId}`, { token: ws.token, body: { role: 'agent' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.fields[0].path).toBe('role');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await s.request('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', { token: ws.token })).status).toBe(404);
    const bad = await s.request('GET', '/api/v1/users/nope', { token: ws.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('id');
  });
});

describe('operations', () => {
  it('creates, renames, refuses duplicate names, deactivates and reactivates', async () => {
    const a = await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: 'Vendas', description: 'Time comercial' } });
    expect(a.status).toBe(201);
    const dup = await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: 'vendas' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('name');
    const ren = await s.request('PATCH', `/api/v1/operations/${a.body.id}`, { token: ws.token, body: { name: 'Vendas B2B' } });
    expect(ren.body.name).toBe('Vendas B2B');
    expect((await s.request('POST', `/api/v1/operations/${a.body.id}/deactivate`, { token: ws.token })).body.status).toBe('inactive');
    const list = await s.request('GET', '/api/v1/operations?status=inactive', { token: ws.token });
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([a.body.id]);
    expect((await s.request('POST', `/api/v1/operations/${a.body.id}/activate`, { token: ws.token })).body.status).toBe('active');
    const noDescription = await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: 'Sem descrição', description: null } });
    expect(noDescription.status).toBe(201);
    expect(noDescription.body.description).toBe('');
    const empty = await s.request('POST', '/api/v1/operations', { token: ws.token, body: { name: '  ' } });
    expect(empty.body.error.fields[0].path).toBe('name');
  });
});

describe('secrets of users', () => {
  it('keeps the extension password sealed at rest and through edits', async () => {
    const { users } = await import('./user.schema');
    const { eq } = await import('drizzle-orm');
    const r = await s.request('POST', '/api/v1/users', {
      token: ws.token,
      body: { ...base, login: 'ramal.user', permissions: { voice: { enabled: true, extension: '3001', extensionPassword: 'pw-ramal-3001' } } },
    });
    const stored = async () => (await s.atende.db.select().from(users).where(eq(users.id, r.body.id)))[0].permissions.voice.extensionPassword!;
    const sealed = await stored();
    expect(sealed).not.toContain('pw-ramal-3001');
    expect(s.atende.secrets.open(sealed)).toBe('pw-ramal-3001');
    // The form sends back what it got (no password): the stored one stays.
    await s.request('PATCH', `/api/v1/users/${r.body.id}`, { token: ws.token, body: { permissions: r.body.permissions } });
    expect(s.atende.secrets.open(await stored())).toBe('pw-ramal-3001');
  });
});
