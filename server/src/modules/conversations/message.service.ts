import { and, eq } from 'drizzle-orm';
import type { MessageStatus } from '@contracts/serving';
import type { Ctx } from '../../platform/context';
import type { Db, Executor } from '../../platform/db/client';
import { emitEvent, emitEvents } from '../../platform/events/outbox';
import { AppError, conflict, notFound, validationFailed } from '../../platform/errors';
import { attachments } from '../attachments/attachment.schema';
import { channels } from '../channels/channel.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import { assertCanAct, assertCanView } from './conversation.access';
import { assertMayRead } from './conversation.service';
import * as repo from './conversation.repository';
import * as messages from './message.repository';
import { presentMessage, previewOf } from './conversation.presenter';
import { assertWindowOpen, interactiveText, resolveTemplate, type OutboundBody } from './outbound-content';

export type SendInput = { clientMessageId?: string; replyToMessageId?: string } & OutboundBody;

export async function listMessages(ctx: Ctx, conversationId: string, q: { limit: number; before?: string }) {
  assertMayRead(ctx);
  const c = await repo.findConversationView(ctx.db, ctx.workspaceId, conversationId);
  if (!c) throw notFound('Conversation');
  await assertCanView(ctx, c.c);
  let before: messages.MessageRow | null = null;
  if (q.before) {
    before = await messages.findMessage(ctx.db, ctx.workspaceId, q.before);
    if (!before || before.conversationId !== conversationId) throw validationFailed([{ path: 'before', message: 'message not found' }]);
  }
  const rows = await messages.listMessageViews(ctx.db, ctx.workspaceId, conversationId, q.limit, before);
  const items = rows.slice(0, q.limit);
  return { items: items.reverse().map(presentMessage), nextCursor: rows.length > q.limit ? items[0].m.id : null };
}

/**
 * An agent's message or internal note. Messages go out through the channel after commit
 * (outbox → adapter); notes never leave Atende. A repeated clientMessageId returns the first.
 */
export async function sendMessage(ctx: Ctx, conversationId: string, input: SendInput) {
  const id = await ctx.db.transaction(async (tx) => {
    const c = await repo.lockConversation(tx, ctx.workspaceId, conversationId);
    if (!c) throw notFound('Conversation');
    await assertCanView(ctx, c);
    assertCanAct(ctx, c);
    if (input.clientMessageId) {
      const dup = await messages.findByClientId(tx, ctx.workspaceId, conversationId, input.clientMessageId);
      if (dup) return dup.id;
    }
    const isNote = 'note' in input;
    if (isNote ? ['expired'].includes(c.status) : c.status !== 'active') {
      throw conflict(`Cannot send to a ${c.status} conversation`, [{ path: isNote ? 'note' : 'text', message: `conversation is ${c.status}` }]);
    }
    if (!isNote) assertWindowOpen(c.windowExpiresAt, input);
    let attachmentId: string | null = null;
    let fileName: string | null = null;
    let contentType = 'text';
    let content: Record<string, unknown> | null = null;
    let text: string | null = null;
    if ('attachmentId' in input) {
      const [a] = await tx.select().from(attachments).where(and(eq(attachments.workspaceId, ctx.workspaceId), eq(attachments.id, input.attachmentId)));
      if (!a) throw validationFailed([{ path: 'attachmentId', message: 'attachment not found' }]);
      attachmentId = a.id;
      fileName = a.fileName;
      contentType = mediaKind(a.mimeType);
      await assertGroupAllowsMedia(tx, ctx.workspaceId, c.serviceGroupId, contentType);
      text = input.caption ?? null;
    } else if ('template' in input) {
      ({ text, content } = await resolveTemplate(tx, ctx.workspaceId, c.channelId, input.template));
      contentType = 'template';
    } else if ('interactive' in input) {
      content = input.interactive;
      contentType = 'interactive';
      text = interactiveText(input.interactive);
    } else {
      text = 'text' in input ? input.text : input.note;
    }
    let replyToMessageId: string | null = null;
    if (input.replyToMessageId) {
      const target = await messages.findMessage(tx, ctx.workspaceId, input.replyToMessageId);
      if (!target || target.conversationId !== conversationId) throw validationFailed([{ path: 'replyToMessageId', message: 'message not found in this conversation' }]);
      replyToMessageId = target.id;
    }
    const m = await messages.insertMessage(tx, {
      workspaceId: ctx.workspaceId,
      conversationId,
      channelId: c.channelId,
      direction: 'out',
      kind: isNote ? 'note' : 'message',
      authorUserId: ctx.actor?.userId ?? null,
      text,
      contentType,
      content,
      replyToMessageId,
      attachmentId,
      // A note is complete once stored; a message waits for its channel.
      status: isNote ? 'delivered' : 'queued',
      clientMessageId: input.clientMessageId ?? null,
    });
    if (!isNote) {
      await repo.updateConversation(tx, ctx.workspaceId, conversationId, {
        lastMessageAt: m.createdAt,
        lastMessagePreview: previewOf(text, fileName),
        ...(c.firstResponseAt ? {} : { firstResponseAt: m.createdAt }),
      });
    }
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'message.created',
      payload: { messageId: m.id, conversationId, direction: 'out', kind: m.kind },
    });
    return m.id;
  });
  return presentMessage((await messages.findMessageView(ctx.db, ctx.workspaceId, id))!);
}

