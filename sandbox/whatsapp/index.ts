import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { customerHandle, type CustomerHandle } from './customer';
import type { SandboxCore } from './envelopes';
import { GraphApi } from './graph-api';
import { sendJson } from './http';
import { handlePhone } from './phone-api';
import { SandboxStore, type RejectedSend, type SentMessage, type ThreadItem } from './store';
import { templatesOf, type Templates } from './templates';
import { WebhookSender, type WebhookDelivery } from './webhook-sender';

/**
 * A local stand-in for Meta's WhatsApp Cloud API (protocols.md §1): a fake Graph API that
 * Atende calls as a channel's `graphUrl`, a webhook sender that plays customers, and a phone page.
 */

export type { CustomerHandle } from './customer';
export type { SentMessage, RejectedSend, ThreadItem, Template } from './store';
export type { WebhookDelivery } from './webhook-sender';
export { signBody } from './webhook-sender';

export interface WhatsappSandboxOptions {
  /** 0 = a random free port. Default 3600. */
  port?: number;
  host?: string;
  webhookUrl: string;
  appSecret: string;
  verifyToken?: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  displayPhoneNumber?: string;
  clock?: () => Date;
  /** Delays between webhook attempts; the last one repeats until Atende answers 200. */
  retry?: { delaysMs: number[] };
  /** Sends per second per number before 130429. Default 80 (Meta's default). */
  throughputPerSecond?: number;
  /** `sent`/`delivered` webhooks after each accepted send. Default true. */
  autoStatuses?: boolean;
  statusDelaysMs?: [number, number];
}

export interface Sandbox {
  /** Base URL without version: the channel's Graph URL. */
  url: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  displayPhoneNumber: string;
  customer(waId: string, name?: string): CustomerHandle;
  /** What Atende sent (parsed POST /messages bodies plus the wamid answered), oldest first. */
  sent: SentMessage[];
  /** Sends the fake refused, with the error it answered. */
  rejected: RejectedSend[];
  /** Inbound wamids Atende marked as read. */
  markedRead: string[];
  /** Both directions, as the phone page shows them. */
  thread: ThreadItem[];
  waitForSent(predicate: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  templates: Templates;
  deliverStatuses(wamid: string, statuses: ('sent' | 'delivered' | 'read' | 'failed')[], errorCode?: number): Promise<void>;
  /** The next send answers Meta's error JSON with `code`; `async` accepts it and then sends a `failed` status. */
  failNext(code: number, opts?: { async?: boolean }): void;
  setAutoStatuses(on: boolean): void;
  /** Moves the sandbox clock (the 24-hour rule, webhook timestamps). */
  advanceClock(ms: number): void;
  now(): Date;
  webhooks: { deliveries: WebhookDelivery[]; idle(timeoutMs?: number): Promise<void> };
  /** Meta's GET verification handshake against the webhook URL: answers status and body. */
  verifyWebhook(token?: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startWhatsappSandbox(opts: WhatsappSandboxOptions): Promise<Sandbox> {
  const store = new SandboxStore();
  store.setMaxListeners(0);
  let offsetMs = 0;
  const clock = opts.clock ?? (() => new Date());
  const now = () => new Date(clock().getTime() + offsetMs);
  const webhooks = new WebhookSender({
    webhookUrl: opts.webhookUrl,
    appSecret: opts.appSecret,
    delaysMs: opts.retry?.delaysMs ?? [1000, 5000, 30_000],
    onChange: (d) => {
      store.emit('webhook', d);
      store.changed();
    },
  });
  const core: SandboxCore = {
    store,
    webhooks,
    now,
    advanceClock(ms) {
      offsetMs += ms;
      store.changed();
    },
    phoneNumberId: opts.phoneNumberId,
    wabaId: opts.wabaId,
    displayPhoneNumber: opts.displayPhoneNumber ?? '15550001234',
  };
  const graph = new GraphApi(core, {
    accessToken: opts.accessToken,
    throughputPerSecond: opts.throughputPerSecond ?? 80,
    autoStatuses: opts.autoStatuses ?? true,
    statusDelaysMs: opts.statusDelaysMs ?? [300, 1200],
  });
  const templates = templatesOf(core);
  const verifyToken = opts.verifyToken ?? 'sandbox-verify-token';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    void (async () => {
      if (await graph.handle(req, res, url)) return;
      if (await handlePhone(core, { graph, templates }, req, res, url)) return;
      sendJson(res, 404, { error: { message: 'Unknown path', code: 100 } });
    })().catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err?.message ?? err), code: 1 } });
      else res.end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3600, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    phoneNumberId: opts.phoneNumberId,
    wabaId: opts.wabaId,
    accessToken: opts.accessToken,
    appSecret: opts.appSecret,
    verifyToken,
    displayPhoneNumber: core.displayPhoneNumber,
    customer: (waId, name) => customerHandle(core, waId, name),
    sent: store.sent,
    rejected: store.rejected,
    markedRead: store.markedRead,
    thread: store.thread,
    waitForSent(predicate, timeoutMs = 10_000) {
      const found = store.sent.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onChange = () => {
          const hit = store.sent.find(predicate);
          if (!hit) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`sandbox: nothing matching was sent within ${timeoutMs} ms (sent ${store.sent.length})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          store.off('change', onChange);
        };
        store.on('change', onChange);
      });
    },
    templates,
    deliverStatuses: (wamid, statuses, errorCode) => graph.deliverStatuses(wamid, statuses, errorCode),
    failNext: (code, o) => graph.failNext(code, o?.async ?? false),
    setAutoStatuses: (on) => {
      graph.opts.autoStatuses = on;
    },
    advanceClock: core.advanceClock,
    now,
    webhooks: { deliveries: webhooks.deliveries, idle: (t) => webhooks.idle(t) },
    async verifyWebhook(token = verifyToken) {
      const u = new URL(opts.webhookUrl);
      const challenge = String(Math.floor(Math.random() * 1e10));
      u.searchParams.set('hub.mode', 'subscribe');
      u.searchParams.set('hub.challenge', challenge);
      u.searchParams.set('hub.verify_token', token);
      const res = await fetch(u);
      return { status: res.status, body: await res.text() };
    },
    async close() {
      graph.close();
      webhooks.close();
      store.emit('close');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
