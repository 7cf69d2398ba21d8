import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { customerHandle } from './customer';
import type { SandboxCore } from './envelopes';
import type { GraphApi } from './graph-api';
import { parseForm, readBody, sendBytes, sendJson } from './http';
import type { Json, ThreadItem } from './store';
import type { Templates } from './templates';

/**
 * The phone page's own small API (no token: it is the customer's phone, not Meta's API) and its
 * static files. Live updates go over server-sent events; the page refetches on each `change`.
 */

const ASSETS = fileURLToPath(new URL('./phone/', import.meta.url));
const STATIC: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/phone/phone.css': ['phone.css', 'text/css; charset=utf-8'],
  '/phone/phone.js': ['phone.js', 'text/javascript; charset=utf-8'],
};
const DAY_MS = 24 * 60 * 60 * 1000;

interface PhoneDeps {
  graph: GraphApi;
  templates: Templates;
}

const presentItem = (t: ThreadItem) => ({ ...t, at: t.at.toISOString() });

async function json(req: IncomingMessage): Promise<Json> {
  const raw = (await readBody(req)).toString('utf8');
  return raw ? JSON.parse(raw) : {};
}

function state(core: SandboxCore, deps: PhoneDeps) {
  const now = core.now();
  return {
    now: now.toISOString(),
    displayPhoneNumber: core.displayPhoneNumber,
    phoneNumberId: core.phoneNumberId,
    customers: [...core.store.customers.values()].map((c) => ({
      waId: c.waId,
      name: c.name,
      lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
      windowOpen: !!c.lastInboundAt && now.getTime() - c.lastInboundAt.getTime() <= DAY_MS,
    })),
    templates: deps.templates.list(),
    pendingWebhooks: core.webhooks.deliveries.filter((d) => !d.acknowledged).length,
    autoStatuses: deps.graph.opts.autoStatuses,
  };
}

/** What the phone does for its user: write, attach, tap, react. */
async function act(core: SandboxCore, input: Json) {
  const c = customerHandle(core, String(input.waId));
  switch (input.kind) {
    case 'text':
      return c.sendText(String(input.text ?? ''), { replyTo: input.replyTo || undefined });
    case 'location':
      return c.sendLocation(Number(input.latitude), Number(input.longitude), input.name, input.address);
    case 'button':
      return c.tapButton(input.replyTo, input.id, input.title);
    case 'list':
      return c.chooseListRow(input.replyTo, input.id, input.title, input.description);
    case 'template-button':
      return c.tapTemplateButton(input.replyTo, input.payload, input.title);
    case 'react':
      return c.react(input.wamid, input.emoji ?? '');
    default:
      throw new Error(`unknown action ${input.kind}`);
  }
}

async function upload(core: SandboxCore, req: IncomingMessage) {
  const form = await parseForm(req, await readBody(req));
  const file = form.get('file');
  const waId = String(form.get('waId') ?? '');
  if (!file || typeof file === 'string' || !waId) throw new Error('file and waId are required');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mime = file.type || 'application/octet-stream';
  const caption = String(form.get('caption') ?? '') || undefined;
  const c = customerHandle(core, waId);
  if (/^image\/(jpeg|png)$/.test(mime)) return c.sendImage(bytes, mime, caption);
  if (mime === 'image/webp') return c.sendSticker(bytes);
  if (mime.startsWith('video/')) return c.sendVideo(bytes, mime, caption);
  if (mime.startsWith('audio/')) return c.sendAudio(false, bytes, mime);
  return c.sendDocument(bytes, mime, file.name || 'arquivo', caption);
}

/** The customer looked at the chat: what the business sent and was delivered is now read. */
async function seen(core: SandboxCore, graph: GraphApi, waId: string) {
  if (!graph.opts.autoStatuses) return;
  const unread = core.store.thread.filter((t) => t.waId === waId && t.direction === 'out' && ['sent', 'delivered'].includes(t.status));
  for (const t of unread) {
    const missing = t.status === 'sent' ? ['delivered', 'read'] : ['read'];
    await graph.deliverStatuses(t.wamid, missing);
  }
}

function events(core: SandboxCore, req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  // Bursts (a webhook attempt per message) collapse into one refetch.
  let pending: NodeJS.Timeout | undefined;
  const onChange = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      res.write('event: change\ndata: {}\n\n');
    }, 50);
  };
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const stop = () => {
    clearInterval(ping);
    if (pending) clearTimeout(pending);
    core.store.off('change', onChange);
    core.store.off('close', end);
  };
  const end = () => {
    stop();
    res.end();
  };
  core.store.on('change', onChange);
  core.store.on('close', end);
  req.on('close', stop);
}

export async function handlePhone(core: SandboxCore, deps: PhoneDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const asset = STATIC[path];
  if (asset && method === 'GET') {
    const body = await readFile(ASSETS + asset[0]);
    res.writeHead(200, { 'content-type': asset[1], 'cache-control': 'no-cache' });
    res.end(body);
    return true;
  }
  if (!path.startsWith('/phone/api/')) return false;
  const route = `${method} ${path.slice('/phone/api'.length)}`;
  const media = path.match(/^\/phone\/api\/media\/([^/]+)$/);
  try {
    if (route === 'GET /state') sendJson(res, 200, state(core, deps));
    else if (route === 'GET /events') events(core, req, res);
    else if (route === 'GET /thread') {
      const waId = url.searchParams.get('waId');
      sendJson(res, 200, core.store.thread.filter((t) => t.waId === waId).map(presentItem));
    } else if (route === 'POST /customers') {
      const body = await json(req);
      const waId = String(body.waId ?? '').replace(/\D/g, '');
      if (waId.length < 8 || waId.length > 15) return sendJson(res, 400, { message: 'waId must have 8 to 15 digits' }), true;
      const c = core.store.customer(waId, String(body.name ?? '').trim() || waId);
      sendJson(res, 200, { waId: c.waId, name: c.name });
    } else if (route === 'POST /act') sendJson(res, 200, { wamid: await act(core, await json(req)) });
    else if (route === 'POST /upload') sendJson(res, 200, { wamid: await upload(core, req) });
    else if (route === 'POST /seen') {
      await seen(core, deps.graph, String((await json(req)).waId));
      sendJson(res, 200, { ok: true });
    } else if (route === 'POST /clock') {
      const { advanceMs } = await json(req);
      core.advanceClock(Number(advanceMs) || 0);
      sendJson(res, 200, { now: core.now().toISOString() });
    } else if (route === 'POST /templates/review') {
      const { name, language, decision, reason } = await json(req);
      const t = decision === 'approve' ? await deps.templates.approve(name, language) : await deps.templates.reject(name, reason, language);
      sendJson(res, 200, t);
    } else if (media && method === 'GET') {
      const item = core.store.media.get(media[1]);
      if (!item) sendJson(res, 404, { message: 'no such media' });
      else sendBytes(res, 200, item.bytes, item.mimeType);
    } else sendJson(res, 404, { message: 'unknown phone route' });
  } catch (err) {
    sendJson(res, 400, { message: (err as Error).message });
  }
  return true;
}
