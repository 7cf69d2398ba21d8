import { z } from 'zod';
import { idParams, listQuerySchema, page, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import * as service from './contact.service';
import { listContacts } from './contact-search.service';
import { mergeContacts } from './contact.merge';

export const contactSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string(),
  phone: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), type: z.enum(['mobile', 'fixed', 'unknown']) })),
  email: z.string().nullable(),
  birthDate: z.string().nullable(),
  showNameInGreeting: z.boolean(),
  document: z.object({ type: z.enum(['cpf', 'cnpj']), number: z.string() }).nullable(),
  companyName: z.string().nullable(),
  priority: z.number(),
  attributes: z.array(z.object({ attributeId: z.string(), name: z.string(), value: z.string() })),
  walletAgentId: z.string().nullable(),
  serviceGroupId: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const tags = ['contacts'];
const errors = errorResponses(400, 401, 403, 404, 409);

export function registerContactRoutes(app: App, deps: Deps) {
  app.get('/api/v1/contacts', {
    config: { access: 'contacts.read' },
    schema: {
      tags,
      description: 'Search by name (any part, accents and case ignored), phone in any written form (whole or part), e-mail, or CPF/CNPJ with or without punctuation.',
      querystring: listQuerySchema.extend({ q: z.string().trim().max(120).optional(), status: z.enum(['active', 'inactive']).optional() }),
      response: { 200: page(contactSchema), ...errors },
    },
    handler: async (req) => listContacts(ctxOf(req, deps), req.query),
  });

  app.post('/api/v1/contacts', {
    config: { access: 'contacts.edit' },
    schema: { tags, body: service.contactInputSchema, response: { 201: contactSchema, ...errors } },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      return reply.code(201).send(await service.getContact(ctx, (await service.createContact(ctx, req.body)).id));
    },
  });

  app.get('/api/v1/contacts/:id', {
    config: { access: 'contacts.read' },
    schema: { tags, params: idParams, response: { 200: contactSchema, ...errors } },
    handler: async (req) => service.getContact(ctxOf(req, deps), req.params.id),
  });

  app.patch('/api/v1/contacts/:id', {
    config: { access: 'contacts.edit' },
    schema: { tags, params: idParams, body: service.contactInputSchema.partial(), response: { 200: contactSchema, ...errors } },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      return service.getContact(ctx, (await service.updateContact(ctx, req.params.id, req.body)).id);
    },
  });

  app.post('/api/v1/contacts/:id/merge', {
    config: { access: 'contacts.edit' },
    schema: {
      tags,
      description: 'CONT-6: the contact `contactId` joins this one with all its conversations, numbers and attributes, then is removed.',
      params: idParams,
      body: z.object({ contactId: z.string().uuid('invalid id') }),
      response: { 200: contactSchema, ...errors },
    },
    handler: async (req) => {
      const ctx = ctxOf(req, deps);
      await mergeContacts(ctx, req.params.id, req.body.contactId);
      return service.getContact(ctx, req.params.id);
    },
  });
}
