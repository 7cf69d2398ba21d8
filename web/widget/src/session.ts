/**
 * What survives a page reload, per channel, in the customer site's localStorage: the visitor
 * token and the texts written but not yet accepted by the server (sent on the next connection
 * with the same clientMessageId, so they are never stored twice). Files are not kept: a
 * browser cannot keep a File across pages.
 */
export interface SavedSession {
  token: string;
  name: string;
}

export interface OutboxItem {
  clientMessageId: string;
  text: string;
  createdAt: string;
}

function safeStorage(): Storage | null {
  try {
    const s = window.localStorage;
    s.getItem('atende:probe');
    return s;
  } catch {
    return null; // private mode or blocked third-party storage: the widget still works for the page's life
  }
}

export class SessionStore {
  private readonly storage = safeStorage();
  private memory = new Map<string, string>();

  constructor(private readonly channelId: string) {}

  private read<T>(suffix: string): T | null {
    const key = `atende:webchat:${this.channelId}${suffix}`;
    const raw = this.storage ? this.storage.getItem(key) : this.memory.get(key) ?? null;
    try {
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      return null;
    }
  }

  private write(suffix: string, value: unknown) {
    const key = `atende:webchat:${this.channelId}${suffix}`;
    const raw = value === null ? null : JSON.stringify(value);
    try {
      if (this.storage) raw === null ? this.storage.removeItem(key) : this.storage.setItem(key, raw);
      else raw === null ? this.memory.delete(key) : this.memory.set(key, raw);
    } catch {
      /* storage full: keep going in memory for this page */
    }
  }

  session = () => this.read<SavedSession>('');
  saveSession = (s: SavedSession | null) => this.write('', s);
  outbox = () => this.read<OutboxItem[]>(':outbox') ?? [];
  saveOutbox = (items: OutboxItem[]) => this.write(':outbox', items.length ? items : null);
}
