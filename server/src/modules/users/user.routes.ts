import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import { createUserSchema, roleSchema, updateUserSchema, userSchema } from '@contracts/users';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './user.service';

const tags = ['users'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerUserRoutes(app: App, deps: Deps) {
  app.get('/api/v1/users', {
    config: { access: 'users.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(120).optional(),
        role: roleSchema.optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(userSchema), ...errors },
    },
    handler: async (req) => service.listUsers(ctxOf(req, deps), req.query),
  });

  app.post('/api/v1/users', {
    config: { access: 'users.manage' },
    schema: { tags, body: createUserSchema, response: { 201: userSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await service.createUser(ctxOf(req, deps), req.body)),
  });

  app.get('/api/v1/users/:id', {
    config: { access: 'users.read' },
    schema: { tags, params: idParams, response: { 200: userSchema, ...errors } },
    handler: async (req) => service.getUser(ctxOf(req, deps), req.params.id),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: 'users.manage' },
    schema: { tags, params: idParams, body: updateUserSchema, response: { 200: userSchema, ...errors } },
    handler: async (req) => service.updateUser(ctxOf(req, deps), req.params.id, req.body),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/users/:id/${action}`, {
      config: { access: 'users.manage' },
      schema: { tags, params: idParams, response: { 200: userSchema, ...errors } },
      handler: async (req) => service.setUserStatus(ctxOf(req, deps), req.params.id, status),
    });
  }
}
