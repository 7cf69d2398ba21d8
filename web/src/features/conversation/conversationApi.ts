import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, query, type Page } from '../../lib/api';
import { useSession } from '../../app/session';
import {
  conversationKey,
  messagesKey,
  patchConversation,
  putMessage,
  removeConversation,
  upsertConversation,
} from '../serving/conversationCache';
import { markConversationRead } from '../serving/inboxApi';
import { expectRemoval } from '../serving/inboxSignals';
import type { AttachmentInfo, Conversation, Message } from '../serving/types';
import { servingErrorMessage } from '../serving/servingErrors';
import i18n from '../../lib/i18n';
import type { Interactive, TemplateSend } from '@contracts/messages';

const MESSAGE_PAGE = 40;

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKey(id),
    queryFn: ({ signal }) => api.get<Conversation>(`/api/v1/conversations/${id}`, { signal }),
  });
}

/** Newest page first; `nextCursor` is the message id to pass as `before` for older ones. */
export function useMessages(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: messagesKey(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Message>>(`/api/v1/conversations/${id}/messages${query({ limit: MESSAGE_PAGE, before: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => markConversationRead(id),
    onMutate: (id) => patchConversation(qc, id, { unreadCount: 0 }),
  });
}

/** crypto.randomUUID needs a secure context; a page opened over plain http on a LAN has none. */
export function newClientMessageId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export type Outgoing = (
  | { kind: 'text'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'attachment'; attachment: AttachmentInfo; caption: string }
  /** `preview` is the body filled in, shown until the server answers with the stored message. */
  | { kind: 'template'; template: TemplateSend; preview: string; components?: unknown[] }
  | { kind: 'interactive'; interactive: Interactive }
) & { replyToMessageId?: string };

function bodyOf(out: Outgoing, clientMessageId: string) {
  const reply = out.replyToMessageId ? { replyToMessageId: out.replyToMessageId } : {};
  if (out.kind === 'text') return { text: out.text, clientMessageId, ...reply };
  if (out.kind === 'note') return { note: out.text, clientMessageId };
  if (out.kind === 'template') return { template: out.template, clientMessageId, ...reply };
  if (out.kind === 'interactive') return { interactive: out.interactive, clientMessageId, ...reply };
  return { attachmentId: out.attachment.id, caption: out.caption || undefined, clientMessageId, ...reply };
}

const mediaKindOf = (mime: string) => (mime.startsWith('image/') ? 'image' : mime.startsWith('audio/') ? 'audio' : mime.startsWith('video/') ? 'video' : 'document');

/** The optimistic copy of an outgoing message, as the server will store it. */
function localMessage(out: Outgoing, conversationId: string, clientMessageId: string, user: { id: string; displayName: string }): Message {
  const shape =
    out.kind === 'template'
      ? { contentType: 'template', content: { ...out.template, components: out.components ?? [] }, text: out.preview, attachment: null }
      : out.kind === 'interactive'
        ? { contentType: 'interactive', content: out.interactive as unknown as Record<string, unknown>, text: out.interactive.body, attachment: null }
        : out.kind === 'attachment'
          ? { contentType: mediaKindOf(out.attachment.mimeType), content: null, text: out.caption || null, attachment: out.attachment }
          : { contentType: 'text', content: null, text: out.text, attachment: null };
  return {
    id: `local:${clientMessageId}`,
    conversationId,
    direction: 'out',
    kind: out.kind === 'note' ? 'note' : 'message',
    authorUserId: user.id,
    authorName: user.displayName,
    ...shape,
    replyToMessageId: out.replyToMessageId ?? null,
    status: 'queued',
    error: null,
    clientMessageId,
    createdAt: new Date().toISOString(),
    pending: true,
  };
}

/**
 * Optimistic send (AGENT-3): the message shows at once as `queued`, the answer (or the
 * realtime echo, whichever is first) replaces it by clientMessageId; a refusal marks it failed
 * with the server's reason and a retry reuses the same id, so nothing is sent twice.
 */
export function useSendMessage(conversationId: string) {
  const qc = useQueryClient();
  const { user } = useSession();
  return useMutation({
    mutationFn: ({ out, clientMessageId }: { out: Outgoing; clientMessageId: string }) =>
      api.post<Message>(`/api/v1/conversations/${conversationId}/messages`, bodyOf(out, clientMessageId)),
    onMutate: ({ out, clientMessageId }) => {
      putMessage(qc, localMessage(out, conversationId, clientMessageId, user));
    },
    onSuccess: (message) => putMessage(qc, message),
    onError: (err, { out, clientMessageId }) => {
      const title = servingErrorMessage(err, i18n.t);
      putMessage(qc, {
        ...localMessage(out, conversationId, clientMessageId, user),
        status: 'failed',
        error: { code: err instanceof ApiError ? err.code : 'network_error', title },
      });
    },
  });
}

/** Drops an optimistic message the agent gave up on. */
export function useDiscardLocal(conversationId: string) {
  const qc = useQueryClient();
  return (clientMessageId: string) =>
    qc.setQueryData(messagesKey(conversationId), (data: { pages: Page<Message>[]; pageParams: unknown[] } | undefined) =>
      data
        ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((m) => !(m.pending && m.clientMessageId === clientMessageId)) })) }
        : data,
    );
}

/** POST /attachments (multipart); the server sniffs the type and answers its refusal in the usual error shape. */
export async function uploadAttachment(file: File): Promise<AttachmentInfo> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/v1/attachments', { method: 'POST', body: form, credentials: 'include', headers: { accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, 'network_error', (err as Error).message);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // An HTML error page from a proxy: fall through to the status code.
  }
  if (res.ok) return body as AttachmentInfo;
  const error = (body as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } | null)?.error;
  const code = error?.code ?? (res.status === 413 ? 'payload_too_large' : `http_${res.status}`);
  throw new ApiError(res.status, code, error?.message ?? res.statusText, error?.fields ?? []);
}

export interface TransferAgent {
  id: string;
  displayName: string;
  presence: 'online' | 'offline';
  paused: boolean;
  activeCount: number;
  maxConversations: number;
}

export interface TransferOptions {
  agents: TransferAgent[];
  serviceGroups: { id: string; name: string }[];
}

export function useTransferOptions(conversationId: string, q: string, onlineOnly: boolean, enabled: boolean) {
  return useQuery({
    queryKey: ['conversation', conversationId, 'transfer-options', q, onlineOnly],
    queryFn: ({ signal }) =>
      api.get<TransferOptions>(`/api/v1/conversations/${conversationId}/transfer-options${query({ q, onlineOnly: onlineOnly ? 'true' : null })}`, {
        signal,
      }),
    enabled,
    placeholderData: (prev) => prev,
  });
}

/** After a transfer or a close the conversation leaves the agent's lists at once. */
function useLeaveAfter<TInput>(conversationId: string, fn: (input: TInput) => Promise<Conversation>) {
  const qc = useQueryClient();
  const { user } = useSession();
  return useMutation({
    mutationFn: (input: TInput) => {
      expectRemoval(conversationId);
      return fn(input);
    },
    onSuccess: (conversation) => {
      // The new state decides which of the agent's lists still show it (a pending close stays
      // in "Pendentes"); without one it simply leaves them.
      if (conversation?.id) upsertConversation(qc, conversation, user.id);
      else removeConversation(qc, conversationId);
    },
  });
}

export type TransferTarget = { agentId: string } | { serviceGroupId: string };

export function useTransfer(conversationId: string) {
  return useLeaveAfter(conversationId, (target: TransferTarget) => api.post<Conversation>(`/api/v1/conversations/${conversationId}/transfer`, target));
}

export interface CloseInput {
  folder: 'pending' | 'closed';
  classificationId?: string;
  comment?: string;
}

export function useCloseConversation(conversationId: string) {
  return useLeaveAfter(conversationId, (input: CloseInput) => api.post<Conversation>(`/api/v1/conversations/${conversationId}/close`, input));
}
