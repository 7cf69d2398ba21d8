import { z } from 'zod';
import { uuidString, errorResponses } from '@contracts/http';
import { templateSendSchema } from '@contracts/messages';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { ctxOf } from '../../platform/http/request-context';
import { getConversationDto } from '../conversations';
import { conversationSchema, messageSchema } from '../conversations';
import { sendActive } from './outbound.service';

const errors = errorResponses(400, 401, 403, 404, 409);

export const activeSendSchema = z.object({
  contactId: uuidString,
  channelId: uuidString,
  serviceGroupId: uuidString,
  text: z.string().trim().min(1, 'required').max(4096).optional(),
  template: templateSendSchema.optional(),
});

/** AGENT-6: `POST /api/v1/outbound-messages` — the company starts the conversation. */
export function registerOutboundRoutes(app: App, deps: Deps) {
  app.post('/api/v1/outbound-messages', {
    config: { access: 'serving.use' },
    schema: {
      tags: ['conversations'],
      description: 'Starts (or continues) a conversation with a contact on a channel. Outside the 24-hour window only an approved `template`. An agent gets the conversation (active, theirs); an API credential leaves it pending until the customer answers. To a contact already in a conversation, the group\'s `activeSendDelayMinutes` holds the message until `scheduledAt`.',
      body: activeSendSchema,
      response: { 201: z.object({ conversation: conversationSchema, message: messageSchema, scheduledAt: z.string().nullable() }), ...errors },
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const r = await sendActive(ctx, req.body);
      return reply.code(201).send({ conversation: await getConversationDto(ctx, r.conversationId), message: r.message, scheduledAt: r.scheduledAt?.toISOString() ?? null });
    },
  });
}
