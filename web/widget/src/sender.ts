import { ApiError, type Api } from './api';
import type { Texts } from './i18n';
import type { MessageStore } from './messages';
import type { SessionStore } from './session';

export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** RFC 4122 v4; `crypto.randomUUID` exists only on secure pages, and sites may be plain http. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Network trouble or an overloaded server: try again later rather than give up. */
const transient = (e: unknown) => !(e instanceof ApiError) || e.status === 0 || e.status === 429 || e.status >= 500;

export interface SenderHost {
  api: Api;
  session: SessionStore;
  t: Texts;
  store(): MessageStore;
  render(forceScroll?: boolean): void;
  /** The token no longer works: back to the pre-chat form. */
  lost(): void;
}

/**
 * The visitor's outgoing messages. Each gets its clientMessageId when written and keeps it
 * through every retry, so the server stores it once however often it is sent. Texts wait in
 * localStorage (they survive a reload); files wait in memory. A network failure keeps them
 * pending and retries with back-off; a refusal shows the reason with "try again"/"discard".
 */
export class Sender {
  private readonly files = new Map<string, File>();
  private readonly failedTexts = new Map<string, string>();
  private flushing = false;
  private flushTimer = 0;
  private flushDelay = 1000;

  constructor(private readonly host: SenderHost) {}

  text(text: string) {
    const item = { clientMessageId: uuid(), text, createdAt: new Date().toISOString() };
    this.host.store().addPending(item);
    this.host.session.saveOutbox([...this.host.session.outbox(), item]);
    this.host.render(true);
    void this.flush();
  }

  async file(file: File) {
    const cid = uuid();
    this.host.store().addPending({ clientMessageId: cid, text: null, localFile: { name: file.name, size: file.size, type: file.type } });
    if (file.size > MAX_FILE_BYTES) {
      this.host.store().fail(cid, this.host.t.tooLarge); // refused here: the server would only refuse it there
      return this.host.render(true);
    }
    this.files.set(cid, file);
    this.host.render(true);
    await this.uploadAndSend(cid, file);
  }

  /** Sends what waits, in order; stops at the first network failure and tries again later. */
  async flush() {
    const { api, session } = this.host;
    if (this.flushing || !api.token) return;
    this.flushing = true;
    try {
      for (const item of session.outbox()) {
        try {
          this.host.store().upsert(await api.send({ clientMessageId: item.clientMessageId, text: item.text }));
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) return this.host.lost();
          if (transient(err)) {
            this.scheduleFlush();
            break;
          }
          this.failedTexts.set(item.clientMessageId, item.text);
          this.host.store().fail(item.clientMessageId, this.errorText(err));
        }
        session.saveOutbox(session.outbox().filter((o) => o.clientMessageId !== item.clientMessageId));
        this.flushDelay = 1000;
        this.host.render();
      }
      for (const [cid, file] of this.files) {
        if (this.host.store().get(cid)?.status === 'pending') await this.uploadAndSend(cid, file);
      }
    } finally {
      this.flushing = false;
    }
  }

  retry(cid: string) {
    const text = this.failedTexts.get(cid);
    this.host.store().fail(cid, null);
    if (text !== undefined) {
      this.failedTexts.delete(cid);
      this.host.session.saveOutbox([...this.host.session.outbox(), { clientMessageId: cid, text, createdAt: new Date().toISOString() }]);
    }
    this.host.render();
    void this.flush();
  }

  discard(cid: string) {
    this.host.store().remove(cid);
    this.files.delete(cid);
    this.failedTexts.delete(cid);
    this.host.session.saveOutbox(this.host.session.outbox().filter((o) => o.clientMessageId !== cid));
    this.host.render();
  }

  reset() {
    this.files.clear();
    this.failedTexts.clear();
    this.host.session.saveOutbox([]);
  }

  /** After a failed attempt: again in 2 s, 4 s … up to 30 s, until the server takes it. */
  private scheduleFlush() {
    if (this.flushTimer) return;
    this.flushDelay = Math.min(this.flushDelay * 2, 30_000);
    this.flushTimer = window.setTimeout(() => {
      this.flushTimer = 0;
      void this.flush();
    }, this.flushDelay);
  }

  private async uploadAndSend(cid: string, file: File) {
    try {
      const attachment = await this.host.api.upload(file);
      this.host.store().upsert(await this.host.api.send({ clientMessageId: cid, attachmentId: attachment.id }));
      this.files.delete(cid);
    } catch (err) {
      // Offline: stays pending and goes with the next flush. Refused: shown with the reason.
      if (!transient(err)) this.host.store().fail(cid, this.errorText(err));
      else this.scheduleFlush();
    }
    this.host.render();
  }

  private errorText(err: unknown): string {
    const t = this.host.t;
    if (!(err instanceof ApiError)) return t.genericError;
    if (err.status === 413) return t.tooLarge;
    if (err.fields.some((f) => f.path === 'file' && f.message.includes('type'))) return t.typeNotAllowed;
    return t.genericError;
  }
}
