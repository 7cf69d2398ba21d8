import { createHmac } from 'node:crypto';
import type { Json } from './store';

/**
 * Posts webhook envelopes to Atende the way Meta does: signed over the exact bytes sent,
 * retried until a 200 arrives (Meta retries for up to 7 days, so the fake never drops one).
 */

export interface WebhookAttempt {
  at: Date;
  /** HTTP status, or null when the connection failed. */
  status: number | null;
  error?: string;
}

export interface WebhookDelivery {
  id: number;
  /** `messages` field: a message or statuses; `message_template_status_update`: a template event. */
  field: string;
  body: string;
  signature: string;
  attempts: WebhookAttempt[];
  acknowledged: boolean;
}

/**
 * Meta sends non-ASCII characters as \uXXXX escapes; doing the same makes an adapter that
 * re-serializes the parsed JSON (instead of hashing the raw bytes) fail its signature check.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const signBody = (appSecret: string, body: string | Buffer) =>
  `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

export interface WebhookSenderOptions {
  webhookUrl: string;
  appSecret: string;
  delaysMs: number[];
  onChange: (d: WebhookDelivery) => void;
}

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private nextId = 1;
  private timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(private opts: WebhookSenderOptions) {}

  /** Resolves after the first attempt (acknowledged or not); retries continue in the background. */
  async send(field: string, envelope: Json): Promise<WebhookDelivery> {
    const body = metaJson(envelope);
    const d: WebhookDelivery = {
      id: this.nextId++,
      field,
      body,
      signature: signBody(this.opts.appSecret, body),
      attempts: [],
      acknowledged: false,
    };
    this.deliveries.push(d);
    await this.attempt(d);
    return d;
  }

  /** Resolves when every delivery so far has been acknowledged with 200. */
  idle(timeoutMs = 10_000): Promise<void> {
    if (this.deliveries.every((d) => d.acknowledged)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`webhooks still unacknowledged after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close() {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(d: WebhookDelivery) {
    if (this.closed) return;
    const attempt: WebhookAttempt = { at: new Date(), status: null };
    try {
      const res = await fetch(this.opts.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': d.signature, 'user-agent': 'facebookexternalua' },
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      attempt.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      attempt.error = (err as Error).message;
    }
    d.attempts.push(attempt);
    // Meta counts only 200 as an acknowledgement.
    d.acknowledged = attempt.status === 200;
    this.opts.onChange(d);
    if (d.acknowledged) {
      if (this.deliveries.every((x) => x.acknowledged)) this.waiters.splice(0).forEach((w) => w());
      return;
    }
    if (this.closed) return;
    const delays = this.opts.delaysMs.length ? this.opts.delaysMs : [1000];
    const delay = delays[Math.min(d.attempts.length - 1, delays.length - 1)];
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(d);
    }, delay);
    this.timers.add(timer);
  }
}
