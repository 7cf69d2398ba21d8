import { z } from 'zod';
import { idParams, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './classification.service';
import type { ClassificationNode } from './classification.tree';

const nodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  position: z.number().int(),
  status: z.enum(['active', 'inactive']),
  get children(): z.ZodArray<typeof nodeSchema> {
    return z.array(nodeSchema);
  },
});

const tags = ['classifications'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerClassificationRoutes(app: App, deps: Deps) {
  app.get('/api/v1/classifications', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      description: 'The whole tree (main levels, reasons, sub-reasons). `status=active` is what pickers offer: deactivated nodes hide their subtree.',
      querystring: z.object({ status: z.enum(['active', 'inactive']).optional() }),
      response: { 200: z.object({ items: z.array(nodeSchema) }), ...errors },
    },
    handler: async (req) => ({ items: await service.getClassificationTree(ctxOf(req, deps), req.query.status) }),
  });

  app.post('/api/v1/classifications', {
    config: { access: 'classifications.manage' },
    schema: { tags, body: service.classificationInputSchema, response: { 201: nodeSchema, ...errors } },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const row = await service.createClassification(ctx, req.body);
      return reply.code(201).send(await service.getClassificationNode(ctx, row.id));
    },
  });

  app.get('/api/v1/classifications/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: nodeSchema, ...errors } },
    handler: async (req): Promise<ClassificationNode> => service.getClassificationNode(ctxOf(req, deps), req.params.id),
  });

  app.patch('/api/v1/classifications/:id', {
    config: { access: 'classifications.manage' },
    schema: { tags, params: idParams, body: service.classificationPatchSchema, response: { 200: nodeSchema, ...errors } },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      await service.updateClassification(ctx, req.params.id, req.body);
      return service.getClassificationNode(ctx, req.params.id);
    },
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/classifications/:id/${action}`, {
      config: { access: 'classifications.manage' },
      schema: { tags, params: idParams, response: { 200: nodeSchema, ...errors } },
      handler: async (req) => {
        const ctx = ctxOf(req, deps);
        await service.setClassificationStatus(ctx, req.params.id, status);
        return service.getClassificationNode(ctx, req.params.id);
      },
    });
  }
}
