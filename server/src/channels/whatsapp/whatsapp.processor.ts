import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/context';
import type { Executor, Tx } from '../../platform/db/client';
import { AppError } from '../../platform/errors';
import { ChannelSendError } from '../channel-adapter';
import { findOrCreateContactsByIdentity } from '../../modules/contacts';
import { markMessageStatuses, receiveInbound, receiveInboundBatch, type StatusUpdate } from '../../modules/conversations';
import { saveUpload } from '../../modules/attachments';
import { credentialsOf, graphFetch, graphJson, toSendError, type WhatsappCredentials } from './whatsapp.graph';
import { phoneOfWaId, readMessage, type ReadMessage } from './whatsapp.inbound';
import * as repo from './whatsapp.repository';
import { applyTemplateStatus } from './whatsapp.templates.service';

/** Events claimed per transaction: large enough to amortise round trips and commits, small enough to keep locks short. */
const BATCH = 200;

/**
 * Processes a channel's pending events in receive order, a batch per transaction that also marks
 * them processed: a crash before the commit leaves them pending, a commit means they happened once.
 * Consecutive text-like messages go through `receiveInboundBatch` together (the hot path) and the
 * batch's statuses through `markMessageStatuses`; media and templates go one by one. A failing
 * event is counted and left for the next run, so it does not block the rest forever.
 */
export async function processPending(deps: Deps, log: FastifyBaseLogger, channelId: string) {
  let done = 0;
  let busy = false;
  const failed: string[] = [];
  for (;;) {
    const failures: Failure[] = [];
    const claimed = await deps.db.transaction(async (tx) => {
      // One batch of a channel at a time, whichever process: the order of its events holds.
      // A commit lost in a crash only leaves its events pending, to be processed again: the
      // flush to disk can be skipped here (the webhook's own insert stays fully durable).
      const [lock] = (
        await tx.execute<{ ok: boolean }>(sql`
          select pg_try_advisory_xact_lock(hashtextextended(${`whatsapp:${channelId}`}, 0)) as ok,
                 set_config('synchronous_commit', 'off', true)`)
      ).rows;
      if (!lock.ok) {
        busy = true;
        return 0;
      }
      const events = await repo.takePending(tx, channelId, failed, BATCH);
      if (events.length === 0) return 0;
      const processed: string[] = [];
      const channel = await repo.findWhatsappChannel(tx, events[0].workspaceId, channelId);
      if (!channel) processed.push(...events.map((e) => e.id));
      else {
        const oneByOne = async (list: repo.WhatsappEventRow[]) => {
          // Each in its own savepoint: a bad event fails alone.
          for (const event of list) {
            try {
              await tx.transaction((sp) => processEvent(deps, sp, channel, event));
              processed.push(event.id);
            } catch (err) {
              failures.push({ id: event.id, error: (err as Error).message, early: err instanceof NotYet });
              if (!(err instanceof NotYet)) log.warn({ err, eventId: event.id, kind: event.kind }, 'WhatsApp event failed; retried later');
            }
          }
        };
        // Messages first, in their order, so the statuses of this batch find the ones they name.
        for (const run of runsOf(events.filter((e) => e.kind === 'message'))) {
          if (run.length > 1 && (await tryBatch(tx, channel, run))) processed.push(...run.map((r) => r.event.id));
          else await oneByOne(run.map((r) => r.event));
        }
        const statuses = events.filter((e) => e.kind === 'status');
        const early = statuses.length > 1 ? await tryStatuses(tx, channel, statuses) : null;
        if (early) {
          for (const e of statuses) {
            if (early.has(e.id)) failures.push({ id: e.id, error: `no message ${String(e.payload.id)} yet`, early: true });
            else processed.push(e.id);
          }
        } else await oneByOne(statuses);
        await oneByOne(events.filter((e) => e.kind !== 'message' && e.kind !== 'status'));
      }
      await repo.markProcessed(tx, processed);
      done += processed.length;
      return events.length;
    });
    for (const f of failures) {
      // Waiting for our own commit is not a failure: it does not spend the event's attempts.
      await repo.recordFailure(deps.db, f.id, f.error, !f.early);
      // The rest of the channel goes on; the failed one is tried again shortly.
      failed.push(f.id);
    }
    if (claimed === 0) break;
  }
  return { done, failed: failed.length, busy };
}

interface Failure {
  id: string;
  error: string;
  early: boolean;
}

type Read = { event: repo.WhatsappEventRow; message: ReadMessage };

/** Splits messages, keeping their order, into runs: plain messages together, one with media alone. */
function runsOf(events: repo.WhatsappEventRow[]): Read[][] {
  const runs: Read[][] = [];
  for (const event of events) {
    const r = { event, message: readMessage(event.payload) };
    const last = runs.at(-1);
    if (last && !r.message.media && !last[0].message.media) last.push(r);
    else runs.push([r]);
  }
  return runs;
}

