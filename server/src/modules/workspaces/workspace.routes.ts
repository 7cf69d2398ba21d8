import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponses } from '@contracts/http';
import { userSchema, type User } from '@contracts/users';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './workspace.service';

const tags = ['workspace'];
const errors = errorResponses(400, 401, 403, 404, 409, 429);

/**
 * Setup (first visit without ATENDE_BOOTSTRAP_*) and the workspace's own settings.
 * `login` logs the new administrator in, so setup ends inside the app.
 */
export function registerWorkspaceRoutes(
  app: App,
  deps: Deps,
  login: (req: FastifyRequest, reply: FastifyReply, loginName: string, password: string) => Promise<{ token: string; user: User }>,
) {
  app.get('/api/v1/setup/status', {
    config: { access: 'public' },
    schema: { tags, security: [], response: { 200: z.object({ needsSetup: z.boolean() }) } },
    handler: async () => ({ needsSetup: await service.needsSetup(deps.db) }),
  });

  app.post('/api/v1/setup', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags,
      security: [],
      body: service.setupSchema,
      response: { 200: z.object({ token: z.string(), user: userSchema }), ...errors },
    },
    handler: async (req, reply) => {
      await service.createFirstWorkspace(ctxOf(req, deps), req.body, false);
      return login(req, reply, req.body.adminLogin, req.body.adminPassword);
    },
  });

  app.get('/api/v1/workspace', {
    config: { access: 'workspace.read' },
    schema: { tags, response: { 200: service.workspaceSchema, ...errors } },
    handler: async (req) => service.presentWorkspace(await service.getWorkspace(ctxOf(req, deps))),
  });

  app.patch('/api/v1/workspace', {
    config: { access: 'workspace.manage' },
    schema: { tags, body: service.updateWorkspaceSchema, response: { 200: service.workspaceSchema, ...errors } },
    handler: async (req) => service.presentWorkspace(await service.updateWorkspace(ctxOf(req, deps), req.body)),
  });
}
