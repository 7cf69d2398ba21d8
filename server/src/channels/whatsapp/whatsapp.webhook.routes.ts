import type { FastifyInstance } from 'fastify';
import type { App } from '../../platform/http/server';
import type { Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { credentialsOf } from './whatsapp.graph';
import { splitNotification, validSignature, type SplitEvent } from './whatsapp.inbound';
import { activeWhatsappChannels, findChannelByPhoneNumberId, insertEvents } from './whatsapp.repository';
import { enqueueProcessing } from './whatsapp.processor';

/** Meta sends up to 3 MB (protocols.md §1.3); the margin covers headers of the envelope. */
export const WEBHOOK_BODY_LIMIT = 3.5 * 1024 * 1024;

const badSignature = () => new AppError(401, 'unauthorized', 'Invalid or missing X-Hub-Signature-256');

/**
 * `/webhooks/whatsapp`: Meta's verification handshake and its signed notifications. Events are
 * stored (deduplicated by key) before answering 200, and processed by a job afterwards, so a
 * slow database call or a crash never loses or doubles a customer's message.
 */
export async function registerWhatsappWebhook(app: App, deps: Deps) {
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
          const channel = await findChannelByPhoneNumberId(deps.db, change.phoneNumberId);
          if (!channel) {
            req.log.warn({ phoneNumberId: change.phoneNumberId }, 'WhatsApp webhook for an unknown phone number id: ignored');
            continue;
          }
          const credentials = credentialsOf(deps, channel);
          if (!credentials || !validSignature(credentials.appSecret, raw, signature)) throw badSignature();
          for (const event of change.events) rows.push({ workspaceId: channel.workspaceId, channelId: channel.id, event });
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
      const stored = await deps.db.transaction((tx) => insertEvents(tx, rows));
      if (stored > 0) {
        for (const channelId of new Set(rows.map((r) => r.channelId))) {
          // Stored is what matters: a lost nudge is caught by the sweep.
          await enqueueProcessing(deps, channelId).catch((err) => req.log.warn({ err }, 'could not enqueue WhatsApp processing'));
        }
      }
      return reply.code(200).send({ received: stored });
    });
  });
}
