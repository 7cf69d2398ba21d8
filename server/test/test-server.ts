import pino from 'pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadConfig } from '../src/config';
import { buildApp, type Atende } from '../src/app';
import { createTestDatabase } from './database';
import { createFirstWorkspace } from '../src/modules/workspaces';
import { hashPassword, insertUser } from '../src/modules/users';
import { workspaces } from '../src/modules/workspaces/workspace.schema';
import { agentPermissionsSchema, type Role } from '@contracts/users';

export const STRONG = 'Senha@Forte1';

export interface TestServer {
  atende: Atende;
  /** http://127.0.0.1:port of the listening server (realtime tests). */
  url: string;
  routes: { method: string; url: string; access: string }[];
  request(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{
    status: number;
    body: any;
    headers: Record<string, unknown>;
  }>;
  login(login: string, password?: string): Promise<string>;
  /** A workspace with an administrator logged in (token) — the first one made through setup. */
  workspace(name?: string): Promise<{ workspaceId: string; adminId: string; adminLogin: string; token: string }>;
  /** A user inserted directly (test data), active, password STRONG, no forced change. */
  user(workspaceId: string, role: Role, extra?: Record<string, unknown>): Promise<{ id: string; login: string; token: string }>;
}

let seq = 0;
const unique = (p: string) => `${p}${process.pid}x${++seq}x${Math.random().toString(36).slice(2, 6)}`;

/** Atende in-process on its own fresh database; closed after the file's tests. */
export async function startTestServer(env: Record<string, string> = {}, opts: { clock?: () => Date } = {}): Promise<TestServer> {
  const url = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'atende-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env });
  const routes: TestServer['routes'] = [];
  const atende = await buildApp(config, pino({ level: process.env.TEST_LOG ?? 'silent' }), url, {
    clock: opts.clock,
    beforeRoutes: (app) =>
      app.addHook('onRoute', (r) => {
        const methods = Array.isArray(r.method) ? r.method : [r.method];
        for (const m of methods) if (m !== 'HEAD' && r.url.startsWith('/api/v1')) routes.push({ method: m, url: r.url, access: String(r.config?.access) });
      }),
  });
  const address = (await atende.listen())!;
  afterAll(() => atende.close());

  const request: TestServer['request'] = async (method, url, opts = {}) => {
    const res = await atende.http!.inject({
      method: method as 'GET',
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };

  const login = async (name: string, password = STRONG) => {
    const r = await request('POST', '/api/v1/auth/login', { body: { login: name, password } });
    if (r.status !== 200) throw new Error(`login ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };

  const ctx = { db: atende.db, secrets: atende.secrets, log: pino({ level: 'silent' }), ip: '127.0.0.1', userAgent: 'test', now: () => new Date() };

  const workspace = async (name = 'Empresa') => {
    const adminLogin = unique('admin');
    let workspaceId: string;
    let adminId: string;
    const [any] = await atende.db.select({ id: workspaces.id }).from(workspaces).limit(1);
    if (!any) {
      const r = await createFirstWorkspace(ctx, { workspaceName: name, adminDisplayName: 'Admin', adminLogin, adminPassword: STRONG }, false);
      workspaceId = r.workspace.id;
      adminId = r.admin.id;
    } else {
      const [w] = await atende.db.insert(workspaces).values({ name }).returning();
      workspaceId = w.id;
      adminId = (await insertUser(atende.db, {
        workspaceId, login: adminLogin, displayName: 'Admin', role: 'admin', passwordHash: await hashPassword(STRONG),
        mustChangePassword: false, permissions: agentPermissionsSchema.parse({}),
      })).id;
    }
    return { workspaceId, adminId, adminLogin, token: await login(adminLogin) };
  };

  const user: TestServer['user'] = async (workspaceId, role, extra = {}) => {
    const name = unique(role.replace('_', ''));
    const row = await insertUser(atende.db, {
      workspaceId, login: name, displayName: `User ${name}`, role, passwordHash: await hashPassword(STRONG),
      mustChangePassword: false, permissions: agentPermissionsSchema.parse({}), ...extra,
    });
    return { id: row.id, login: name, token: extra.status === 'inactive' ? '' : await login(name) };
  };

  return { atende, url: address, routes, request, login, workspace, user };
}
