import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorTitle, graphError, GraphError } from './errors';
import { statusEnvelope, type SandboxCore } from './envelopes';
import { bearer, parseForm, readBody, sendBytes, sendJson } from './http';
import { newWamid, type Json } from './store';
import { validateSend } from './validate';
import { handleTemplates } from './templates';

/** The subset of the Graph API Atende calls (protocols.md §1.6–1.9), answered like Meta does. */

export interface GraphOptions {
  accessToken: string;
  /** Messages per second per number before 130429 (Meta's default is 80). */
  throughputPerSecond: number;
  autoStatuses: boolean;
  /** Delays of the automatic `sent` and `delivered` webhooks after a send. */
  statusDelaysMs: [number, number];
}

type Failure = { code: number; async: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;
const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

export class GraphApi {
  private failures: Failure[] = [];
  private recentSends: number[] = [];
  private timers = new Set<NodeJS.Timeout>();
  /** Pricing goes only on the first status of each message. */
  private priced = new Set<string>();

  constructor(
    private core: SandboxCore,
    readonly opts: GraphOptions,
  ) {}

  failNext(code: number, async = false) {
    this.failures.push({ code, async });
  }

  close() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Sends status webhooks in order; `failed` carries `errorCode`'s title and details. */
  async deliverStatuses(wamid: string, statuses: string[], errorCode = 131026) {
    const sent = this.core.store.sent.find((s) => s.wamid === wamid);
    const recipient = sent ? String(sent.to).replace(/^\+/, '') : (this.core.store.item(wamid)?.waId ?? '');
    const category = sent?.type === 'template' ? 'utility' : 'service';
    for (const status of statuses) {
      const withPricing = !this.priced.has(wamid);
      this.priced.add(wamid);
      const err = graphError(errorCode);
      const errors = status === 'failed' ? [{ code: err.code, title: errorTitle(err.code), message: err.title, details: err.details }] : undefined;
      this.core.store.setStatus(wamid, status as 'sent');
      await this.core.webhooks.send('messages', statusEnvelope(this.core, wamid, status, recipient, { withPricing, category, errors }));
    }
  }

  /** Meta's media URLs point elsewhere and need the bearer token too. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const download = url.pathname.match(/^\/media-download\/([^/]+)$/);
    const m = url.pathname.match(/^\/v\d+\.\d+\/(.+?)\/?$/);
    if (!download && !m) return false;
    try {
      if (bearer(req, url) !== this.opts.accessToken) throw graphError(190, 'Invalid OAuth access token - Cannot parse access token');
      if (download) return this.download(res, download[1], url), true;
      const parts = m![1].split('/');
      const method = req.method ?? 'GET';
      const [node, edge] = parts;
      if (edge === 'messages' && method === 'POST' && node === this.core.phoneNumberId) {
        sendJson(res, 200, await this.send(req));
      } else if (edge === 'media' && method === 'POST' && node === this.core.phoneNumberId) {
        sendJson(res, 200, await this.upload(req));
      } else if (edge === 'message_templates' && node === this.core.wabaId) {
        sendJson(res, 200, await handleTemplates(this.core, req, url, method));
      } else if (!edge && node === this.core.phoneNumberId && method === 'GET') {
        sendJson(res, 200, {
          id: node,
          display_phone_number: this.core.displayPhoneNumber,
          verified_name: 'Atende Sandbox',
          quality_rating: 'GREEN',
          throughput: { level: 'STANDARD' },
        });
      } else if (!edge && this.core.store.media.has(node) && method === 'GET') {
        sendJson(res, 200, this.mediaInfo(req, node));
      } else if (!edge && this.core.store.media.has(node) && method === 'DELETE') {
        this.core.store.media.delete(node);
        sendJson(res, 200, { success: true });
      } else {
        throw graphError(
          100,
          `Unsupported ${method.toLowerCase()} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        );
      }
    } catch (err) {
      const e = err instanceof GraphError ? err : graphError(131000, (err as Error).message);
      sendJson(res, e.http, e.body());
    }
    return true;
  }

  private async send(req: IncomingMessage) {
    let body: Json;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch {
      throw graphError(100, 'The request body is not valid JSON.');
    }
    if (body?.status === 'read') return this.markRead(body);
    try {
      return this.accept(body);
    } catch (err) {
      if (err instanceof GraphError) {
        this.core.store.rejected.push({ body, error: { code: err.code, message: err.message, details: err.details }, at: new Date() });
        this.core.store.changed();
      }
      throw err;
    }
  }

  private markRead(body: Json) {
    const item = this.core.store.item(String(body.message_id));
    if (!item || item.direction !== 'in') throw graphError(100, `Invalid parameter: message_id ${body.message_id} was not found.`);
    this.core.store.markedRead.push(item.wamid);
    // Meta marks the message and every earlier one of that chat as read.
    for (const t of this.core.store.thread) {
      if (t.waId === item.waId && t.direction === 'in' && t.at <= item.at) this.core.store.setStatus(t.wamid, 'read');
    }
    this.core.store.setStatus(item.wamid, 'read');
    return { success: true };
  }

  private accept(body: Json) {
    const failure = this.failures.shift();
    if (failure && !failure.async) throw graphError(failure.code);
    // Throughput is real time, not the sandbox clock: it is about how fast Atende calls.
    const nowMs = Date.now();
    this.recentSends = this.recentSends.filter((t) => nowMs - t < 1000);
    if (this.recentSends.length >= this.opts.throughputPerSecond) throw graphError(130429);
    this.recentSends.push(nowMs);
    const template = validateSend(body, this.core.store);
    const waId = String(body.to).replace(/^\+/, '');
    const customer = this.core.store.customer(waId);
    const now = this.core.now();
    if (!template && (!customer.lastInboundAt || now.getTime() - customer.lastInboundAt.getTime() > DAY_MS)) {
      throw graphError(131047);
    }
    const wamid = newWamid();
    const at = new Date();
    const type = body.type ?? 'text';
    if (type === 'reaction') {
      const target = this.core.store.item(body.reaction.message_id);
      if (target) {
        target.reactions = target.reactions.filter((r) => r.from !== 'business');
        if (body.reaction.emoji) target.reactions.push({ from: 'business', emoji: body.reaction.emoji });
      }
    }
    this.core.store.sent.push({ ...body, wamid, at });
    const payload = template ? { ...body, template: { ...body.template, definition: template.components } } : body;
    if (type !== 'reaction') this.core.store.addItem({ wamid, waId, direction: 'out', type, payload, at: now, status: 'accepted' });
    else this.core.store.changed();
    if (failure?.async) this.later(this.opts.statusDelaysMs[0], () => this.deliverStatuses(wamid, ['failed'], failure.code));
    else if (this.opts.autoStatuses) {
      this.later(this.opts.statusDelaysMs[0], () => this.deliverStatuses(wamid, ['sent']));
      this.later(this.opts.statusDelaysMs[1], () => this.deliverStatuses(wamid, ['delivered']));
    }
    const answer: Json = { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: waId }], messages: [{ id: wamid }] };
    if (template) answer.messages[0].message_status = 'accepted';
    return answer;
  }

  private later(ms: number, fn: () => Promise<void>) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void fn().catch(() => undefined);
    }, ms);
    this.timers.add(t);
  }

  private async upload(req: IncomingMessage) {
    const form = await parseForm(req, await readBody(req)).catch(() => {
      throw graphError(100, 'The upload must be multipart/form-data.');
    });
    if (form.get('messaging_product') !== 'whatsapp') throw graphError(100, 'Parameter messaging_product is required.');
    const file = form.get('file');
    if (!file || typeof file === 'string') throw graphError(100, 'Parameter file is required.');
    const mime = String(form.get('type') ?? file.type ?? '');
    if (!mime) throw graphError(100, 'Parameter type is required.');
    const item = this.core.store.addMedia(Buffer.from(await file.arrayBuffer()), mime, 'business', file.name || undefined);
    return { id: item.id };
  }

  private mediaInfo(req: IncomingMessage, id: string) {
    const item = this.core.store.media.get(id)!;
    const exp = Date.now() + MEDIA_URL_TTL_MS;
    return {
      messaging_product: 'whatsapp',
      url: `http://${req.headers.host}/media-download/${id}?mid=${id}&ext=${Math.floor(exp / 1000)}`,
      mime_type: item.mimeType,
      sha256: item.sha256,
      file_size: String(item.bytes.length),
      id,
    };
  }

  private download(res: ServerResponse, id: string, url: URL) {
    const item = this.core.store.media.get(id);
    const ext = Number(url.searchParams.get('ext') ?? 0) * 1000;
    if (!item || ext < Date.now()) throw graphError(100, 'The media URL is unknown or expired (URLs last 5 minutes).');
    sendBytes(res, 200, item.bytes, item.mimeType);
  }
}
