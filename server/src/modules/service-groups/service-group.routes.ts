import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { serviceGroupInputSchema, serviceGroupPatchSchema, serviceGroupSchema } from './service-group.input';
import { presentServiceGroup } from './service-group.presenter';
import * as service from './service-group.service';

const tags = ['service groups'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerServiceGroupRoutes(app: App, deps: Deps) {
  // Reads need only workspace.read: agents pick transfer targets from this list.
  app.get('/api/v1/service-groups', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(120).optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(serviceGroupSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listServiceGroups(ctxOf(req, deps), req.query);
      return { items: r.items.map(presentServiceGroup), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/service-groups', {
    config: { access: 'serviceGroups.manage' },
    schema: { tags, body: serviceGroupInputSchema, response: { 201: serviceGroupSchema, ...errors } },
    handler: async (req, reply) =>
      reply.code(201).send(presentServiceGroup(await service.createServiceGroup(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/service-groups/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: serviceGroupSchema, ...errors } },
    handler: async (req) => presentServiceGroup(await service.getServiceGroupOrFail(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/service-groups/:id', {
    config: { access: 'serviceGroups.manage' },
    schema: { tags, params: idParams, body: serviceGroupPatchSchema, response: { 200: serviceGroupSchema, ...errors } },
    handler: async (req) => presentServiceGroup(await service.updateServiceGroup(ctxOf(req, deps), req.params.id, req.body)),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/service-groups/:id/${action}`, {
      config: { access: 'serviceGroups.manage' },
      schema: { tags, params: idParams, response: { 200: serviceGroupSchema, ...errors } },
      handler: async (req) => presentServiceGroup(await service.setServiceGroupStatus(ctxOf(req, deps), req.params.id, status)),
    });
  }
}
