import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context';
import type { Executor, Tx } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { ChannelSendError } from '../channel-adapter';
import { findOrCreateContactByIdentity } from '../../modules/contacts';
import { markMessageStatus, messages, receiveInbound } from '../../modules/conversations';
import { saveUpload } from '../../modules/attachments';
import { credentialsOf, graphFetch, graphJson, toSendError, type WhatsappCredentials } from './whatsapp.graph';
import { phoneOfWaId, readMessage } from './whatsapp.inbound';
import * as repo from './whatsapp.repository';
import { applyTemplateStatus } from './whatsapp.templates.service';

export const PROCESS_JOB = 'whatsapp.process';
export const SWEEP_JOB = 'whatsapp.sweep';

/** Asks a worker to process a channel's pending events (one pending job per channel). */
export async function enqueueProcessing(deps: Pick<Deps, 'jobs'>, channelId: string) {
  await deps.jobs.send(PROCESS_JOB, { channelId }, { singletonKey: channelId });
}

export async function defineWhatsappJobs(deps: Deps, log: FastifyBaseLogger) {
  await deps.jobs.define<{ channelId: string }>(PROCESS_JOB, async ({ channelId }) => {
    await processPending(deps, log, channelId);
  }, {
    policy: 'short',
  });
  // Events stored while no worker ran (or whose nudge was lost) are picked up here.
  await deps.jobs.define(SWEEP_JOB, async () => {
    for (const channelId of await repo.channelsWithPending(deps.db)) await enqueueProcessing(deps, channelId);
  });
}

/**
 * Processes a channel's pending events in receive order, each in the transaction that marks it
 * processed: a crash before the commit leaves it pending, a commit means it happened once.
 * A failing event is counted and left for the next run, so it does not block the rest forever.
 */
export async function processPending(deps: Deps, log: FastifyBaseLogger, channelId: string | null) {
  let done = 0;
  const failed: string[] = [];
  for (;;) {
    let failure: { id: string; error: string; early: boolean } | null = null;
    const handled = await deps.db.transaction(async (tx) => {
      const event = await repo.takeNextPending(tx, channelId, failed);
      if (!event) return false;
      try {
        await tx.transaction((sp) => processEvent(deps, sp, event));
      } catch (err) {
        failure = { id: event.id, error: (err as Error).message, early: err instanceof NotYet };
        if (!(err instanceof NotYet)) log.warn({ err, eventId: event.id, kind: event.kind }, 'WhatsApp event failed; retried later');
        return true;
      }
      await repo.markProcessed(tx, event.id);
      done++;
      return true;
    });
    if (failure) {
      const f = failure as { id: string; error: string; early: boolean };
      // Waiting for our own commit is not a failure: it does not spend the event's attempts.
      await repo.recordFailure(deps.db, f.id, f.error, !f.early);
      // The rest of the channel goes on; the failed one is tried again shortly.
      failed.push(f.id);
    }
    if (!handled) break;
  }
  if (failed.length && channelId) await deps.jobs.send(PROCESS_JOB, { channelId }, { singletonKey: channelId, startAfter: RETRY_SECONDS });
  return done;
}

const RETRY_SECONDS = 5;
/** A status can overtake the commit that records our message's wamid: not an error, just early. */
const STATUS_GRACE_MS = 2 * 60_000;
class NotYet extends Error {}

async function processEvent(deps: Deps, tx: Tx, event: repo.WhatsappEventRow) {
  const channel = await repo.findWhatsappChannel(tx, event.workspaceId, event.channelId);
  if (!channel) return;
  const scoped = { ...deps, db: tx };
  if (event.kind === 'message') return processMessage(scoped, channel, event.payload);
  if (event.kind === 'status') return processStatus(tx, channel, event.payload, event.receivedAt);
  if (event.kind === 'template_status') return applyTemplateStatus(tx, channel, event.payload);
  // Value-level errors concern the number, not a message: they stay stored for diagnosis.
}