/** The run in one savepoint; false (nothing kept) when any of it fails, so the caller isolates the culprit. */
async function tryBatch(tx: Tx, channel: repo.WhatsappChannelRow, run: Read[]) {
  try {
    await tx.transaction(async (sp) => {
      const read = run.map((r) => r.message);
      const contacts = await findOrCreateContactsByIdentity(sp, channel.workspaceId, channel.id, read.map(identityOf(channel)), { create: autoCreates(channel) });
      // Unknown numbers of a channel that serves known contacts only are not taken in (CONT-6).
      const known = read.filter((m) => contacts.has(m.waId));
      await receiveInboundBatch({ db: sp }, known.map((m) => inboundOf(channel, contacts.get(m.waId)!.id, m)));
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Many statuses in one savepoint (two queries, whatever their number). Returns the events to try
 * again later (their message is not there yet, within the grace time), or null when the batch
 * failed and the caller should isolate the culprit.
 */
async function tryStatuses(tx: Tx, channel: repo.WhatsappChannelRow, events: repo.WhatsappEventRow[]): Promise<Set<string> | null> {
  try {
    const known = events.filter((e) => STATUSES.includes(String(e.payload.status)));
    const { missing } = await tx.transaction((sp) =>
      markMessageStatuses(sp, { workspaceId: channel.workspaceId, channelId: channel.id, updates: known.map((e) => statusUpdateOf(e.payload)) }),
    );
    const absent = new Set(missing);
    return new Set(events.filter((e) => absent.has(String(e.payload.id)) && Date.now() - e.receivedAt.getTime() < STATUS_GRACE_MS).map((e) => e.id));
  } catch {
    return null;
  }
}

const STATUSES = ['sent', 'delivered', 'read', 'failed'];

function statusUpdateOf(s: Record<string, unknown>): StatusUpdate {
  const status = String(s.status) as StatusUpdate['status'];
  const first = Array.isArray(s.errors) ? (s.errors[0] as { code?: unknown; title?: unknown; message?: unknown } | undefined) : undefined;
  return {
    externalId: String(s.id),
    status,
    ...(status === 'failed' ? { error: { code: String(first?.code ?? 'unknown'), title: String(first?.title ?? first?.message ?? 'Message failed') } } : {}),
  };
}

/** A status can overtake the commit that records our message's wamid: not an error, just early. */
const STATUS_GRACE_MS = 2 * 60_000;
class NotYet extends Error {}

async function processEvent(deps: Deps, tx: Tx, channel: repo.WhatsappChannelRow, event: repo.WhatsappEventRow) {
  const scoped = { ...deps, db: tx };
  if (event.kind === 'message') return processMessage(scoped, channel, event.payload);
  if (event.kind === 'status') return processStatus(tx, channel, event.payload, event.receivedAt);
  if (event.kind === 'template_status') return applyTemplateStatus(tx, channel, event.payload);
  // Value-level errors concern the number, not a message: they stay stored for diagnosis.
}

/** CONT-6: whether a number nobody knows becomes a contact (or is left out). */
const autoCreates = (channel: repo.WhatsappChannelRow) => channel.settings.autoCreateContacts !== false;

/** CHAN-6: a sender without a WhatsApp profile name gets the channel's default contact name. */
const identityOf = (channel: repo.WhatsappChannelRow) => (m: ReadMessage) => ({
  externalId: m.waId,
  displayName: m.name || channel.settings.defaultContactName || phoneOfWaId(m.waId) || m.waId,
  phone: phoneOfWaId(m.waId),
});

function inboundOf(channel: repo.WhatsappChannelRow, contactId: string, m: ReadMessage, media?: { attachmentId: string | null; contentType: string; content: Record<string, unknown> | null }) {
  return {
    workspaceId: channel.workspaceId,
    channelId: channel.id,
    contactId,
    text: m.text,
    attachmentId: media?.attachmentId ?? null,
    contentType: media?.contentType ?? m.contentType,
    content: media ? media.content : m.content,
    replyToExternalId: m.replyToExternalId,
    externalId: m.externalId,
    receivedAt: m.receivedAt,
    replyWindowHours: 24,
  };
}

async function processMessage(deps: Deps, channel: repo.WhatsappChannelRow, payload: Record<string, unknown>) {
  const m = readMessage(payload);
  const contact = (await findOrCreateContactsByIdentity(deps.db, channel.workspaceId, channel.id, [identityOf(channel)(m)], { create: autoCreates(channel) })).get(m.waId);
  if (!contact) return;
  let media: { attachmentId: string | null; contentType: string; content: Record<string, unknown> | null } | undefined;
  if (m.media) {
    const credentials = credentialsOf(deps, channel);
    if (!credentials) throw new Error('the channel has no readable credentials');
    try {
      media = { attachmentId: await downloadMedia(deps, credentials, channel.workspaceId, contact.id, m.media), contentType: m.contentType, content: m.content };
    } catch (err) {
      const refused = refusedMedia(err, m.media.mimeType);
      if (!refused) throw err;
      // The customer's message still arrives, saying why its file did not (retrying cannot help).
      media = { attachmentId: null, contentType: 'unsupported', content: { type: m.contentType, errors: [refused] } };
    }
  }
  await receiveInbound(deps, inboundOf(channel, contact.id, m, media));
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
  if (!STATUSES.includes(String(s.status))) return;
  const { missing } = await markMessageStatuses(tx, { workspaceId: channel.workspaceId, channelId: channel.id, updates: [statusUpdateOf(s)] });
  // Early (our send's commit is on its way) or a message sent outside Atende: wait, then drop.
  if (missing.length && Date.now() - receivedAt.getTime() < STATUS_GRACE_MS) throw new NotYet(`no message ${String(s.id)} yet`);
}
