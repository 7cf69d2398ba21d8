import type { FastifyInstance } from 'fastify';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { credentialsOf } from './whatsapp.graph';
import { splitNotification, validSignature, type SplitEvent } from './whatsapp.inbound';
import { activeWhatsappChannels, findChannelByPhoneNumberId, type WhatsappChannelRow } from './whatsapp.repository';
import { EventWriter } from './whatsapp.event-writer';

/** Meta sends up to 3 MB (protocols.md §1.3); the margin covers headers of the envelope. */
export const WEBHOOK_BODY_LIMIT = 3.5 * 1024 * 1024;

const badSignature = () => new AppError(401, 'unauthorized', 'Invalid or missing X-Hub-Signature-256');

/**
 * `/webhooks/whatsapp`: Meta's verification handshake and its signed notifications. Events are
 * stored (deduplicated by key) before answering 200, and processed by a job afterwards, so a
 * slow database call or a crash never loses or doubles a customer's message.
 */
export async function registerWhatsappWebhook(app: App, deps: Deps) {
  const channelFor = channelCache(deps);
  const writer = new EventWriter(deps.db);
  await app.register(async (scope: FastifyInstance) => {
    // The signature covers the exact bytes: keep them instead of parsing JSON here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get('/webhooks/whatsapp', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      const token = q['hub.verify_token'];
      const ok = q['hub.mode'] === 'subscribe' && !!token && (await activeWhatsappChannels(deps)).some((c) => c.credentials.verifyToken === token);
      if (!ok) return reply.code(403).type('text/plain').send('verify token does not match');
      return reply.code(200).type('text/plain').send(q['hub.challenge'] ?? '');
    });

    scope.post('/webhooks/whatsapp', { config: { access: 'public' }, schema: { hide: true }, bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let changes;
      try {
        changes = splitNotification(JSON.parse(raw.toString('utf8')));
      } catch {
        throw new AppError(400, 'bad_request', 'The body is not a WhatsApp notification (JSON with entry[])');
      }
      const signature = req.headers['x-hub-signature-256'] as string | undefined;
      const rows: { workspaceId: string; channelId: string; event: SplitEvent }[] = [];
      let waba: Awaited<ReturnType<typeof activeWhatsappChannels>> | null = null;
      for (const change of changes) {
        if (change.phoneNumberId) {
          let found = await channelFor(change.phoneNumberId);
          // A just-rotated app secret must not wait for the cache to expire.
          if (found?.cached && !signedBy(found, raw, signature)) found = await channelFor(change.phoneNumberId, true);
          if (!found) {
            req.log.warn({ phoneNumberId: change.phoneNumberId }, 'WhatsApp webhook for an unknown phone number id: ignored');
            continue;
          }
          if (!signedBy(found, raw, signature)) throw badSignature();
          for (const event of change.events) rows.push({ workspaceId: found.row.workspaceId, channelId: found.row.id, event });
        } else {
          // WABA-level fields (template status) name no number: every channel of that WABA gets it.
          waba ??= await activeWhatsappChannels(deps);
          const owners = waba.filter((c) => c.credentials.wabaId === change.wabaId);
          if (owners.length === 0) req.log.warn({ wabaId: change.wabaId }, 'WhatsApp webhook for an unknown WABA: ignored');
          for (const o of owners) {
            if (!validSignature(o.credentials.appSecret, raw, signature)) throw badSignature();
            for (const event of change.events) rows.push({ workspaceId: o.row.workspaceId, channelId: o.row.id, event });
          }
        }
      }
      // Stored is what matters: a lost signal is caught by the sweep.
      const stored = await writer.store(rows);
      return reply.code(200).send({ received: stored });
    });
  });
}

/** How long a number's channel and opened credentials are reused: every webhook needs them; they rarely change. */
const CHANNEL_CACHE_MS = 5_000;

type FoundChannel = { row: WhatsappChannelRow; credentials: ReturnType<typeof credentialsOf>; cached: boolean };

function channelCache(deps: Deps) {
  const cache = new Map<string, { at: number; row: WhatsappChannelRow; credentials: ReturnType<typeof credentialsOf> }>();
  // Concurrent webhooks that find the entry expired share one lookup instead of each running it.
  const loading = new Map<string, Promise<FoundChannel | null>>();
  const load = async (phoneNumberId: string): Promise<FoundChannel | null> => {
    const row = await findChannelByPhoneNumberId(deps.db, phoneNumberId);
    if (!row) {
      cache.delete(phoneNumberId);
      return null;
    }
    const entry = { at: Date.now(), row, credentials: credentialsOf(deps, row) };
    cache.set(phoneNumberId, entry);
    return { ...entry, cached: false };
  };
  return async (phoneNumberId: string, fresh = false): Promise<FoundChannel | null> => {
    const hit = cache.get(phoneNumberId);
    if (hit && !fresh && Date.now() - hit.at < CHANNEL_CACHE_MS) return { ...hit, cached: true };
    let pending = loading.get(phoneNumberId);
    if (!pending) {
      pending = load(phoneNumberId).finally(() => loading.delete(phoneNumberId));
      loading.set(phoneNumberId, pending);
    }
    return pending;
  };
}

const signedBy = (c: FoundChannel, raw: Buffer, signature: string | undefined) => !!c.credentials && validSignature(c.credentials.appSecret, raw, signature);
