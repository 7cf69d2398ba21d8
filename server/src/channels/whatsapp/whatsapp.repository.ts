import { and, asc, eq, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { channels } from '../../modules/channels/channel.schema';
import { credentialsOf, type WhatsappCredentials } from './whatsapp.graph';
import { whatsappEvents } from './whatsapp.schema';
import { anyOf } from '../../platform/db/any-of';

export type WhatsappChannelRow = typeof channels.$inferSelect;
export type WhatsappEventRow = typeof whatsappEvents.$inferSelect;

/** Gives up on an event after this many failed attempts (kept with its last error). */
export const MAX_ATTEMPTS = 5;

/** The active WhatsApp channel answering for a phone_number_id (unique among active channels). */
export async function findChannelByPhoneNumberId(db: Executor, phoneNumberId: string) {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.type, 'whatsapp'), eq(channels.status, 'active'), eq(channels.externalKey, phoneNumberId)))
    .limit(1);
  return row ?? null;
}

/** Every active WhatsApp channel with its opened credentials (few per installation). */
export async function activeWhatsappChannels(deps: Pick<Deps, 'db' | 'secrets'>) {
  const rows = await deps.db.select().from(channels).where(and(eq(channels.type, 'whatsapp'), eq(channels.status, 'active')));
  return rows.flatMap((row) => {
    const credentials = credentialsOf(deps, row);
    return credentials ? [{ row, credentials }] : [];
  });
}

export async function findWhatsappChannel(db: Executor, workspaceId: string, id: string) {
  const [row] = await db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, id), eq(channels.type, 'whatsapp')));
  return row ?? null;
}

/** NOTIFY channel that wakes the drainers, with the WhatsApp channel id as payload (see whatsapp.event-writer.ts). */
export const WHATSAPP_EVENTS_CHANNEL = 'atende_whatsapp';

/** The oldest pending events of a channel (or of all), locked; concurrent workers skip them. */
export async function takePending(tx: Executor, channelId: string | null, skip: string[], limit: number) {
  return tx
    .select()
    .from(whatsappEvents)
    .where(
      and(
        isNull(whatsappEvents.processedAt),
        lt(whatsappEvents.attempts, MAX_ATTEMPTS),
        channelId ? eq(whatsappEvents.channelId, channelId) : undefined,
        skip.length ? notInArray(whatsappEvents.id, skip) : undefined,
      ),
    )
    .orderBy(asc(whatsappEvents.receivedAt), asc(whatsappEvents.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markProcessed(tx: Executor, ids: string[]) {
  if (ids.length) await tx.update(whatsappEvents).set({ processedAt: sql`now()` }).where(anyOf(whatsappEvents.id, ids, 'uuid'));
}

export async function recordFailure(db: Executor, id: string, error: string, countAttempt = true) {
  await db
    .update(whatsappEvents)
    .set({ attempts: countAttempt ? sql`${whatsappEvents.attempts} + 1` : whatsappEvents.attempts, lastError: error.slice(0, 2000) })
    .where(eq(whatsappEvents.id, id));
}

/** Channels with events still pending (the sweep's work list). */
export async function channelsWithPending(db: Executor) {
  const rows = await db
    .selectDistinct({ channelId: whatsappEvents.channelId })
    .from(whatsappEvents)
    .where(and(isNull(whatsappEvents.processedAt), lt(whatsappEvents.attempts, MAX_ATTEMPTS)));
  return rows.map((r) => r.channelId);
}

export type ChannelWithCredentials = { row: WhatsappChannelRow; credentials: WhatsappCredentials };
