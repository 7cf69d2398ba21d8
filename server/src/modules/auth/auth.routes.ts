import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import { roleSchema, userSchema } from '@contracts/users';
import { ROLE_PERMISSIONS } from '@contracts/permissions';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { unauthorized } from '../../platform/errors';
import { getUser } from '../users';
import { getWorkspace, presentWorkspace, workspaceSchema } from '../workspaces';
import { SESSION_COOKIE } from '../../platform/context';
import * as auth from './auth.service';
import * as credentials from './api-credential.service';
import { SESSION_TTL_MS } from './session.repository';

const tags = ['auth'];
const errors = errorResponses(400, 401, 403, 404, 429);
// Per client address, on top of the per-login lock of login-throttle.ts.
const loginRateLimit = { max: 30, timeWindow: '1 minute' };

const credentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  consumerKey: z.string(),
  role: roleSchema,
  status: z.enum(['active', 'revoked']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const presentCredential = (r: credentials.ApiCredentialRow) => ({
  id: r.id,
  name: r.name,
  consumerKey: r.consumerKey,
  role: r.role,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export function registerAuthRoutes(app: App, deps: Deps, opts: { secureCookies: boolean }) {
  /** Logs in and sets the session cookie (also used by setup to enter the new workspace). */
  async function startSession(req: FastifyRequest, reply: FastifyReply, login: string, password: string) {
    const r = await auth.login(ctxOf(req, deps), { login, password });
    reply.setCookie(SESSION_COOKIE, r.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookies,
      maxAge: SESSION_TTL_MS / 1000,
    });
    const user = await getUser({ ...ctxOf(req, deps), workspaceId: r.user.workspaceId }, r.user.id);
    return { token: r.token, user };
  }

  app.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: loginRateLimit },
    schema: {
      tags,
      security: [],
      body: z.object({ login: z.string().trim().min(1, 'required').max(64), password: z.string().min(1, 'required').max(256) }),
      response: { 200: z.object({ token: z.string(), user: userSchema }), ...errors },
    },
    handler: async (req, reply) => startSession(req, reply, req.body.login, req.body.password),
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: { tags, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await auth.logout(ctxOf(req, deps));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/auth/password', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: {
      tags,
      body: z.object({ currentPassword: z.string().min(1, 'required').max(256), newPassword: z.string().min(1, 'required').max(256) }),
      response: { 204: z.null(), ...errors },
    },
    handler: async (req, reply) => {
      await auth.changePassword(ctxOf(req, deps), req.body);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/auth/token', {
    config: { access: 'public', rateLimit: loginRateLimit },
    schema: {
      tags,
      security: [],
      body: z.object({ consumerKey: z.string().min(1, 'required').max(100), consumerSecret: z.string().min(1, 'required').max(200) }),
      response: { 200: z.object({ accessToken: z.string(), expiresIn: z.number(), tokenType: z.literal('Bearer') }), ...errors },
    },
    handler: async (req) => auth.exchangeApiToken(ctxOf(req, deps), req.body),
  });

  app.get('/api/v1/me', {
    config: { access: 'authenticated', allowPendingPasswordChange: true },
    schema: {
      tags,
      response: {
        200: z.object({ user: userSchema.nullable(), workspace: workspaceSchema, permissions: z.array(z.string()), role: roleSchema }),
        ...errors,
      },
    },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      const p = req.principal;
      if (!p) throw unauthorized();
      const user = p.userId ? await getUser(ctx, p.userId) : null;
      const workspace = presentWorkspace(await getWorkspace(ctx));
      return { user, workspace, permissions: [...ROLE_PERMISSIONS[p.role]], role: p.role };
    },
  });

  app.get('/api/v1/api-credentials', {
    config: { access: 'apiCredentials.manage' },
    schema: { tags: ['api-credentials'], querystring: listQuerySchema, response: { 200: page(credentialSchema), ...errors } },
    handler: async (req) => {
      const r = await credentials.listApiCredentials(ctxOf(req, deps), req.query);
      return { items: r.items.map(presentCredential), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/api-credentials', {
    config: { access: 'apiCredentials.manage' },
    schema: {
      tags: ['api-credentials'],
      body: z.object({ name: z.string().trim().min(1, 'required').max(120), role: roleSchema.default('admin') }),
      response: { 201: credentialSchema.extend({ consumerSecret: z.string() }), ...errors },
    },
    handler: async (req, reply) => {
      const r = await credentials.createApiCredential(ctxOf(req, deps), req.body);
      return reply.code(201).send({ ...presentCredential(r.row), consumerSecret: r.consumerSecret });
    },
  });

  app.post('/api/v1/api-credentials/:id/revoke', {
    config: { access: 'apiCredentials.manage' },
    schema: { tags: ['api-credentials'], params: idParams, response: { 200: credentialSchema, ...errors } },
    handler: async (req) => presentCredential(await credentials.revokeApiCredential(ctxOf(req, deps), req.params.id)),
  });
  return { startSession };
}