const MEDIA_PERMISSION = { audio: 'allowAudio', image: 'allowImage', video: 'allowVideo', document: 'allowDocument' } as const;

/** ROUTE-3: the conversation's group may forbid its agents a kind of file. */
async function assertGroupAllowsMedia(tx: Executor, workspaceId: string, groupId: string, kind: string) {
  const setting = MEDIA_PERMISSION[kind as keyof typeof MEDIA_PERMISSION];
  if (!setting) return;
  const [group] = await tx.select({ settings: serviceGroups.settings }).from(serviceGroups).where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, groupId)));
  if (group && group.settings[setting] === false) {
    throw new AppError(403, 'forbidden', `This service group does not allow sending ${kind} files`, [{ path: 'attachmentId', message: `${kind} not allowed in this service group` }]);
  }
}

/** What kind of media a file is, as the channels name it. */
function mediaKind(mime: string): string {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

/** Channel adapters report delivery; the status only moves forward. */
export async function markMessageStatus(
  tx: Executor,
  s: { workspaceId: string; messageId: string; status: MessageStatus; error?: { code: string; title: string } | null; externalId?: string | null },
) {
  const row = await messages.advanceStatus(tx, s.workspaceId, s.messageId, s.status, { error: s.error, externalId: s.externalId });
  if (row) await emitEvent(tx, { workspaceId: s.workspaceId, type: 'message.updated', payload: { messageId: row.id, conversationId: row.conversationId } });
  return row;
}

/** `markMessageStatus` for a batch of one channel's provider callbacks; returns the external ids no message has yet. */
export async function markMessageStatuses(tx: Executor, s: { workspaceId: string; channelId: string; updates: messages.StatusUpdate[] }) {
  const { changed, missing } = await messages.advanceStatuses(tx, s.workspaceId, s.channelId, s.updates);
  await emitEvents(tx, changed.map((m) => ({ workspaceId: s.workspaceId, type: 'message.updated', payload: { messageId: m.id, conversationId: m.conversationId } })));
  return { missing };
}

/** What a channel adapter needs to deliver one outbound message. */
export async function getMessageForDelivery(db: Db | Executor, workspaceId: string, messageId: string) {
  const view = await messages.findMessageView(db, workspaceId, messageId);
  if (!view) return null;
  const conversation = await repo.findConversationView(db, workspaceId, view.m.conversationId);
  if (!conversation) return null;
  const [channel] = await db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, conversation.c.channelId)));
  return { message: presentMessage(view), conversation: conversation.c, channel, contactId: conversation.c.contactId };
}

export async function listContactMessages(
  db: Db | Executor,
  q: { workspaceId: string; channelId: string; contactId: string; after?: string | null; limit: number },
) {
  const after = q.after ? await messages.findMessage(db, q.workspaceId, q.after) : null;
  const rows = await messages.listContactMessageViews(db, { ...q, after });
  return rows.map(presentMessage);
}
