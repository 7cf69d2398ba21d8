import { and, desc, eq } from 'drizzle-orm';
import type { Interactive } from '@contracts/messages';
import { CUSTOMER_ATTACHMENT_PREFIXES, CUSTOMER_DOCUMENT_TYPES } from '@contracts/serving';
import type { Deps } from '../../platform/context';
import { contactIdentities } from '../../modules/contacts';
import { messages } from '../../modules/conversations';
import { getAttachment } from '../../modules/attachments';
import { ChannelInboundError, ChannelSendError, type AdapterChannel, type ChannelAdapter, type NormalizedInbound, type OutboundMessage } from '../channel-adapter';
import { credentialsOf, graphJson, type WhatsappCredentials } from './whatsapp.graph';
import { phoneOfWaId, readMessage, splitNotification } from './whatsapp.inbound';
import { findWhatsappChannel } from './whatsapp.repository';
import { SendPacer, sleep, type SendLimits } from './whatsapp.throttle';

/** Meta accepts images as JPEG/PNG only; what agents may attach (CHAN-7) fits inside that. */
const OUTBOUND_MEDIA = ['image/jpeg', 'image/png', 'application/pdf'];

let pacer = new SendPacer();
/** Tests and deployments with upgraded throughput change the pacing. */
export function setSendLimits(limits: SendLimits, now?: () => number) {
  pacer = new SendPacer(limits, now);
}

type Obj = Record<string, unknown>;

/** What `send` needs beyond OutboundMessage: credentials, the recipient and the structured content. */
async function deliveryFacts(deps: Deps, channel: AdapterChannel, message: OutboundMessage) {
  const row = await findWhatsappChannel(deps.db, channel.workspaceId, channel.id);
  const credentials = row && credentialsOf(deps, row);
  if (!credentials) throw new ChannelSendError(false, 'channel_not_configured', 'The WhatsApp channel has no credentials');
  const [m] = await deps.db.select().from(messages).where(and(eq(messages.workspaceId, channel.workspaceId), eq(messages.id, message.id)));
  const [identity] = await deps.db
    .select({ externalId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.workspaceId, channel.workspaceId), eq(contactIdentities.channelId, channel.id), eq(contactIdentities.contactId, message.contactId)))
    .limit(1);
  if (!identity) throw new ChannelSendError(false, 'no_whatsapp_identity', 'The contact has no WhatsApp number on this channel');
  let replyTo: string | null = null;
  if (m?.replyToMessageId) {
    const [target] = await deps.db.select({ externalId: messages.externalId }).from(messages).where(and(eq(messages.workspaceId, channel.workspaceId), eq(messages.id, m.replyToMessageId)));
    replyTo = target?.externalId ?? null;
  }
  return { credentials, to: identity.externalId, contentType: m?.contentType ?? 'text', content: (m?.content ?? null) as Obj | null, replyTo };
}

/** Uploads a stored attachment to Meta (`/{phone-number-id}/media`) and gives its media id. */
async function uploadMedia(deps: Deps, c: WhatsappCredentials, workspaceId: string, attachmentId: string) {
  const a = await getAttachment(deps.db, workspaceId, attachmentId);
  if (!a) throw new ChannelSendError(false, 'attachment_missing', 'The attachment no longer exists');
  const chunks: Buffer[] = [];
  for await (const chunk of deps.storage.get(a.storageKey)) chunks.push(chunk as Buffer);
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', a.mimeType);
  form.set('file', new Blob([Buffer.concat(chunks)], { type: a.mimeType }), a.fileName);
  const r = await graphJson<{ id: string }>(c, `${c.phoneNumberId}/media`, { form });
  return { id: r.id, fileName: a.fileName, mimeType: a.mimeType };
}

export function interactiveBody(i: Interactive): Obj {
  const common = {
    ...(i.header ? { header: { type: 'text', text: i.header } } : {}),
    body: { text: i.body },
    ...(i.footer ? { footer: { text: i.footer } } : {}),
  };
  if (i.type === 'button') {
    return { type: 'button', ...common, action: { buttons: i.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) } };
  }
  return { type: 'list', ...common, action: { button: i.button, sections: i.sections } };
}

export function templateBody(content: Obj): Obj {
  const parameters = (content.parameters as string[] | undefined) ?? [];
  return {
    name: content.name,
    language: { code: content.language },
    ...(parameters.length ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] } : {}),
  };
}

