import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { notFound, unauthorized, validationFailed } from '../../platform/errors';
import { getChannelById } from '../../modules/channels';
import { findOrCreateContactByIdentity, toE164 } from '../../modules/contacts';
import { getAttachment } from '../../modules/attachments';
import { listContactMessages, markMessageStatus, receiveInbound } from '../../modules/conversations';
import { ChannelInboundError } from '../channel-adapter';
import { webchatAdapter } from './webchat.adapter';
import { presentForVisitor, type VisitorMessage } from './webchat.presenter';
import * as repo from './webchat.repository';
import { toVisitor, visitorRoom } from './webchat.rooms';
import { senderNaming } from '../sender-name';

/** A web chat channel that is active; anything else is "not found" to the public. */
export async function activeWebchatChannel(deps: Pick<Deps, 'db'>, channelId: string) {
  const channel = await getChannelById(deps.db, channelId);
  if (!channel || channel.type !== 'webchat' || channel.status !== 'active') throw notFound('Channel');
  return channel;
}

/** What the widget shows before anyone writes. */
export async function widgetConfig(deps: Pick<Deps, 'db'>, channelId: string) {
  const channel = await activeWebchatChannel(deps, channelId);
  const w = channel.settings.widget;
  return {
    title: w.title,
    color: w.color,
    welcome: w.welcome,
    offlineMessage: w.offlineMessage,
    online: await repo.groupHasAgentOnline(deps.db, channel.workspaceId, channel.serviceGroupId),
  };
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const sessionInputSchema = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(120),
  phone: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  email: z.preprocess(blankToUndefined, z.string().trim().max(254).optional()),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * The pre-chat form: a name and a way to reach the customer (phone or e-mail). The token
 * returned is the visitor's only credential; only its hash is stored.
 */
export async function startSession(deps: Pick<Deps, 'db'>, channelId: string, input: SessionInput) {
  const channel = await activeWebchatChannel(deps, channelId);
  const problems: { path: string; message: string }[] = [];
  if (!input.phone && !input.email) {
    problems.push({ path: 'phone', message: 'phone or e-mail required' }, { path: 'email', message: 'phone or e-mail required' });
  }
  const phone = input.phone ? toE164(input.phone) : null;
  if (input.phone && !phone) problems.push({ path: 'phone', message: 'invalid phone number' });
  if (input.email && !EMAIL.test(input.email)) problems.push({ path: 'email', message: 'invalid e-mail' });
  if (problems.length) throw validationFailed(problems);

  const token = randomToken(32);
  const visitorId = randomUUID();
  await deps.db.transaction(async (tx) => {
    const contact = await findOrCreateContactByIdentity(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      externalId: visitorId,
      displayName: input.name,
      phone,
      email: input.email?.toLowerCase() ?? null,
    });
    await repo.insertVisitor(tx, {
      id: visitorId,
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: contact.id,
      tokenHash: sha256(token),
      lastSeenAt: new Date(),
    });
  });
  return { visitorToken: token };
}

/** Kept by every open widget socket for its lifetime: only ids, so thousands cost little. */
export interface Visitor {
  id: string;
  workspaceId: string;
  channelId: string;
  contactId: string;
  room: string;
}

/** The visitor behind a token, on a channel that still serves; null otherwise. */
export async function visitorByToken(deps: Pick<Deps, 'db'>, token: string | null | undefined): Promise<Visitor | null> {
  if (!token) return null;
  const row = await repo.findVisitorByTokenHash(deps.db, sha256(token));
  if (!row?.channelServes) return null;
  // The row says when it was last seen: most requests need no write (the update re-checks).
  if (!row.lastSeenAt || Date.now() - row.lastSeenAt.getTime() > repo.TOUCH_EVERY_MS) await repo.touchVisitor(deps.db, row.workspaceId, row.id);
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    channelId: row.channelId,
    contactId: row.contactId,
    room: visitorRoom(row.workspaceId, row.channelId, row.contactId),
  };
}