async function processMessage(deps: Deps, channel: repo.WhatsappChannelRow, payload: Record<string, unknown>) {
  const m = readMessage(payload);
  const contact = await findOrCreateContactByIdentity(deps.db, {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    externalId: m.waId,
    displayName: m.name ?? phoneOfWaId(m.waId) ?? m.waId,
    phone: phoneOfWaId(m.waId),
  });
  let attachmentId: string | null = null;
  let contentType = m.contentType;
  let content = m.content;
  if (m.media) {
    const credentials = credentialsOf(deps, channel);
    if (!credentials) throw new Error('the channel has no readable credentials');
    try {
      attachmentId = await downloadMedia(deps, credentials, channel.workspaceId, contact.id, m.media);
    } catch (err) {
      const refused = refusedMedia(err, m.media.mimeType);
      if (!refused) throw err;
      // The customer's message still arrives, saying why its file did not (retrying cannot help).
      contentType = 'unsupported';
      content = { type: m.contentType, errors: [refused] };
    }
  }
  await receiveInbound(deps, {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    contactId: contact.id,
    text: m.text,
    attachmentId,
    contentType,
    content,
    replyToExternalId: m.replyToExternalId,
    externalId: m.externalId,
    receivedAt: m.receivedAt,
    replyWindowHours: 24,
  });
}

/** A media failure that will not go away: a file type or size customers may not send (CHAN-7), or media Meta no longer has. */
function refusedMedia(err: unknown, mimeType: string): { code: string; title: string } | null {
  if (err instanceof AppError && err.status < 500) return { code: err.code === 'payload_too_large' ? 'too_large' : 'type_not_allowed', title: `${mimeType}: ${err.message}` };
  if (err instanceof ChannelSendError && !err.retryable) return { code: 'media_unavailable', title: err.title };
  return null;
}

/** Media ids → URL (valid 5 min) → bytes with the bearer token → an attachment (protocols.md §1.8). */
async function downloadMedia(
  deps: Deps,
  credentials: WhatsappCredentials,
  workspaceId: string,
  contactId: string,
  media: { id: string; mimeType: string; fileName?: string },
) {
  const info = await graphJson<{ url?: string }>(credentials, media.id);
  if (!info.url) throw new Error(`media ${media.id} has no URL`);
  const res = await graphFetch(credentials, info.url);
  if (!res.ok || !res.body) throw toSendError(res.status, await res.json().catch(() => null));
  const ext = media.mimeType.split('/')[1]?.split(';')[0] ?? 'bin';
  const stream = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  // The row joins this transaction; a rollback after the file was written leaves only an unused file.
  const row = await saveUpload({ ...deps, db: deps.db as never }, {
    workspaceId,
    by: { contactId },
    direction: 'customer',
    file: { fileName: media.fileName ?? `whatsapp-${media.id}.${ext}`, stream },
  });
  return row.id;
}

async function processStatus(tx: Executor, channel: repo.WhatsappChannelRow, s: Record<string, unknown>, receivedAt: Date) {
  const [message] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.workspaceId, channel.workspaceId), eq(messages.channelId, channel.id), eq(messages.externalId, String(s.id))))
    .limit(1);
  if (!message) {
    // Early (our send's commit is on its way) or a message sent outside Atende: wait, then drop.
    if (Date.now() - receivedAt.getTime() < STATUS_GRACE_MS) throw new NotYet(`no message ${String(s.id)} yet`);
    return;
  }
  const status = String(s.status);
  if (!['sent', 'delivered', 'read', 'failed'].includes(status)) return;
  const first = Array.isArray(s.errors) ? (s.errors[0] as { code?: unknown; title?: unknown; message?: unknown } | undefined) : undefined;
  await markMessageStatus(tx, {
    workspaceId: channel.workspaceId,
    messageId: message.id,
    status: status as 'sent',
    ...(status === 'failed' ? { error: { code: String(first?.code ?? 'unknown'), title: String(first?.title ?? first?.message ?? 'Message failed') } } : {}),
  });
}