/** The Cloud API body of one message (protocols.md §1.6). */
async function buildBody(deps: Deps, channel: AdapterChannel, message: OutboundMessage, f: Awaited<ReturnType<typeof deliveryFacts>>): Promise<Obj> {
  const base: Obj = { messaging_product: 'whatsapp', recipient_type: 'individual', to: f.to, ...(f.replyTo ? { context: { message_id: f.replyTo } } : {}) };
  if (f.contentType === 'template' && f.content) return { ...base, type: 'template', template: templateBody(f.content) };
  if (f.contentType === 'interactive' && f.content) return { ...base, type: 'interactive', interactive: interactiveBody(f.content as Interactive) };
  if (message.attachment) {
    const media = await uploadMedia(deps, f.credentials, channel.workspaceId, message.attachment.id);
    const kind = media.mimeType.startsWith('image/') ? 'image' : media.mimeType.startsWith('video/') ? 'video' : media.mimeType.startsWith('audio/') ? 'audio' : 'document';
    const caption = kind !== 'audio' && message.text ? { caption: message.text } : {};
    return { ...base, type: kind, [kind]: { id: media.id, ...caption, ...(kind === 'document' ? { filename: media.fileName } : {}) } };
  }
  return { ...base, type: 'text', text: { preview_url: false, body: message.text ?? '' } };
}

export const whatsappAdapter: ChannelAdapter = {
  type: 'whatsapp',
  capabilities: {
    inboundMedia: [...CUSTOMER_ATTACHMENT_PREFIXES, ...CUSTOMER_DOCUMENT_TYPES],
    outboundMedia: OUTBOUND_MEDIA,
    replyWindowHours: 24,
    typing: false,
    readReceipts: true,
  },

  normalizeInbound(raw: unknown): NormalizedInbound[] {
    let changes;
    try {
      changes = splitNotification(raw);
    } catch (err) {
      throw new ChannelInboundError(`WhatsApp payload is invalid: ${(err as Error).message}`, [{ path: 'entry', message: 'required' }]);
    }
    return changes.flatMap((c) =>
      c.events.flatMap((e): NormalizedInbound[] => {
        if (e.kind === 'message') {
          const m = readMessage(e.payload);
          const phone = phoneOfWaId(m.waId);
          return [{
            kind: 'message',
            contact: { externalId: m.waId, ...(m.name ? { displayName: m.name } : {}), ...(phone ? { phone } : {}) },
            message: { externalId: m.externalId, ...(m.text ? { text: m.text } : {}), receivedAt: m.receivedAt },
          }];
        }
        if (e.kind === 'status') {
          const status = String(e.payload.status) as 'sent';
          if (!['sent', 'delivered', 'read', 'failed'].includes(status)) return [];
          return [{ kind: 'status', externalId: String(e.payload.id), status }];
        }
        return [];
      }),
    );
  },

  async send(ctx, channel, message) {
    const facts = await deliveryFacts(ctx.deps, channel, message);
    const body = await buildBody(ctx.deps, channel, message, facts);
    const wait = pacer.reserve(facts.credentials.phoneNumberId, facts.to);
    if (wait > 0) await sleep(wait);
    const r = await graphJson<{ messages?: { id?: string }[] }>(facts.credentials, `${facts.credentials.phoneNumberId}/messages`, { json: body });
    const wamid = r.messages?.[0]?.id;
    if (!wamid) throw new ChannelSendError(true, 'no_message_id', 'WhatsApp accepted the request without a message id');
    return { externalId: wamid, status: 'sent' };
  },
};

/** Read receipt for the contact's latest message of a conversation (`conversation.read`). */
export async function sendReadReceipt(deps: Deps, workspaceId: string, channelId: string, conversationId: string) {
  const row = await findWhatsappChannel(deps.db, workspaceId, channelId);
  const credentials = row && credentialsOf(deps, row);
  if (!credentials) return;
  // WhatsApp timestamps have whole seconds: every message of the latest second gets the receipt
  // (marking one read marks the earlier ones read too).
  const recent = await deps.db
    .select({ externalId: messages.externalId, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.direction, 'in')))
    .orderBy(desc(messages.createdAt))
    .limit(5);
  const latest = recent.filter((m) => m.externalId && m.createdAt.getTime() === recent[0].createdAt.getTime());
  for (const m of latest) {
    await graphJson(credentials, `${credentials.phoneNumberId}/messages`, {
      json: { messaging_product: 'whatsapp', status: 'read', message_id: m.externalId },
    });
  }
}
