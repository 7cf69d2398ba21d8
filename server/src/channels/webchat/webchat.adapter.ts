import { z } from 'zod';
import { AGENT_ATTACHMENT_TYPES, CUSTOMER_ATTACHMENT_PREFIXES, CUSTOMER_DOCUMENT_TYPES } from '@contracts/serving';
import { uuidString } from '@contracts/http';
import { ChannelInboundError, type ChannelAdapter, type NormalizedInbound } from '../channel-adapter';
import { presentForVisitor } from './webchat.presenter';
import { toVisitor, visitorRoom } from './webchat.rooms';

export const MAX_TEXT = 4000;

/**
 * What the widget sends, wrapped with the visitor it came from (the routes know the visitor
 * from its token; the body alone is never trusted for who is speaking).
 */
export const webchatInboundSchema = z.object({
  visitor: z.object({
    id: uuidString,
    displayName: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
  event: z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('message'),
        clientMessageId: z.string().trim().min(1).max(100),
        text: z.string().max(MAX_TEXT).optional(),
        attachmentId: uuidString.optional(),
        receivedAt: z.coerce.date().optional(),
      })
      .refine((m) => !!m.text?.trim() || !!m.attachmentId, { message: 'a message needs text or an attachment', path: ['text'] }),
    z.object({ type: z.literal('typing') }),
    z.object({ type: z.enum(['delivered', 'read']), messageIds: z.array(uuidString).min(1).max(200) }),
  ]),
});
export type WebchatInbound = z.infer<typeof webchatInboundSchema>;

/** Channel-wide id of a visitor's message: a resend after a reconnect is the same message. */
export const webchatExternalId = (visitorId: string, clientMessageId: string) => `webchat:${visitorId}:${clientMessageId}`;

export const webchatAdapter: ChannelAdapter = {
  type: 'webchat',
  capabilities: {
    inboundMedia: [...CUSTOMER_ATTACHMENT_PREFIXES, ...CUSTOMER_DOCUMENT_TYPES],
    outboundMedia: [...AGENT_ATTACHMENT_TYPES],
    replyWindowHours: null,
    typing: true,
    readReceipts: true,
  },

  normalizeInbound(raw: unknown): NormalizedInbound[] {
    const parsed = webchatInboundSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ChannelInboundError(`web chat payload is invalid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
    }
    const { visitor, event } = parsed.data;
    const contact = {
      externalId: visitor.id,
      ...(visitor.displayName ? { displayName: visitor.displayName } : {}),
      ...(visitor.phone ? { phone: visitor.phone } : {}),
      ...(visitor.email ? { email: visitor.email } : {}),
    };
    if (event.type === 'typing') return [{ kind: 'typing', contact }];
    if (event.type !== 'message') {
      // Our own message ids are the web chat's "provider" ids (see send).
      const status = event.type;
      return [...new Set(event.messageIds)].map((id) => ({ kind: 'status' as const, externalId: id, status }));
    }
    const text = event.text?.trim();
    return [
      {
        kind: 'message',
        contact,
        message: {
          externalId: webchatExternalId(visitor.id, event.clientMessageId),
          clientMessageId: event.clientMessageId,
          ...(text ? { text } : {}),
          ...(event.attachmentId ? { attachmentId: event.attachmentId } : {}),
          receivedAt: event.receivedAt ?? new Date(),
        },
      },
    ];
  },

  async send(ctx, channel, message) {
    // The widget acknowledges what it shows (→ delivered); here the message has left us.
    toVisitor(ctx.deps, visitorRoom(channel.workspaceId, channel.id, message.contactId), 'message.created', {
      message: presentForVisitor({ ...message, direction: 'out', status: 'sent' }),
    });
    return { externalId: message.id, status: 'sent' };
  },

  async sendTyping(ctx, channel, contactId) {
    toVisitor(ctx.deps, visitorRoom(channel.workspaceId, channel.id, contactId), 'typing', {});
  },
};
