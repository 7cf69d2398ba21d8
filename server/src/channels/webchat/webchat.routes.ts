import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidString, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { notFound } from '../../platform/errors';
import { attachmentSchema, getAttachment, presentAttachment, saveUpload, sendAttachment, withUploadedFile } from '../../modules/attachments';
import { MAX_TEXT } from './webchat.adapter';
import { visitorMessageSchema } from './webchat.presenter';
import * as service from './webchat.service';
import { attachmentInContactChat } from './webchat.repository';

const tags = ['webchat'];
const errors = errorResponses(400, 401, 404, 413, 429);
const security: [] = [];

// Limits per client address, and per visitor where there is one: a page of a busy store
// behind one NAT still works, a script hammering the public endpoints does not.
const byAddress = (req: FastifyRequest) => req.ip;
const byVisitor = (req: FastifyRequest) => `${req.ip}:${sha256(req.headers.authorization ?? '')}`;
const limits = {
  config: { max: 120, timeWindow: '1 minute', keyGenerator: byAddress },
  // Each session creates a contact: the tightest limit, per address and channel.
  sessions: {
    max: 10,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `${req.ip}:${(req.params as { channelId?: string }).channelId ?? ''}`,
  },
  read: { max: 120, timeWindow: '1 minute', keyGenerator: byVisitor },
  write: { max: 60, timeWindow: '1 minute', keyGenerator: byVisitor },
  upload: { max: 20, timeWindow: '1 minute', keyGenerator: byVisitor },
};

const channelParams = z.object({ channelId: uuidString });

/**
 * The widget's public API. It runs on customers' sites, so every answer allows any origin;
 * the visitor token travels in the Authorization header (never a cookie), so no credentials
 * are shared cross-site.
 */
export async function registerWebchatRoutes(app: App, deps: Deps) {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-allow-headers', 'authorization, content-type');
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-max-age', '86400');
    });

    scope.options('/webchat/v1/*', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.code(204).send());

    scope.get('/webchat/v1/channels/:channelId', {
      config: { access: 'public', rateLimit: limits.config },
      schema: {
        tags,
        security,
        summary: 'The widget of a web chat channel: its look and whether an agent is online',
        params: channelParams,
        response: {
          200: z.object({ title: z.string(), color: z.string(), welcome: z.string(), offlineMessage: z.string(), online: z.boolean() }),
          ...errors,
        },
      },
      handler: async (req, reply) => {
        // The online dot must follow the agents: never from a cache.
        reply.header('cache-control', 'no-store');
        return service.widgetConfig(deps, req.params.channelId);
      },
    });

    scope.post('/webchat/v1/channels/:channelId/sessions', {
      config: { access: 'public', rateLimit: limits.sessions },
      schema: {
        tags,
        security,
        summary: 'The pre-chat form: starts a visitor session (name + phone or e-mail)',
        params: channelParams,
        body: service.sessionInputSchema,
        response: { 201: z.object({ visitorToken: z.string() }), ...errors },
      },
      handler: async (req, reply) => reply.code(201).send(await service.startSession(deps, req.params.channelId, req.body)),
    });

    scope.get('/webchat/v1/messages', {
      config: { access: 'public', rateLimit: limits.read },
      schema: {
        tags,
        summary: "The visitor's messages after a given one (reconnect without loss or duplicates)",
        querystring: z.object({ after: uuidString.optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }),
        response: { 200: z.object({ items: z.array(visitorMessageSchema) }), ...errors },
      },
      handler: async (req) => {
        const visitor = await service.visitorOf(deps, req);
        return { items: await service.history(deps, visitor, req.query) };
      },
    });

    scope.post('/webchat/v1/messages', {
      config: { access: 'public', rateLimit: limits.write },
      schema: {
        tags,
        summary: 'The visitor writes; idempotent on clientMessageId',
        body: z.object({
          clientMessageId: z.string().trim().min(1, 'required').max(100),
          text: z.string().max(MAX_TEXT).optional(),
          attachmentId: uuidString.optional(),
        }),
        response: { 201: visitorMessageSchema, ...errors },
      },
      handler: async (req, reply) => {
        const visitor = await service.visitorOf(deps, req);
        return reply.code(201).send(await service.postMessage(deps, visitor, req.body));
      },
    });

    scope.post('/webchat/v1/attachments', {
      config: { access: 'public', rateLimit: limits.upload },
      schema: { tags, summary: 'The visitor uploads a file (multipart field "file")', consumes: ['multipart/form-data'], response: { 201: attachmentSchema, ...errors } },
      handler: async (req, reply) => {
        const visitor = await service.visitorOf(deps, req);
        const row = await withUploadedFile(req, (file) =>
          saveUpload(deps, { workspaceId: visitor.workspaceId, by: { contactId: visitor.contactId }, direction: 'customer', file }),
        );
        return reply.code(201).send(presentAttachment(row));
      },
    });

    scope.get('/webchat/v1/attachments/:id', {
      config: { access: 'public', rateLimit: limits.read },
      schema: { tags, summary: "A file of the visitor's own chat", params: z.object({ id: uuidString }), response: { ...errors } },
      handler: async (req, reply: FastifyReply) => {
        const visitor = await service.visitorOf(deps, req);
        const row = await getAttachment(deps.db, visitor.workspaceId, req.params.id);
        const visible =
          !!row &&
          (row.uploadedByContactId === visitor.contactId ||
            (await attachmentInContactChat(deps.db, { ...visitor, attachmentId: row.id })));
        if (!row || !visible) throw notFound('Attachment');
        return sendAttachment(reply, row, deps.storage.get(row.storageKey));
      },
    });
  });
}
