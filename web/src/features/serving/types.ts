import type { ChannelType, ConversationStatus, MessageStatus } from '@contracts/serving';

/** Shapes of the serving API as the web app reads them (serving-api contract). */

export interface ConversationContact {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
}

export interface Conversation {
  id: string;
  protocol: string;
  status: ConversationStatus;
  channelId: string;
  channelType: ChannelType;
  channelName: string;
  contactId: string;
  contact: ConversationContact;
  serviceGroupId: string;
  serviceGroupName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  priority: number;
  queuedAt: string | null;
  assignedAt: string | null;
  firstResponseAt: string | null;
  lastCustomerMessageAt: string | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  unreadCount: number;
  windowExpiresAt: string | null;
  closedAt: string | null;
  classificationId: string | null;
  closeComment: string | null;
  createdAt: string;
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export type MessageKind = 'message' | 'note' | 'system';

export interface Message {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  kind: MessageKind;
  authorUserId: string | null;
  authorName: string | null;
  text: string | null;
  /** text, image, audio, video, document, sticker, location, contacts, interactive, button, reaction, template, unsupported. */
  contentType?: string;
  /** The structured part of WhatsApp messages (location, interactive, template…), by contentType. */
  content?: Record<string, unknown> | null;
  replyToMessageId?: string | null;
  /** The channel's id of the message (WhatsApp wamid), when the API gives it: reactions point at it. */
  externalId?: string | null;
  attachment: AttachmentInfo | null;
  status: MessageStatus;
  error: { code: string; title: string } | null;
  clientMessageId: string | null;
  createdAt: string;
  /** Client only: an optimistic message whose request has not answered yet. */
  pending?: boolean;
}

export interface AgentState {
  presence: 'online' | 'offline';
  pausedUntil: string | null;
  pauseReasonId: string | null;
  activeCount: number;
  maxConversations: number;
}

/** What the header control shows: a pause counts only while its end is in the future. */
export type AgentStatus = 'online' | 'paused' | 'offline';

export function agentStatusOf(state: AgentState | undefined, now = Date.now()): AgentStatus {
  if (!state) return 'offline';
  if (state.pausedUntil && new Date(state.pausedUntil).getTime() > now) return 'paused';
  return state.presence === 'online' ? 'online' : 'offline';
}

export interface PauseReason {
  id: string;
  name: string;
  minutes: number;
  status: 'active' | 'inactive';
}
