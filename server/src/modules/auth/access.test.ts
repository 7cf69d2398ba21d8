import { beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '@contracts/permissions';
import { ROLES, type Role } from '@contracts/users';
import { startTestServer, type TestServer } from '../../../test/test-server';

/**
 * The permission matrix tested route by route: every /api/v1 route of the running app,
 * called by every role. A route added later is covered automatically.
 */
let s: TestServer;
let ws: Awaited<ReturnType<TestServer['workspace']>>;
const tokens = {} as Record<Role, string>;
const NOWHERE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  s = await startTestServer();
  ws = await s.workspace();
  tokens.admin = ws.token;
  for (const role of ROLES.filter((r) => r !== 'admin')) tokens[role] = (await s.user(ws.workspaceId, role)).token;
});

const concrete = (url: string, id: string) => url.replace(':id', id);

describe('permission matrix', () => {
  it('every /api/v1 route declares a known access', () => {
    expect(s.routes.length).toBeGreaterThan(15);
    for (const r of s.routes) {
      expect(['public', 'authenticated', ...PERMISSIONS], `${r.method} ${r.url}`).toContain(r.access);
    }
  });

  it('refuses every non-public route without credentials (401)', async () => {
    for (const r of s.routes.filter((x) => x.access !== 'public')) {
      const res = await s.request(r.method, concrete(r.url, NOWHERE), { body: r.method === 'GET' ? undefined : {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('gives each role exactly what the matrix says, route by route', async () => {
    const guarded = s.routes.filter((r) => PERMISSIONS.includes(r.access as Permission));
    for (const r of guarded) {
      for (const role of ROLES) {
        // A nonexistent id and an empty body: allowed callers get 400/404, never a side effect.
        const res = await s.request(r.method, concrete(r.url, NOWHERE), { token: tokens[role], body: r.method === 'GET' ? undefined : {} });
        const label = `${role} ${r.method} ${r.url} → ${res.status}`;
        if (can(role, r.access as Permission)) expect(res.status, label).not.toBe(403);
        else {
          expect(res.status, label).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
        }
      }
    }
  });

  it('agents get 403 on every administration route', async () => {
    const admin = s.routes.filter((r) => /\/(users|operations|api-credentials|audit-log)/.test(r.url) || (r.url === '/api/v1/workspace' && r.method === 'PATCH'));
    expect(admin.length).toBeGreaterThan(10);
    for (const r of admin) {
      const res = await s.request(r.method, concrete(r.url, NOWHERE), { token: tokens.agent, body: r.method === 'GET' ? undefined : {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
    }
  });
});

describe('workspace isolation', () => {
  it('answers 404 to workspace B for every id of workspace A', async () => {
    const a = ws;
    const b = await s.workspace('Outra Empresa');
    const ids: Record<string, string> = {
      users: (await s.user(a.workspaceId, 'agent')).id,
      operations: (await s.request('POST', '/api/v1/operations', { token: a.token, body: { name: 'Só da A' } })).body.id,
      'api-credentials': (await s.request('POST', '/api/v1/api-credentials', { token: a.token, body: { name: 'Só da A' } })).body.id,
      'service-groups': (await s.request('POST', '/api/v1/service-groups', { token: a.token, body: { name: 'Só da A' } })).body.id,
      classifications: (await s.request('POST', '/api/v1/classifications', { token: a.token, body: { name: 'Só da A' } })).body.id,
      'canned-responses': (await s.request('POST', '/api/v1/canned-responses', { token: a.token, body: { shortcut: '/so-da-a', title: 'Só da A', text: 'Só da A' } })).body.id,
      'pause-reasons': (await s.request('POST', '/api/v1/pause-reasons', { token: a.token, body: { name: 'Só da A' } })).body.id,
      'business-hours': (await s.request('POST', '/api/v1/business-hours', { token: a.token, body: { name: 'Só da A' } })).body.id,
      channels: (await s.request('POST', '/api/v1/channels', {
        token: a.token,
        body: { type: 'webchat', name: 'Só da A', serviceGroupId: (await s.request('POST', '/api/v1/service-groups', { token: a.token, body: { name: 'Canal da A' } })).body.id },
      })).body.id,
      contacts: (await s.request('POST', '/api/v1/contacts', { token: a.token, body: { displayName: 'Só da A' } })).body.id,
      'contact-attributes': (await s.request('POST', '/api/v1/contact-attributes', { token: a.token, body: { name: 'Só da A' } })).body.id,
      attachments: (await s.request('POST', '/api/v1/attachments', {
        token: a.token,
        body: await import('../attachments/attachment.test-files').then((f) => f.fileForm('so-da-a.png', f.PNG, 'image/png')),
      })).body.id,
    };
    const { receiveInbound } = await import('../conversations');
    ids.conversations = (await receiveInbound(s.atende.deps, { workspaceId: a.workspaceId, channelId: ids.channels, contactId: ids.contacts, text: 'Só da A' })).conversation.id;
    // Routes whose body must be valid before the id is even looked up.
    const validBody: Record<string, unknown> = {
      '/api/v1/conversations/:id/messages': { text: 'x' },
      '/api/v1/conversations/:id/transfer': { agentId: NOWHERE },
      '/api/v1/conversations/:id/close': { folder: 'closed' },
      '/api/v1/conversations/:id/contact': { contactId: NOWHERE },
      '/api/v1/contacts/:id/merge': { contactId: NOWHERE },
      '/api/v1/channels/:id/templates': { name: 'so_da_a', language: 'pt_BR', category: 'UTILITY', components: { body: { text: 'Só da A' } } },
    };
    const withId = s.routes.filter((r) => r.url.includes(':id'));
    expect(withId.length).toBeGreaterThan(8);
    for (const r of withId) {
      const kind = r.url.split('/')[3];
      expect(ids, `no workspace-A id for ${r.url}: add one to this test`).toHaveProperty(kind);
      const res = await s.request(r.method, concrete(r.url, ids[kind]), {
        token: b.token,
        body: r.method === 'GET' ? undefined : validBody[r.url] ?? (r.method === 'PATCH' ? { name: 'x', displayName: 'x' } : {}),
      });
      expect(res.status, `${r.method} ${r.url}`).toBe(404);
    }
    // Lists and the audit log show B nothing of A.
    const users = await s.request('GET', '/api/v1/users?limit=200', { token: b.token });
    expect(users.body.items.every((u: { workspaceId: string }) => u.workspaceId === b.workspaceId)).toBe(true);
    const ops = await s.request('GET', '/api/v1/operations', { token: b.token });
    expect(ops.body.items).toEqual([]);
    const audit = await s.request('GET', `/api/v1/audit-log?entityId=${ids.operations}`, { token: b.token });
    expect(audit.body.items).toEqual([]);
    // And A's records are untouched.
    const still = await s.request('GET', `/api/v1/operations/${ids.operations}`, { token: a.token });
    expect(still.body).toMatchObject({ name: 'Só da A', status: 'active' });
  });
});
