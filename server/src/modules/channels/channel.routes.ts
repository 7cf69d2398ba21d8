import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { idParams, listQuerySchema, page, uuidString, errorResponses } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { channelInputSchema, channelPatchSchema, channelSchema, channelTypeSchema, type Channel } from './channel.input';
import * as service from './channel.service';

const tags = ['channels'];
const errors = errorResponses(400, 401, 403, 404, 409);

/** The script tag a site pastes to show the web chat widget (API.md "Channels' own endpoints"). */
export const embedCodeOf = (baseUrl: string, channelId: string) =>
  `<script src="${baseUrl}/widget.js" data-channel="${channelId}" async></script>`;

export function registerChannelRoutes(app: App, deps: Deps, opts: { publicUrl?: string } = {}) {
  // Without PUBLIC_URL the address the admin used is the one the widget can be loaded from.
  const baseUrl = (req: FastifyRequest) => (opts.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');

  const present = (req: FastifyRequest, c: service.ChannelRecord): Channel => ({
    id: c.id,
    type: c.type,
    name: c.name,
    serviceGroupId: c.serviceGroupId,
    serviceGroupName: c.serviceGroupName,
    settings: c.settings,
    hasCredentials: c.credentialsSealed !== null,
    embedCode: c.type === 'webchat' ? embedCodeOf(baseUrl(req), c.id) : null,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  });

  app.get('/api/v1/channels', {
    config: { access: 'workspace.read' },
    schema: {
      tags,
      querystring: listQuerySchema.extend({
        q: z.string().trim().max(120).optional(),
        type: channelTypeSchema.optional(),
        serviceGroupId: uuidString.optional(),
        status: z.enum(['active', 'inactive']).optional(),
      }),
      response: { 200: page(channelSchema), ...errors },
    },
    handler: async (req) => {
      const r = await service.listChannels(ctxOf(req, deps), req.query);
      return { items: r.items.map((c) => present(req, c)), nextCursor: r.nextCursor };
    },
  });

  app.post('/api/v1/channels', {
    config: { access: 'channels.manage' },
    schema: {
      tags,
      description: '`credentials` are write-only (sealed at rest; the answer says only `hasCredentials`). WhatsApp: `{ phoneNumberId, wabaId, accessToken, appSecret, verifyToken, graphUrl? }`; web chat has none.',
      body: channelInputSchema,
      response: { 201: channelSchema, ...errors },
    },
    handler: async (req, reply) => reply.code(201).send(present(req, await service.createChannel(ctxOf(req, deps), req.body))),
  });

  app.get('/api/v1/channels/:id', {
    config: { access: 'workspace.read' },
    schema: { tags, params: idParams, response: { 200: channelSchema, ...errors } },
    handler: async (req) => present(req, await service.getChannelOrFail(ctxOf(req, deps), req.params.id)),
  });

  app.patch('/api/v1/channels/:id', {
    config: { access: 'channels.manage' },
    schema: { tags, params: idParams, body: channelPatchSchema, response: { 200: channelSchema, ...errors } },
    handler: async (req) => present(req, await service.updateChannel(ctxOf(req, deps), req.params.id, req.body)),
  });

  for (const [action, status] of [['deactivate', 'inactive'], ['activate', 'active']] as const) {
    app.post(`/api/v1/channels/:id/${action}`, {
      config: { access: 'channels.manage' },
      schema: { tags, params: idParams, response: { 200: channelSchema, ...errors } },
      handler: async (req) => present(req, await service.setChannelStatus(ctxOf(req, deps), req.params.id, status)),
    });
  }
}
