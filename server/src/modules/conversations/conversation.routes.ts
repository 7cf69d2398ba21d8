import { z } from 'zod';
import { idParams, listQuerySchema, page, uuidString, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { interactiveSchema, templateSendSchema } from '@contracts/messages';
import { conversationSchema, messageSchema } from './conversation.presenter';
import * as conversations from './conversation.service';
import * as messages from './message.service';

const tags = ['conversations'];
const errors = errorResponses(400, 401, 403, 404, 409);
const clientMessageId = z.string().trim().min(1).max(100).optional();

// One object with exactly one kind of content, so an error inside a template or a button
// names its own path (a union would only say that nothing matched).
const KINDS = ['text', 'attachmentId', 'note', 'template', 'interactive'] as const;
const sendBody = z
  .object({
    text: z.string().trim().min(1, 'required').max(4096).optional(),
    attachmentId: uuidString.optional(),
    caption: z.string().max(1024).optional(),
    note: z.string().trim().min(1, 'required').max(4096).optional(),
    template: templateSendSchema.optional(),
    interactive: interactiveSchema.optional(),
    replyToMessageId: uuidString.optional(),
    clientMessageId,
  })
  .strict()
  .superRefine((b, ctx) => {
    const given = KINDS.filter((k) => b[k] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', path: ['text'], message: 'give exactly one of text, attachmentId, note, template, interactive' });
  });

export function registerConversationRoutes(app: App, deps: Deps) {
  app.get('/api/v1/conversations', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        status: z.string().regex(/^[a-z,]+$/, 'comma-separated statuses').optional(),
        assigneeId: uuidString.optional(),
        serviceGroupId: uuidString.optional(),
        contactId: uuidString.optional(),
        q: z.string().trim().max(120).optional(),
      }),
      response: { 200: page(conversationSchema), ...errors },
    },
    handler: async (req) => conversations.listConversations(ctxOf(req, deps), req.query),
  });

  app.get('/api/v1/conversations/:id', {
    config: { access: 'authenticated' },
    schema: { tags, params: idParams, response: { 200: conversationSchema, ...errors } },
    handler: async (req) => conversations.getConversationDto(ctxOf(req, deps), req.params.id),
  });

  app.get('/api/v1/conversations/:id/messages', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      params: idParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), before: uuidString.optional() }),
      response: { 200: page(messageSchema), ...errors },
    },
    handler: async (req) => messages.listMessages(ctxOf(req, deps), req.params.id, req.query),
  });

  app.post('/api/v1/conversations/:id/messages', {
    config: { access: 'serving.use' },
    schema: { tags, params: idParams, body: sendBody, response: { 201: messageSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await messages.sendMessage(ctxOf(req, deps), req.params.id, req.body as messages.SendInput)),
  });

  app.post('/api/v1/conversations/:id/read', {
    config: { access: 'serving.use' },
    schema: { tags, params: idParams, response: { 204: z.null(), ...errors } },
    handler: async (req, reply) => {
      await conversations.markRead(ctxOf(req, deps), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/conversations/:id/transfer', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      params: idParams,
      body: z.union([z.object({ agentId: uuidString }).strict(), z.object({ serviceGroupId: uuidString }).strict()]),
      response: { 200: conversationSchema, ...errors },
    },
    handler: async (req) => conversations.transferConversation(ctxOf(req, deps), req.params.id, req.body),
  });

  app.get('/api/v1/conversations/:id/transfer-options', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      params: idParams,
      querystring: z.object({ q: z.string().trim().max(120).optional(), onlineOnly: z.enum(['true', 'false']).optional() }),
      response: {
        200: z.object({
          agents: z.array(z.object({ id: z.string(), displayName: z.string(), presence: z.enum(['online', 'offline']), paused: z.boolean(), activeCount: z.number(), maxConversations: z.number() })),
          serviceGroups: z.array(z.object({ id: z.string(), name: z.string() })),
        }),
        ...errors,
      },
    },
    handler: async (req) => conversations.transferOptions(ctxOf(req, deps), req.params.id, { q: req.query.q, onlineOnly: req.query.onlineOnly === 'true' }),
  });

  app.post('/api/v1/conversations/:id/close', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      params: idParams,
      body: z.object({ folder: z.enum(['pending', 'closed']), classificationId: uuidString.nullish(), comment: z.string().trim().max(2000).nullish() }),
      response: { 200: conversationSchema, ...errors },
    },
    handler: async (req) => conversations.closeConversation(ctxOf(req, deps), req.params.id, req.body),
  });

  app.post('/api/v1/conversations/:id/contact', {
    config: { access: 'serving.use' },
    schema: {
      tags,
      description: "CONT-6: the conversation's customer is this existing contact — its contact (and number) joins `contactId`.",
      params: idParams,
      body: z.object({ contactId: uuidString }),
      response: { 200: conversationSchema, ...errors },
    },
    handler: async (req) => conversations.linkContact(ctxOf(req, deps), req.params.id, req.body.contactId),
  });

  app.get('/api/v1/contacts/:id/timeline', {
    config: { access: 'contacts.read' },
    schema: {
      tags: ['contacts'],
      params: idParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              conversationId: z.string(), protocol: z.string(), channelType: z.string(), channelName: z.string(), status: z.string(),
              serviceGroupName: z.string(), assigneeName: z.string().nullable(), classificationName: z.string().nullable(),
              createdAt: z.string(), closedAt: z.string().nullable(), messageCount: z.number(),
            }),
          ),
        }),
        ...errors,
      },
    },
    handler: async (req) => ({ items: await conversations.contactTimeline(ctxOf(req, deps), req.params.id) }),
  });
}
