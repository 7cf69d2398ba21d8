import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './operation.service';
import type { OperationRow } from './operation.repository';

const operationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const present = (r: OperationRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const tags = ['operations'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerOperationRoutes(app: App, deps: Deps) {
  app.get('/api/v1/operations', {
    config: { access: 'operations.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(120).optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(operationSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listOperations(ctxOf(req, deps), req.query);
      return { items: r.items.map(present), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/operations', {
    config: { access: 'operations.manage' },
    schema: { tags, body: service.operationInputSchema, response: { 201: operationSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(present(await service.createOperation(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/operations/:id', {
    config: { access: 'operations.read' },
    schema: { tags, params: idParams, response: { 200: operationSchema, ...errors } },
    handler: async (req) => present(await service.getOperation(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/operations/:id', {
    config: { access: 'operations.manage' },
    schema: { tags, params: idParams, body: service.operationInputSchema.partial(), response: { 200: operationSchema, ...errors } },
    handler: async (req) => present(await service.updateOperation(ctxOf(req, deps), req.params.id, req.body)),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/operations/:id/${action}`, {
      config: { access: 'operations.manage' },
      schema: { tags, params: idParams, response: { 200: operationSchema, ...errors } },
      handler: async (req) => present(await service.setOperationStatus(ctxOf(req, deps), req.params.id, status)),
    });
  }
}
