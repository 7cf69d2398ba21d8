import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Page } from '../../lib/api';
import type { Conversation, Message } from './types';

/**
 * The agent's lists and open conversation live in the TanStack cache and are patched by
 * realtime events, so a new message moves one row instead of refetching every list.
 *
 * Keys: ['conversations', 'mine', <status>, <q>] (lists), ['conversation', id] (one),
 * ['conversation', id, 'messages'] (its messages, newest page first).
 */
export type InboxTab = 'active' | 'pending';
export const MY_LISTS = ['conversations', 'mine'] as const;
export const myListKey = (tab: InboxTab, q: string) => [...MY_LISTS, tab, q] as const;
export const conversationKey = (id: string) => ['conversation', id] as const;
export const messagesKey = (id: string) => ['conversation', id, 'messages'] as const;

type Pages<T> = InfiniteData<Page<T>>;

/** Most recent activity first, the order the server lists them in. */
export function activityOf(c: Conversation): number {
  return new Date(c.lastMessageAt ?? c.assignedAt ?? c.createdAt).getTime();
}

export function byActivity(a: Conversation, b: Conversation) {
  return activityOf(b) - activityOf(a);
}

/** The rows of a list, once each: an upserted row may also come back in a later page. */
export function uniqueConversations(data: Pages<Conversation> | undefined): Conversation[] {
  const seen = new Set<string>();
  const out: Conversation[] = [];
  for (const page of data?.pages ?? []) {
    for (const c of page.items) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out.sort(byActivity);
}

/** Puts the new state of a conversation wherever it is shown, and takes it out of lists it left. */
export function upsertConversation(qc: QueryClient, conversation: Conversation, meId: string) {
  qc.setQueryData<Conversation>(conversationKey(conversation.id), (old) => ({ ...old, ...conversation }));
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: MY_LISTS })) {
    if (!data) continue;
    const [, , tab, q] = key as [string, string, InboxTab, string];
    const belongs = conversation.status === tab && conversation.assigneeId === meId;
    const present = data.pages.some((p) => p.items.some((c) => c.id === conversation.id));
    if (q && belongs && !present) {
      // Whether it matches the search is the server's call.
      void qc.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    // Out of every page, then (when it belongs here) into the first one in activity order.
    const keep = belongs && (!q || present);
    qc.setQueryData<Pages<Conversation>>(key, {
      ...data,
      pages: data.pages.map((page, i) => {
        const rest = page.items.filter((c) => c.id !== conversation.id);
        return { ...page, items: keep && i === 0 ? [conversation, ...rest].sort(byActivity) : rest };
      }),
    });
  }
}

export function removeConversation(qc: QueryClient, conversationId: string) {
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: MY_LISTS })) {
    if (!data) continue;
    qc.setQueryData<Pages<Conversation>>(key as QueryKey, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== conversationId) })),
    });
  }
}

/** Applies a change to a conversation already on screen (unread count, typing …). */
export function patchConversation(qc: QueryClient, conversationId: string, patch: Partial<Conversation>) {
  qc.setQueryData<Conversation>(conversationKey(conversationId), (old) => (old ? { ...old, ...patch } : old));
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: MY_LISTS })) {
    if (!data) continue;
    qc.setQueryData<Pages<Conversation>>(key as QueryKey, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((c) => (c.id === conversationId ? { ...c, ...patch } : c)),
      })),
    });
  }
}

const sameMessage = (a: Message, b: Message) => a.id === b.id || (!!a.clientMessageId && a.clientMessageId === b.clientMessageId);

/**
 * Adds a message to the open conversation, or replaces the copy already there: the echo of an
 * optimistic send matches it by clientMessageId, whichever of the answer and the event is first.
 */
export function putMessage(qc: QueryClient, message: Message, { appendIfMissing = true } = {}) {
  qc.setQueryData<Pages<Message>>(messagesKey(message.conversationId), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((m) => {
        if (!sameMessage(m, message)) return m;
        found = true;
        // A late `sent` must not undo a `delivered` that overtook it.
        return STATUS_RANK[m.status] > STATUS_RANK[message.status] && m.status !== 'failed' && !m.pending ? { ...message, status: m.status } : message;
      }),
    }));
    if (found || !appendIfMissing) return { ...data, pages };
    const [newest, ...older] = pages;
    return { ...data, pages: [{ ...newest, items: [...newest.items, message] }, ...older] };
  });
}

const STATUS_RANK: Record<Message['status'], number> = { queued: 0, failed: 1, sent: 2, delivered: 3, read: 4 };

/** Messages oldest → newest across the loaded pages (page 0 holds the newest). */
export function orderedMessages(data: Pages<Message> | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const page of [...data.pages].reverse()) {
    for (const m of page.items) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  return out;
}
