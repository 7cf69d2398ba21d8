/** The widget's calls to the Atende server (`/webchat/v1`), with the visitor token. */

export interface WidgetConfig {
  title: string;
  color: string;
  welcome: string;
  offlineMessage: string;
  online: boolean;
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export interface ServerMessage {
  id: string;
  direction: 'in' | 'out';
  text: string | null;
  attachment: Attachment | null;
  authorName: string | null;
  status: MessageStatus;
  clientMessageId: string | null;
  createdAt: string;
}

export interface FieldError {
  path: string;
  message: string;
}

/** An answer with the API's error shape; `status` 0 means the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: FieldError[] = [],
  ) {
    super(code);
  }
}

export class Api {
  constructor(
    readonly base: string,
    readonly channelId: string,
    public token: string | null = null,
  ) {}

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { ...init, headers, credentials: 'omit' });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
    const body = await res.json().catch(() => null);
    throw new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.fields ?? []);
  }

  config() {
    // Never from the HTTP cache: the online dot must follow the agents.
    return this.call<WidgetConfig>(`/webchat/v1/channels/${this.channelId}`, { cache: 'no-store' });
  }

  startSession(input: { name: string; phone?: string; email?: string }) {
    return this.call<{ visitorToken: string }>(`/webchat/v1/channels/${this.channelId}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  messagesAfter(after: string | null, limit: number) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (after) q.set('after', after);
    return this.call<{ items: ServerMessage[] }>(`/webchat/v1/messages?${q}`);
  }

  send(body: { clientMessageId: string; text?: string; attachmentId?: string }) {
    return this.call<ServerMessage>('/webchat/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  upload(file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.call<Attachment>('/webchat/v1/attachments', { method: 'POST', body: form });
  }

  /** A file of the chat as a blob URL: <img src> cannot carry the token. */
  async fileUrl(id: string): Promise<string> {
    const res = await fetch(`${this.base}/webchat/v1/attachments/${id}`, {
      headers: { authorization: `Bearer ${this.token}` },
      credentials: 'omit',
    }).catch(() => null);
    if (!res?.ok) throw new ApiError(res?.status ?? 0, 'file');
    return URL.createObjectURL(await res.blob());
  }
}
