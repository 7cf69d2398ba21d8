import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { emitEvent } from '../../platform/events/outbox';
import { notFound } from '../../platform/errors';
import { channels } from '../channels/channel.schema';
import { findContact } from '../contacts';
import { workspaces } from '../workspaces/workspace.schema';
import { requestRouting } from '../routing/routing.service';
import * as repo from './conversation.repository';
import * as messages from './message.repository';
import { previewOf } from './conversation.presenter';
import { nextProtocol } from './protocol';

/** A pending conversation reopens when the customer writes within this window (AGENT-4). */
export const REOPEN_WINDOW_MS = 24 * 3600_000;

export interface InboundMessage {
  workspaceId: string;
  channelId: string;
  contactId: string;
  text?: string | null;
  attachmentId?: string | null;
  /** text, image, audio, video, document, sticker, location, contacts, interactive, button, reaction, unsupported */
  contentType?: string;
  content?: Record<string, unknown> | null;
  /** The provider id of the message this one answers (WhatsApp `context.id`). */
  replyToExternalId?: string | null;
  /** The provider's id: a retried delivery of the same message is a no-op. */
  externalId?: string | null;
  /** The sender's own id (web chat): a resent request is a no-op. */
  clientMessageId?: string | null;
  receivedAt?: Date;
  /** The provider's reply window closes this long after the customer's message (WhatsApp: 24 h). */
  replyWindowHours?: number | null;
}

async function channelAndClock(tx: Executor, workspaceId: string, channelId: string) {
  const [row] = await tx
    .select({ channel: channels, timeZone: workspaces.timeZone })
    .from(channels)
    .innerJoin(workspaces, eq(workspaces.id, channels.workspaceId))
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
  if (!row) throw notFound('Channel');
  return row;
}

/**
 * A customer's message enters: it joins the contact's open conversation on that channel —
 * reopening a pending one inside 24 h — or starts a new, queued one (AGENT-4). One
 * transaction: the conversation, the message and the events commit together.
 */
export async function receiveInbound(deps: Pick<Deps, 'db'>, m: InboundMessage) {
  const at = m.receivedAt ?? new Date();
  return deps.db.transaction(async (tx) => {
    if (m.externalId) {
      const dup = await messages.findByExternalId(tx, m.workspaceId, m.channelId, m.externalId);
      if (dup) return { conversation: (await repo.lockConversation(tx, m.workspaceId, dup.conversationId))!, message: dup, duplicate: true };
    }
    const { channel, timeZone } = await channelAndClock(tx, m.workspaceId, m.channelId);
    const contact = await findContact(tx, m.workspaceId, m.contactId);
    if (!contact) throw notFound('Contact');

    let conversation: repo.ConversationRow | null = await repo.lockOpenConversation(tx, m.workspaceId, m.channelId, m.contactId);
    if (conversation && m.clientMessageId) {
      const dup = await messages.findByClientId(tx, m.workspaceId, conversation.id, m.clientMessageId);
      if (dup) return { conversation, message: dup, duplicate: true };
    }
    const events: repo.ConversationEvent[] = [];
    if (conversation?.status === 'pending') {
      const silentFor = at.getTime() - (conversation.lastCustomerMessageAt ?? conversation.createdAt).getTime();
      if (silentFor <= REOPEN_WINDOW_MS) {
        conversation = await repo.updateConversation(tx, m.workspaceId, conversation.id, { status: 'queued', queuedAt: at, closedAt: null });
        events.push({ workspaceId: m.workspaceId, conversationId: conversation.id, type: 'reopened', toGroupId: conversation.serviceGroupId });
      } else {
        await repo.updateConversation(tx, m.workspaceId, conversation.id, { status: 'expired' });
        events.push({ workspaceId: m.workspaceId, conversationId: conversation.id, type: 'expired' });
        conversation = null;
      }
    }
    if (!conversation) {
      conversation = await repo.insertConversation(tx, {
        workspaceId: m.workspaceId,
        protocol: await nextProtocol(tx, m.workspaceId, timeZone, at),
        channelId: channel.id,
        contactId: contact.id,
        serviceGroupId: channel.serviceGroupId,
        status: 'queued',
        priority: contact.priority,
        queuedAt: at,
      });
      events.push({ workspaceId: m.workspaceId, conversationId: conversation.id, type: 'queued', toGroupId: channel.serviceGroupId });
    }

    const replyTo = m.replyToExternalId ? await messages.findByExternalId(tx, m.workspaceId, m.channelId, m.replyToExternalId) : null;
    const message = await messages.insertMessage(tx, {
      workspaceId: m.workspaceId,
      conversationId: conversation.id,
      channelId: channel.id,
      direction: 'in',
      kind: 'message',
      text: m.text ?? null,
      contentType: m.contentType ?? (m.attachmentId ? 'document' : 'text'),
      content: m.content ?? null,
      replyToMessageId: replyTo?.conversationId === conversation.id ? replyTo.id : null,
      attachmentId: m.attachmentId ?? null,
      status: 'delivered',
      externalId: m.externalId ?? null,
      clientMessageId: m.clientMessageId ?? null,
      createdAt: at,
    });
    conversation = await repo.recordCustomerMessage(tx, m.workspaceId, conversation.id, {
      at,
      preview: previewOf(m.text, m.attachmentId ? 'anexo' : null),
      windowExpiresAt: m.replyWindowHours ? new Date(at.getTime() + m.replyWindowHours * 3600_000) : null,
    });
    await repo.insertEvents(tx, events);
    await emitEvent(tx, {
      workspaceId: m.workspaceId,
      type: 'message.created',
      payload: { messageId: message.id, conversationId: conversation.id, direction: 'in', kind: 'message' },
    });
    if (conversation.status === 'queued') await requestRouting(tx, m.workspaceId, [conversation.serviceGroupId], 'inbound');
    return { conversation, message, duplicate: false };
  });
}
