import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});

describe('HTTP platform', () => {
  it('answers health and readiness', async () => {
    expect((await s.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await s.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('echoes a request id, or makes one', async () => {
    const given = await s.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await s.request('GET', '/healthz');
    expect(String(made.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives unknown API routes the error shape', async () => {
    const r = await s.request('GET', '/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: 'not_found', message: expect.any(String), fields: [] } });
  });

  it('refuses malformed JSON with a clear error', async () => {
    const r = await s.request('POST', '/api/v1/auth/login', { body: '{"login":', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad_request');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and its browser', async () => {
    const doc = await s.request('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/token', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/operations', '/api/v1/me']) {
      expect(doc.body.paths, path).toHaveProperty([path]);
    }
    const login = doc.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['login', 'password']);
    const docs = await s.request('GET', '/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('shows the setup page only while no workspace exists', async () => {
    expect((await s.request('GET', '/api/v1/setup/status')).body).toEqual({ needsSetup: true });
    const weak = await s.request('POST', '/api/v1/setup', { body: { workspaceName: 'Acme', adminDisplayName: 'Ana', adminLogin: 'ana', adminPassword: 'fraca' } });
    expect(weak.body.error.fields[0].path).toBe('adminPassword');
    expect((await s.request('GET', '/api/v1/setup/status')).body).toEqual({ needsSetup: true });
    const ok = await s.request('POST', '/api/v1/setup', { body: { workspaceName: 'Acme', adminDisplayName: 'Ana', adminLogin: 'ana', adminPassword: 'Forte@2026' } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ login: 'ana', role: 'admin', mustChangePassword: false });
    expect((await s.request('GET', '/api/v1/setup/status')).body).toEqual({ needsSetup: false });
    const again = await s.request('POST', '/api/v1/setup', { body: { workspaceName: 'Hack', adminDisplayName: 'Eve', adminLogin: 'eve', adminPassword: 'Forte@2026' } });
    expect(again.status).toBe(409);
    const ws = await s.request('GET', '/api/v1/workspace', { token: ok.body.token });
    expect(ws.body).toMatchObject({ name: 'Acme', timeZone: 'America/Sao_Paulo' });
    const badTz = await s.request('PATCH', '/api/v1/workspace', { token: ok.body.token, body: { timeZone: 'Mars/Olympus' } });
    expect(badTz.body.error.fields[0].path).toBe('timeZone');
  });
});

describe('web app', () => {
  it('serves index.html for client routes, files as they are, and JSON 404s under /api', async () => {
    // `npm test` builds web/dist first.
    const page = await s.request('GET', '/admin/users');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(String(page.body)).toContain('<div id="root">');
    const missingFile = await s.request('GET', '/assets/nothing-here.js');
    expect(missingFile.status).toBe(404);
    const api = await s.request('GET', '/api/v1/nothing');
    expect(api.body.error.code).toBe('not_found');
  });
});
