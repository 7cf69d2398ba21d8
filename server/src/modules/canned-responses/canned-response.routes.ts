import { z } from 'zod';
import { idParams, listQuerySchema, page, uuidString, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './canned-response.service';

const cannedResponseSchema = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  text: z.string(),
  serviceGroupId: z.string().nullable(),
  serviceGroupName: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const present = (r: service.CannedResponseRecord): z.infer<typeof cannedResponseSchema> => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  serviceGroupId: r.serviceGroupId,
  serviceGroupName: r.serviceGroupName,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const tags = ['canned responses'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerCannedResponseRoutes(app: App, deps: Deps) {
  app.get('/api/v1/canned-responses', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      description: 'By shortcut. `q` searches shortcut, title and text ignoring case and accents; `serviceGroupId` gives the workspace-wide responses plus that group\'s.',
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(120).optional(),
        serviceGroupId: uuidString.optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(cannedResponseSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listCannedResponses(ctxOf(req, deps), req.query);
      return { items: r.items.map(present), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/canned-responses', {
    config: { access: 'cannedResponses.manage' },
    schema: { tags, body: service.cannedResponseInputSchema, response: { 201: cannedResponseSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(present(await service.createCannedResponse(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/canned-responses/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: cannedResponseSchema, ...errors } },
    handler: async (req) => present(await service.getCannedResponse(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/canned-responses/:id', {
    config: { access: 'cannedResponses.manage' },
    schema: { tags, params: idParams, body: service.cannedResponsePatchSchema, response: { 200: cannedResponseSchema, ...errors } },
    handler: async (req) => present(await service.updateCannedResponse(ctxOf(req, deps), req.params.id, req.body)),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/canned-responses/:id/${action}`, {
      config: { access: 'cannedResponses.manage' },
      schema: { tags, params: idParams, response: { 200: cannedResponseSchema, ...errors } },
      handler: async (req) => present(await service.setCannedResponseStatus(ctxOf(req, deps), req.params.id, status)),
    });
  }
}
