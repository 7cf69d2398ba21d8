import { z } from 'zod';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { uuidString } from '@contracts/http';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { firstActiveWebchatChannelId } from './webchat.repository';
import { demoPage, noChannelPage, type DemoLang } from './widget-demo.page';

/** Built by `npm run build` (web/widget → web/dist/widget.js). */
const widgetFile = fileURLToPath(new URL('../../../../web/dist/widget.js', import.meta.url));

let cached: { mtimeMs: number; body: Buffer; etag: string } | null = null;

async function widgetBundle() {
  const s = await stat(widgetFile).catch(() => null);
  if (!s) return null;
  // Read again only after a rebuild: the file is small, but every customer page asks for it.
  if (!cached || cached.mtimeMs !== s.mtimeMs) {
    cached = { mtimeMs: s.mtimeMs, body: await readFile(widgetFile), etag: `"w-${s.size.toString(36)}-${Math.round(s.mtimeMs).toString(36)}"` };
  }
  return cached;
}

const langOf = (q: string | undefined, acceptLanguage: string | undefined): DemoLang =>
  (q ?? acceptLanguage ?? '').toLowerCase().startsWith('en') ? 'en' : 'pt-BR';

/** `GET /widget.js` (one script tag on the customer's site) and `GET /widget-demo`. */
export function registerWidgetRoutes(app: App, deps: Deps) {
  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const bundle = await widgetBundle();
    reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    if (!bundle) {
      return reply.code(404).type('text/plain').send('widget.js is not built: run `npm run build`');
    }
    // Sites embed an unversioned URL: a short cache, revalidated by ETag, lets releases reach them.
    reply.header('cache-control', 'public, max-age=300, stale-while-revalidate=86400').header('etag', bundle.etag);
    if (req.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
    return reply.type('application/javascript; charset=utf-8').send(bundle.body);
  });

  app.get('/widget-demo', {
    config: { access: 'public' },
    schema: { hide: true, querystring: z.object({ channel: z.string().optional(), lang: z.string().max(10).optional() }) },
    handler: async (req, reply) => {
      const lang = langOf(req.query.lang, req.headers['accept-language']);
      const given = uuidString.safeParse(req.query.channel);
      const channelId = given.success ? given.data : await firstActiveWebchatChannelId(deps.db);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return channelId ? demoPage(lang, channelId, req.query.lang ? lang : null) : noChannelPage(lang);
    },
  });
}
