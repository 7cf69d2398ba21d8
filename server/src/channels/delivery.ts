import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../platform/context';
import type { Executor } from '../platform/db/client';
import type { OutboxEvent } from '../platform/events/outbox';
import { getMessageForDelivery, markMessageStatus } from '../modules/conversations';
import { ChannelSendError, type OutboundMessage } from './channel-adapter';
import { adapterFor, hasAdapter } from './registry';
import { senderNaming } from './sender-name';

/** The payload the conversations module writes with `message.created`. */
interface MessageCreated {
  messageId: string;
  conversationId: string;
  direction: 'in' | 'out';
  kind: 'message' | 'note' | 'system';
}

/**
 * Outbound flow (ARCHITECTURE.md): a stored company message goes out through its channel's
 * adapter, then its status moves to what the adapter reports. Notes never leave Atende.
 * A retryable failure throws, so the outbox tries again with back-off; a permanent one is
 * recorded on the message for the agent to see.
 */
export async function deliverMessage(deps: Deps, log: FastifyBaseLogger, event: OutboxEvent, tx: Executor) {
  const p = event.payload as unknown as MessageCreated;
  if (p.direction !== 'out' || p.kind !== 'message') return;
  const d = await getMessageForDelivery(tx, event.workspaceId, p.messageId);
  // Already sent by an earlier attempt whose status update was lost: never send twice.
  if (!d || d.message.status !== 'queued') return;

  if (!hasAdapter(d.channel.type)) {
    // A channel configured before its adapter exists: retrying would never succeed.
    await markMessageStatus(tx, {
      workspaceId: event.workspaceId,
      messageId: d.message.id,
      status: 'failed',
      error: { code: 'channel_not_supported', title: `Atende cannot send through ${d.channel.type} channels yet` },
    });
    return;
  }
  const adapter = adapterFor(d.channel.type);
  const nameOf = senderNaming({ db: tx }, event.workspaceId);
  const outbound: OutboundMessage = {
    id: d.message.id,
    conversationId: d.conversation.id,
    contactId: d.contactId,
    text: d.message.text,
    attachment: d.message.attachment,
    authorName: await nameOf({ ...d.message, direction: 'out' }, d.conversation.serviceGroupId),
    clientMessageId: d.message.clientMessageId,
    createdAt: new Date(d.message.createdAt),
  };
  try {
    const r = await adapter.send({ deps, log }, d.channel, outbound);
    await markMessageStatus(tx, { workspaceId: event.workspaceId, messageId: d.message.id, status: r.status, externalId: r.externalId });
  } catch (err) {
    if (!(err instanceof ChannelSendError) || err.retryable) throw err;
    log.warn({ messageId: d.message.id, code: err.code }, 'message could not be delivered');
    await markMessageStatus(tx, {
      workspaceId: event.workspaceId,
      messageId: d.message.id,
      status: 'failed',
      error: { code: err.code, title: err.title },
    });
  }
}
