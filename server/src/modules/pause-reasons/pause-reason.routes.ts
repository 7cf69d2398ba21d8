import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import type { PauseReasonRow } from './pause-reason.repository';
import * as service from './pause-reason.service';

const pauseReasonSchema = z.object({
  id: z.string(),
  name: z.string(),
  minutes: z.number().int(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const present = (r: PauseReasonRow): z.infer<typeof pauseReasonSchema> => ({
  id: r.id,
  name: r.name,
  minutes: r.minutes,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const tags = ['pause reasons'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerPauseReasonRoutes(app: App, deps: Deps) {
  app.get('/api/v1/pause-reasons', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(80).optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(pauseReasonSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listPauseReasons(ctxOf(req, deps), req.query);
      return { items: r.items.map(present), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/pause-reasons', {
    config: { access: 'pauseReasons.manage' },
    schema: { tags, body: service.pauseReasonInputSchema, response: { 201: pauseReasonSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(present(await service.createPauseReason(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/pause-reasons/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: pauseReasonSchema, ...errors } },
    handler: async (req) => present(await service.getPauseReasonOrFail(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/pause-reasons/:id', {
    config: { access: 'pauseReasons.manage' },
    schema: { tags, params: idParams, body: service.pauseReasonPatchSchema, response: { 200: pauseReasonSchema, ...errors } },
    handler: async (req) => present(await service.updatePauseReason(ctxOf(req, deps), req.params.id, req.body)),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/pause-reasons/:id/${action}`, {
      config: { access: 'pauseReasons.manage' },
      schema: { tags, params: idParams, response: { 200: pauseReasonSchema, ...errors } },
      handler: async (req) => present(await service.setPauseReasonStatus(ctxOf(req, deps), req.params.id, status)),
    });
  }
}
