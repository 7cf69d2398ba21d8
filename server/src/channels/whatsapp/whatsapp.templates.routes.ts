import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import { templateVariableCount } from '@contracts/messages';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { templateInputSchema, templateSchema } from './whatsapp.templates.input';
import * as service from './whatsapp.templates.service';

const tags = ['channels'];
const errors = errorResponses(400, 401, 403, 404, 409, 502);

const present = (t: service.TemplateRow): z.infer<typeof templateSchema> => {
  const body = t.components.find((c) => c.type === 'BODY') as { text?: string } | undefined;
  return {
    id: t.id,
    channelId: t.channelId,
    externalId: t.externalId,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    rejectedReason: t.rejectedReason,
    components: t.components,
    parameterCount: templateVariableCount(String(body?.text ?? '')),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
};

/** A WhatsApp channel's message templates: read by agents (to send), managed by admins. */
export function registerTemplateRoutes(app: App, deps: Deps) {
  app.get('/api/v1/channels/:id/templates', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      params: idParams,
      querystring: listQuerySchema.extend({ status: z.string().trim().toUpperCase().max(30).optional() }),
      response: { 200: page(templateSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listTemplates(ctxOf(req, deps), req.params.id, req.query);
      return { items: r.items.map(present), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/channels/:id/templates', {
    config: { access: 'channels.manage' },
    schema: {
      tags,
      description: 'Submits a template to the WABA; it is stored PENDING until Meta reviews it (the status webhook updates it).',
      params: idParams,
      body: templateInputSchema,
      response: { 201: templateSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(present(await service.createTemplate(ctxOf(req, deps), req.params.id, req.body))),
  });

  app.post('/api/v1/channels/:id/templates/sync', {
    config: { access: 'channels.manage' },
    schema: { tags, params: idParams, response: { 200: z.object({ synced: z.number().int() }), ...errors } },
    handler: async (req) => service.syncTemplates(ctxOf(req, deps), req.params.id),
  });
}