export async function visitorOf(deps: Pick<Deps, 'db'>, req: FastifyRequest): Promise<Visitor> {
  const header = req.headers.authorization;
  const visitor = await visitorByToken(deps, header?.startsWith('Bearer ') ? header.slice(7).trim() : null);
  if (!visitor) throw unauthorized('Start a web chat session first');
  return visitor;
}

/** The visitor's messages after `after` (oldest first): what a reconnecting widget missed. */
export async function history(deps: Pick<Deps, 'db'>, visitor: Visitor, q: { after?: string; limit: number }): Promise<VisitorMessage[]> {
  const rows = await listContactMessages(deps.db, {
    workspaceId: visitor.workspaceId,
    channelId: visitor.channelId,
    contactId: visitor.contactId,
    after: q.after,
    limit: q.limit,
  });
  const nameOf = senderNaming(deps, visitor.workspaceId);
  return Promise.all(rows.map(async (m) => presentForVisitor({ ...m, authorName: await nameOf(m) })));
}

const inboundProblem = (err: ChannelInboundError) =>
  validationFailed(err.fields.map((f) => ({ path: f.path.replace(/^event\./, ''), message: f.message })));

/** A visitor writes: stored once per clientMessageId, whatever happens to the connection. */
export async function postMessage(
  deps: Deps,
  visitor: Visitor,
  body: { clientMessageId: string; text?: string; attachmentId?: string },
): Promise<VisitorMessage> {
  let events;
  try {
    events = webchatAdapter.normalizeInbound({ visitor: { id: visitor.id }, event: { type: 'message', ...body } });
  } catch (err) {
    if (err instanceof ChannelInboundError) throw inboundProblem(err);
    throw err;
  }
  const event = events[0];
  if (event?.kind !== 'message') throw new Error('web chat message did not normalize to a message');
  const m = event.message;
  const attachment = m.attachmentId ? await getAttachment(deps.db, visitor.workspaceId, m.attachmentId) : null;
  // Only what this visitor uploaded: an id seen elsewhere must not be forwarded as theirs.
  if (m.attachmentId && attachment?.uploadedByContactId !== visitor.contactId) {
    throw validationFailed([{ path: 'attachmentId', message: 'attachment not found' }]);
  }
  const r = await receiveInbound(deps, {
    workspaceId: visitor.workspaceId,
    channelId: visitor.channelId,
    contactId: visitor.contactId,
    text: m.text ?? null,
    attachmentId: m.attachmentId ?? null,
    externalId: m.externalId,
    clientMessageId: m.clientMessageId,
    receivedAt: m.receivedAt,
    replyWindowHours: webchatAdapter.capabilities.replyWindowHours,
  });
  const stored = r.message;
  const view = presentForVisitor({
    id: stored.id,
    direction: 'in',
    text: stored.text,
    attachment: attachment ? { id: attachment.id, fileName: attachment.fileName, mimeType: attachment.mimeType, size: attachment.size } : null,
    authorName: null,
    status: stored.status,
    clientMessageId: stored.clientMessageId,
    createdAt: stored.createdAt,
  });
  // The visitor's other tabs show it too (each dedupes by id).
  if (!r.duplicate) toVisitor(deps, visitor.room, 'message.created', { message: view });
  return view;
}

/**
 * The widget reports it showed (delivered) or the visitor saw (read) company messages. Only
 * the visitor's own conversation's outgoing messages move; anything else is ignored. One lookup
 * and one transaction for all the ids: every visitor acknowledges every message it receives.
 */
export async function markFromVisitor(deps: Deps, visitor: Visitor, status: 'delivered' | 'read', messageIds: unknown) {
  let events;
  try {
    events = webchatAdapter.normalizeInbound({ visitor: { id: visitor.id }, event: { type: status, messageIds } });
  } catch {
    return; // a socket event with a bad payload: nothing to do, nothing to answer
  }
  const ids = events.flatMap((e) => (e.kind === 'status' ? [e.externalId] : []));
  const own = await repo.visitorOutgoingMessageIds(deps.db, { ...visitor, messageIds: ids });
  if (own.length === 0) return;
  await deps.db.transaction(async (tx) => {
    for (const messageId of own) await markMessageStatus(tx, { workspaceId: visitor.workspaceId, messageId, status });
  });
}
