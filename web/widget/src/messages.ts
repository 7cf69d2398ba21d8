import type { Attachment, MessageStatus, ServerMessage } from './api';

/** A message on screen: the server's, or the visitor's own still on its way (`pending`). */
export interface ChatMessage {
  /** The server id once known, else `local:<clientMessageId>`. */
  key: string;
  id: string | null;
  clientMessageId: string | null;
  direction: 'in' | 'out';
  text: string | null;
  attachment: Attachment | null;
  /** A file still uploading (or refused) before it has an attachment id. */
  localFile: { name: string; size: number; type: string } | null;
  authorName: string | null;
  status: MessageStatus | 'pending';
  /** Why a message of the visitor's could not be sent (a text for the screen). */
  error: string | null;
  createdAt: string;
}

const RANK: Record<ChatMessage['status'], number> = { pending: -1, queued: 0, failed: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Every message the widget knows, deduplicated: by server id, and a pending message by its
 * clientMessageId until the server's copy replaces it. Whatever the order in which the POST
 * answer, the socket push and a history fetch arrive, each message shows once.
 */
export class MessageStore {
  private byKey = new Map<string, ChatMessage>();
  private keyOfClientId = new Map<string, string>();

  /** Adds or updates a server message; returns true when something visible changed. */
  upsert(m: ServerMessage): boolean {
    const localKey = m.clientMessageId ? this.keyOfClientId.get(m.clientMessageId) : undefined;
    const existing = this.byKey.get(m.id) ?? (localKey ? this.byKey.get(localKey) : undefined);
    const status = existing && RANK[existing.status] > RANK[m.status] ? existing.status : m.status;
    const next: ChatMessage = {
      key: m.id,
      id: m.id,
      clientMessageId: m.clientMessageId,
      direction: m.direction,
      text: m.text,
      attachment: m.attachment,
      localFile: null,
      authorName: m.authorName,
      status,
      error: null,
      createdAt: m.createdAt,
    };
    if (existing && existing.key !== m.id) this.byKey.delete(existing.key);
    if (m.clientMessageId) this.keyOfClientId.set(m.clientMessageId, m.id);
    const changed = !existing || JSON.stringify(existing) !== JSON.stringify(next);
    this.byKey.set(m.id, next);
    return changed;
  }

  /** The visitor's message before the server has it. */
  addPending(p: { clientMessageId: string; text: string | null; localFile?: ChatMessage['localFile']; createdAt?: string }) {
    if (this.keyOfClientId.has(p.clientMessageId)) return;
    const key = `local:${p.clientMessageId}`;
    this.keyOfClientId.set(p.clientMessageId, key);
    this.byKey.set(key, {
      key,
      id: null,
      clientMessageId: p.clientMessageId,
      direction: 'in',
      text: p.text,
      attachment: null,
      localFile: p.localFile ?? null,
      authorName: null,
      status: 'pending',
      error: null,
      createdAt: p.createdAt ?? new Date().toISOString(),
    });
  }

  /** A pending message the server refused (or that cannot be sent): shown with its reason. */
  fail(clientMessageId: string, error: string | null) {
    const key = this.keyOfClientId.get(clientMessageId);
    const m = key ? this.byKey.get(key) : undefined;
    if (m && m.id === null) this.byKey.set(m.key, { ...m, error, status: error ? 'failed' : 'pending' });
  }

  remove(clientMessageId: string) {
    const key = this.keyOfClientId.get(clientMessageId);
    if (key?.startsWith('local:')) {
      this.byKey.delete(key);
      this.keyOfClientId.delete(clientMessageId);
    }
  }

  /** The agent read the conversation: the visitor's messages up to `until` are read. */
  markOwnRead(until: string): boolean {
    let changed = false;
    for (const m of this.byKey.values()) {
      if (m.direction === 'in' && m.id && m.status !== 'read' && m.createdAt <= until) {
        this.byKey.set(m.key, { ...m, status: 'read' });
        changed = true;
      }
    }
    return changed;
  }

  get(clientMessageId: string): ChatMessage | undefined {
    const key = this.keyOfClientId.get(clientMessageId);
    return key ? this.byKey.get(key) : undefined;
  }

  /** Server messages in the server's order, then pending ones in the order they were written. */
  list(): ChatMessage[] {
    const all = [...this.byKey.values()];
    const stored = all.filter((m) => m.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id!.localeCompare(b.id!));
    const pending = all.filter((m) => !m.id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return [...stored, ...pending];
  }

  /** Company messages not yet acknowledged with `status`. */
  unacknowledged(status: 'delivered' | 'read', acked: Set<string>): string[] {
    return this.list()
      .filter((m) => m.direction === 'out' && m.id && !acked.has(`${status}:${m.id}`) && RANK[m.status] < RANK[status])
      .map((m) => m.id!);
  }

  /**
   * Where to resume after a reconnect: a message comfortably older than the newest, so one
   * committed a moment late (its time earlier than a message already seen) is fetched too;
   * the overlap is harmless because messages are deduplicated. Null means from the start.
   */
  resumeAnchor(marginMs = 60_000): string | null {
    const stored = this.list().filter((m) => m.id);
    if (!stored.length) return null;
    const newest = Date.parse(stored[stored.length - 1].createdAt);
    for (let i = stored.length - 1; i >= 0; i--) {
      if (Date.parse(stored[i].createdAt) <= newest - marginMs) return stored[i].id;
    }
    return null;
  }
}
