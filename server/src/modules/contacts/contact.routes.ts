import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './contact.service';

export const contactSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  priority: z.number(),
  walletAgentId: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const tags = ['contacts'];
const errors = errorResponses(400, 401, 403, 404);

export function registerContactRoutes(app: App, deps: Deps) {
  app.get('/api/v1/contacts', {
    config: { access: 'contacts.read' },
    schema: { tags, querystring: listQuerySchema.extend({ q: z.string().trim().max(120).optional() }), response: { 200: page(contactSchema), ...errors } },
    handler: async (req) => {
      const r = await service.listContacts(ctxOf(req, deps), req.query);
      return { items: r.items.map(service.presentContact), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/contacts', {
    config: { access: 'contacts.edit' },
    schema: { tags, body: service.contactInputSchema, response: { 201: contactSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(service.presentContact(await service.createContact(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/contacts/:id', {
    config: { access: 'contacts.read' },
    schema: { tags, params: idParams, response: { 200: contactSchema, ...errors } },
    handler: async (req) => service.presentContact(await service.getContact(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/contacts/:id', {
    config: { access: 'contacts.edit' },
    schema: { tags, params: idParams, body: service.contactInputSchema.partial(), response: { 200: contactSchema, ...errors } },
    handler: async (req) => service.presentContact(await service.updateContact(ctxOf(req, deps), req.params.id, req.body)),
  });
}
