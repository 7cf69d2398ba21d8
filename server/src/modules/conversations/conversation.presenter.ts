import { z } from 'zod';
import { CONVERSATION_STATUSES, MESSAGE_STATUSES } from '@contracts/serving';
import type { ConversationView } from './conversation.repository';
import type { MessageView } from './message.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const conversationSchema = z.object({
  id: z.string(),
  protocol: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  channelId: z.string(),
  channelType: z.string(),
  channelName: z.string(),
  contactId: z.string(),
  contact: z.object({ id: z.string(), displayName: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  serviceGroupId: z.string(),
  serviceGroupName: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  priority: z.number(),
  queuedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  lastCustomerMessageAt: z.string().nullable(),
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  unreadCount: z.number(),
  windowExpiresAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  classificationId: z.string().nullable(),
  closeComment: z.string().nullable(),
  createdAt: z.string(),
  /** Automation timers armed on it, soonest first (GET of one conversation only). */
  timers: z.array(z.object({ kind: z.string(), dueAt: z.string() })).optional(),
});
export type ConversationDto = z.infer<typeof conversationSchema>;

export function presentConversation(v: ConversationView): ConversationDto {
  const c = v.c;
  return {
    id: c.id,
    protocol: c.protocol,
    status: c.status,
    channelId: c.channelId,
    channelType: v.channelType,
    channelName: v.channelName,
    contactId: c.contactId,
    contact: v.contact,
    serviceGroupId: c.serviceGroupId,
    serviceGroupName: v.serviceGroupName,
    assigneeId: c.assigneeId,
    assigneeName: v.assigneeName,
    priority: c.priority,
    queuedAt: iso(c.queuedAt),
    assignedAt: iso(c.assignedAt),
    firstResponseAt: iso(c.firstResponseAt),
    lastCustomerMessageAt: iso(c.lastCustomerMessageAt),
    lastMessageAt: iso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview,
    unreadCount: c.unreadCount,
    windowExpiresAt: iso(c.windowExpiresAt),
    closedAt: iso(c.closedAt),
    classificationId: c.classificationId,
    closeComment: c.closeComment,
    createdAt: c.createdAt.toISOString(),
  };
}

export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.enum(['message', 'note', 'system']),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string().nullable(),
  contentType: z.string(),
  content: z.record(z.string(), z.unknown()).nullable(),
  replyToMessageId: z.string().nullable(),
  attachment: z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number() }).nullable(),
  status: z.enum(MESSAGE_STATUSES),
  error: z.object({ code: z.string(), title: z.string() }).nullable(),
  clientMessageId: z.string().nullable(),
  /** The provider's id (WhatsApp wamid): reactions and replies point at it. */
  externalId: z.string().nullable(),
  createdAt: z.string(),
});
export type MessageDto = z.infer<typeof messageSchema>;

export function presentMessage(v: MessageView): MessageDto {
  const m = v.m;
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    kind: m.kind,
    authorUserId: m.authorUserId,
    authorName: v.authorName,
    text: m.text,
    contentType: m.contentType,
    content: m.content ?? null,
    replyToMessageId: m.replyToMessageId,
    attachment: v.attachment?.id ? v.attachment : null,
    status: m.status,
    error: m.error ?? null,
    clientMessageId: m.clientMessageId,
    externalId: m.externalId,
    createdAt: m.createdAt.toISOString(),
  };
}

/** A short text for conversation lists. */
export function previewOf(text: string | null | undefined, fileName?: string | null): string {
  if (text?.trim()) return text.trim().slice(0, 140);
  return fileName ? `📎 ${fileName}` : '';
}
