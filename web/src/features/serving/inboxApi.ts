import { useRef } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type Page } from '../../lib/api';
import { useRealtimeConnect, useRealtimeEvent } from '../../lib/realtime';
import {
  MY_LISTS,
  myListKey,
  patchConversation,
  putMessage,
  removeConversation,
  upsertConversation,
  type InboxTab,
} from './conversationCache';
import { clearTyping, markArrived, markTyping } from './inboxSignals';
import type { Conversation, Message } from './types';

/** The agent's own conversations of one tab; `assigneeId` keeps a supervisor-agent's list to their own. */
export function useMyConversations(tab: InboxTab, q: string, meId: string) {
  return useInfiniteQuery({
    queryKey: myListKey(tab, q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Conversation>>(`/api/v1/conversations${query({ status: tab, assigneeId: meId, q, limit: 50, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function markConversationRead(conversationId: string) {
  return api.post<void>(`/api/v1/conversations/${conversationId}/read`);
}

export interface InboxRealtimeOptions {
  meId: string;
  /** The conversation on screen: its new customer messages are read at once. */
  openId: string | undefined;
  /** The open conversation left the agent (transferred, closed, redistributed by someone else). */
  onOpenRemoved: (conversationId: string) => void;
}

/**
 * Feeds the agent's lists and the open conversation from realtime events (AGENT-1). Nothing
 * polls: after a reconnect everything on screen is refetched, since missed events are lost.
 */
export function useInboxRealtime({ meId, openId, onOpenRemoved }: InboxRealtimeOptions) {
  const qc = useQueryClient();
  const openRef = useRef(openId);
  openRef.current = openId;
  const removedRef = useRef(onOpenRemoved);
  removedRef.current = onOpenRemoved;
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const readOpenSoon = (conversationId: string) => {
    if (readTimer.current) clearTimeout(readTimer.current);
    readTimer.current = setTimeout(() => {
      if (openRef.current !== conversationId || document.visibilityState !== 'visible') return;
      patchConversation(qc, conversationId, { unreadCount: 0 });
      void markConversationRead(conversationId).catch(() => undefined);
    }, 400);
  };

  useRealtimeEvent<{ conversation: Conversation }>('conversation.assigned', ({ conversation }) => {
    if (!conversation) return;
    upsertConversation(qc, conversation, meId);
    if (conversation.assigneeId === meId) markArrived(conversation.id);
  });

  useRealtimeEvent<{ conversation: Conversation }>('conversation.updated', ({ conversation }) => {
    if (conversation) upsertConversation(qc, conversation, meId);
  });

  useRealtimeEvent<{ conversationId: string }>('conversation.removed', ({ conversationId }) => {
    removeConversation(qc, conversationId);
    if (openRef.current === conversationId) removedRef.current(conversationId);
  });

  useRealtimeEvent<{ message: Message; conversation?: Conversation }>('message.created', ({ message, conversation }) => {
    if (!message) return;
    putMessage(qc, message);
    if (message.direction === 'in') clearTyping(message.conversationId);
    if (conversation) upsertConversation(qc, conversation, meId);
    if (message.direction === 'in' && openRef.current === message.conversationId) readOpenSoon(message.conversationId);
  });

  useRealtimeEvent<{ message: Message }>('message.updated', ({ message }) => {
    if (message) putMessage(qc, message, { appendIfMissing: false });
  });

  useRealtimeEvent<{ conversationId: string }>('conversation.typing', ({ conversationId }) => {
    if (conversationId) markTyping(conversationId);
  });

  useRealtimeConnect(() => {
    void qc.invalidateQueries({ queryKey: MY_LISTS });
    void qc.invalidateQueries({ queryKey: ['conversation'] });
  });
}
