import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { emitEvents } from '../../platform/events/outbox';
import { notFound } from '../../platform/errors';
import { channels } from '../channels/channel.schema';
import { findContacts } from '../contacts';
import { workspaces } from '../workspaces/workspace.schema';
import { requestRouting } from '../routing/routing.service';
import * as repo from './conversation.repository';
import * as messages from './message.repository';
import { previewOf } from './conversation.presenter';
import { nextProtocols } from './protocol';

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

export interface InboundResult {
  conversation: repo.ConversationRow;
  message: messages.MessageRow;
  duplicate: boolean;
}

/**
 * A customer's message enters: it joins the contact's open conversation on that channel —
 * reopening a pending one inside 24 h — or starts a new, queued one (AGENT-4). One
 * transaction: the conversation, the message and the events commit together.
 */
export async function receiveInbound(deps: Pick<Deps, 'db'>, m: InboundMessage): Promise<InboundResult> {
  const [r] = await receiveInboundBatch(deps, [m]);
  return r;
}

/**
 * Many customer messages of one channel, in their order, with the same rules, in one transaction
 * and a constant number of queries: this is what lets WhatsApp's bursts in at full rate.
 */
export async function receiveInboundBatch(deps: Pick<Deps, 'db'>, batch: InboundMessage[]): Promise<InboundResult[]> {
  if (batch.length === 0) return [];
  const { workspaceId, channelId } = batch[0];
  if (batch.some((m) => m.workspaceId !== workspaceId || m.channelId !== channelId)) throw new Error('an inbound batch holds one channel');
  return deps.db.transaction(async (tx) => {
    const { channel, timeZone } = await channelAndClock(tx, workspaceId, channelId);
    const externalIds = batch.flatMap((m) => [m.externalId, m.replyToExternalId]).filter((x): x is string => !!x);
    const known = await messages.findByExternalIds(tx, workspaceId, channelId, externalIds);
    const contacts = await findContacts(tx, workspaceId, [...new Set(batch.map((m) => m.contactId))]);
    const open = await repo.lockOpenConversations(tx, workspaceId, channelId, [...contacts.keys()]);

    const results: (InboundResult | { duplicateOf: messages.MessageRow } | null)[] = [];
    const fresh: { m: InboundMessage; at: Date; index: number }[] = [];
    const events: repo.ConversationEvent[] = [];
    const seen = new Set<string>();
    for (const [index, m] of batch.entries()) {
      if (!contacts.has(m.contactId)) throw notFound('Contact');
      const dup = m.externalId ? known.get(m.externalId) : undefined;
      if (dup) results.push({ duplicateOf: dup });
      else if (m.externalId && seen.has(m.externalId)) results.push(null); // twice in this batch: the first one counts
      else {
        if (m.externalId) seen.add(m.externalId);
        results.push(null);
        fresh.push({ m, at: m.receivedAt ?? new Date(), index });
      }
    }

    // Each contact's first new message decides its conversation: reopen, expire, or start one.
    const conversationOf = new Map<string, repo.ConversationRow>();
    const toCreate: { contactId: string; at: Date }[] = [];
    const inactive = [...contacts.values()].filter((c) => c.status === 'inactive').map((c) => c.id);
    const unserved = await repo.recentUnservedConversations(tx, workspaceId, channelId, inactive, new Date(Date.now() - REOPEN_WINDOW_MS));
    for (const { m, at } of fresh) {
      if (conversationOf.has(m.contactId) || toCreate.some((c) => c.contactId === m.contactId)) continue;
      let conversation = open.get(m.contactId) ?? unserved.get(m.contactId) ?? null;
      if (conversation?.status === 'pending') {
        const silentFor = at.getTime() - (conversation.lastCustomerMessageAt ?? conversation.createdAt).getTime();
        if (silentFor <= REOPEN_WINDOW_MS) {
          conversation = await repo.updateConversation(tx, workspaceId, conversation.id, { status: 'queued', queuedAt: at, closedAt: null });
          events.push({ workspaceId, conversationId: conversation.id, type: 'reopened', toGroupId: conversation.serviceGroupId });
        } else {
          await repo.updateConversation(tx, workspaceId, conversation.id, { status: 'expired' });
          events.push({ workspaceId, conversationId: conversation.id, type: 'expired' });
          conversation = null;
        }
      }
      if (conversation) conversationOf.set(m.contactId, conversation);
      else toCreate.push({ contactId: m.contactId, at });
    }
    const protocols = await nextProtocols(tx, workspaceId, timeZone, toCreate.map((c) => c.at));
    const created = await repo.insertConversations(
      tx,
      toCreate.map((c, n) => ({
        workspaceId,
        protocol: protocols[n],
        channelId: channel.id,
        contactId: c.contactId,
        serviceGroupId: channel.serviceGroupId,
        priority: contacts.get(c.contactId)!.priority,
        // CONT-1: an inactive contact cannot open a conversation; what they write is kept, unserved.
        ...(contacts.get(c.contactId)!.status === 'inactive' ? { status: 'closed' as const, closedAt: c.at } : { status: 'queued' as const, queuedAt: c.at }),
      })),
    );
    for (const c of created) {
      conversationOf.set(c.contactId, c);
      if (c.status === 'queued') events.push({ workspaceId, conversationId: c.id, type: 'queued', toGroupId: channel.serviceGroupId });
      else events.push({ workspaceId, conversationId: c.id, type: 'closed', data: { reason: 'inactive_contact' } });
    }

    // Web chat resends carry the sender's own id: a resent request is a no-op.
    for (const f of [...fresh]) {
      if (!f.m.clientMessageId) continue;
      const dup = await messages.findByClientId(tx, workspaceId, conversationOf.get(f.m.contactId)!.id, f.m.clientMessageId);
      if (dup) {
        results[f.index] = { duplicateOf: dup };
        fresh.splice(fresh.indexOf(f), 1);
      }
    }

    const inserted = await messages.insertMessages(
      tx,
      fresh.map(({ m, at }) => {
        const conversationId = conversationOf.get(m.contactId)!.id;
        const replyTo = m.replyToExternalId ? known.get(m.replyToExternalId) : undefined;
        return {
          workspaceId,
          conversationId,
          channelId: channel.id,
          direction: 'in' as const,
          kind: 'message' as const,
          text: m.text ?? null,
          contentType: m.contentType ?? (m.attachmentId ? 'document' : 'text'),
          content: m.content ?? null,
          replyToMessageId: replyTo?.conversationId === conversationId ? replyTo.id : null,
          attachmentId: m.attachmentId ?? null,
          status: 'delivered' as const,
          externalId: m.externalId ?? null,
          clientMessageId: m.clientMessageId ?? null,
          createdAt: at,
        };
      }),
    );
    const updated = await repo.recordCustomerMessages(
      tx,
      workspaceId,
      fresh.map(({ m, at }) => ({
        conversationId: conversationOf.get(m.contactId)!.id,
        at,
        preview: previewOf(m.text, m.attachmentId ? 'anexo' : null),
        windowExpiresAt: m.replyWindowHours ? new Date(at.getTime() + m.replyWindowHours * 3600_000) : null,
      })),
    );
    await repo.insertEvents(tx, events);
    await emitEvents(tx, [
      // Automation greets new conversations (out of hours, nobody available) before their first message is handled.
      ...created.map((c) => ({ workspaceId, type: 'conversation.created', payload: { conversationId: c.id, serviceGroupId: c.serviceGroupId } })),
      ...inserted.map((message) => ({
        workspaceId,
        type: 'message.created',
        payload: { messageId: message.id, conversationId: message.conversationId, direction: 'in', kind: 'message', at: message.createdAt.toISOString() },
      })),
    ]);
    const queuedGroups = [...updated.values()].filter((c) => c.status === 'queued').map((c) => c.serviceGroupId);
    await requestRouting(tx, workspaceId, queuedGroups, 'inbound');

    fresh.forEach((f, n) => (results[f.index] = { conversation: updated.get(inserted[n].conversationId)!, message: inserted[n], duplicate: false }));
    return completeDuplicates(tx, workspaceId, batch, results, updated);
  });
}

/** Duplicates answer with their original message and its conversation as it is now. */
async function completeDuplicates(
  tx: Executor,
  workspaceId: string,
  batch: InboundMessage[],
  results: (InboundResult | { duplicateOf: messages.MessageRow } | null)[],
  conversations: Map<string, repo.ConversationRow>,
): Promise<InboundResult[]> {
  const out: InboundResult[] = [];
  for (const [i, r] of results.entries()) {
    if (r && 'message' in r) out.push(r);
    else {
      const original = r?.duplicateOf ?? out.find((o) => o.message.externalId === batch[i].externalId)!.message;
      const conversation = conversations.get(original.conversationId) ?? (await repo.getConversation(tx, workspaceId, original.conversationId))!;
      out.push({ conversation, message: original, duplicate: true });
    }
  }
  return out;
}
