import { and, eq, max } from 'drizzle-orm';
import type { TemplateSend } from '@contracts/messages';
import type { Ctx } from '../../platform/context';
import { emitEvent, emitEvents } from '../../platform/events/outbox';
import { armTimers, type TimerRow } from '../../platform/timers/timers';
import type { Executor, Tx } from '../../platform/db/client';
import { AppError, conflict, forbidden, validationFailed } from '../../platform/errors';
import { getChannel } from '../channels';
import { contactIdentities, findContact } from '../contacts';
import { getServiceGroup, groupIdsOfUser } from '../service-groups';
import { conversations, presentMessage, updateConversation, insertEvents, activeCounts } from '../conversations';
import { workspaces } from '../workspaces/workspace.schema';
import { users } from '../users/user.schema';
// The conversations module's internals that starting a conversation from our side needs; they
// belong behind its index (see the report), kept here as narrow imports until then.
import {
  assertWindowOpen,
  findMessageView,
  insertConversation,
  insertMessage,
  lockOpenConversation,
  nextProtocol,
  previewOf,
  resolveTemplate,
} from '../conversations';
import { lockAgentStates } from '../routing';

export interface ActiveSendInput {
  contactId: string;
  channelId: string;
  serviceGroupId: string;
  text?: string;
  template?: TemplateSend;
}

const REPLY_WINDOW_MS = 24 * 3600_000;

/** The contact's id on the channel; a contact with a phone gets one (WhatsApp wa_id = its digits). */
async function recipientIdentity(tx: Tx, ctx: Ctx, channelId: string, contact: { id: string; phone: string | null }) {
  const [existing] = await tx
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.workspaceId, ctx.workspaceId), eq(contactIdentities.channelId, channelId), eq(contactIdentities.contactId, contact.id)))
    .limit(1);
  if (existing) return existing.externalId;
  const digits = contact.phone?.replace(/\D/g, '') ?? '';
  if (digits.length < 8) throw validationFailed([{ path: 'contactId', message: 'the contact has no WhatsApp number' }]);
  const inserted = await tx
    .insert(contactIdentities)
    .values({ workspaceId: ctx.workspaceId, channelId, externalId: digits, contactId: contact.id })
    .onConflictDoNothing()
    .returning();
  if (!inserted.length) throw conflict('This number belongs to another contact on this channel', [{ path: 'contactId', message: 'number used by another contact' }]);
  return digits;
}

/** Whether the customer wrote on this channel within 24 h (free-form messages allowed). */
async function windowExpiry(tx: Tx, workspaceId: string, channelId: string, contactId: string) {
  const [r] = await tx
    .select({ last: max(conversations.lastCustomerMessageAt) })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.channelId, channelId), eq(conversations.contactId, contactId)));
  // Never written: the window is closed (null would mean "no window" to assertWindowOpen).
  return r?.last ? new Date(r.last.getTime() + REPLY_WINDOW_MS) : new Date(0);
}

/** The agent takes the conversation: same lock and limit as a transfer to them. */
async function assignToSender(tx: Tx, ctx: Ctx, userId: string) {
  await lockAgentStates(tx, ctx.workspaceId, [userId]);
  const [me] = await tx.select({ max: users.maxConversations }).from(users).where(and(eq(users.workspaceId, ctx.workspaceId), eq(users.id, userId)));
  const load = (await activeCounts(tx, ctx.workspaceId, [userId])).get(userId) ?? 0;
  if (load >= (me?.max ?? 0)) throw conflict('You are at your simultaneous conversations limit', [{ path: 'contactId', message: 'at the simultaneous limit' }]);
}

/**
 * AGENT-6: the company writes first. The group must allow active sends on the channel's type;
 * past the 24-hour window only an approved template may go. An agent's send opens (or takes)
 * the conversation as theirs; an API credential's leaves it pending, so the customer's reply
 * reopens it and routing serves it. The message then follows the normal outbound path.
 */
export async function sendActive(ctx: Ctx, input: ActiveSendInput) {
  if (!input.text === !input.template) throw validationFailed([{ path: 'text', message: 'give text or template' }]);
  const userId = ctx.actor?.userId ?? null;
  const result = await ctx.db.transaction(async (tx) => {
    const channel = await getChannel(tx, ctx.workspaceId, input.channelId);
    if (!channel || channel.status !== 'active') throw validationFailed([{ path: 'channelId', message: 'channel not found or inactive' }]);
    const group = await getServiceGroup(tx, ctx.workspaceId, input.serviceGroupId);
    if (!group || group.status !== 'active') throw validationFailed([{ path: 'serviceGroupId', message: 'service group not found or inactive' }]);
    const activeSend = group.settings.activeSend as Record<string, boolean>;
    if (group.settings.receptiveOnly || !activeSend[channel.type]) {
      throw new AppError(403, 'forbidden', 'This service group does not allow active messages on this channel', [
        { path: 'serviceGroupId', message: group.settings.receptiveOnly ? 'the group is receptive only' : `active send on ${channel.type} is off` },
      ]);
    }
    if (userId && !(await groupIdsOfUser(tx, ctx.workspaceId, userId)).includes(group.id)) {
      throw forbidden('You are not a member of this service group');
    }
    const contact = await findContact(tx, ctx.workspaceId, input.contactId);
    if (!contact || contact.status !== 'active') throw validationFailed([{ path: 'contactId', message: 'contact not found' }]);
    await recipientIdentity(tx, ctx, channel.id, contact);
    const body = input.template ? { template: input.template } : { text: input.text! };
    assertWindowOpen(await windowExpiry(tx, ctx.workspaceId, channel.id, contact.id), body);
    const now = new Date();

    let assignedNow = false;
    let c = await lockOpenConversation(tx, ctx.workspaceId, channel.id, contact.id);
    // ROUTE-4: a contact already in a conversation gets an active send only after the group's delay.
    const delay = c ? (group.timers.activeSendDelayMinutes ?? 0) : 0;
    const deliverAt = delay > 0 ? new Date(now.getTime() + delay * 60_000) : null;
    if (c && userId && c.status === 'active' && c.assigneeId !== userId) {
      throw conflict('Another agent is serving this contact on this channel', [{ path: 'contactId', message: 'served by another agent' }]);
    }
    if (!c) {
      const [ws] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
      if (userId) await assignToSender(tx, ctx, userId);
      c = await insertConversation(tx, {
        workspaceId: ctx.workspaceId,
        protocol: await nextProtocol(tx, ctx.workspaceId, ws.timeZone, now),
        channelId: channel.id,
        contactId: contact.id,
        serviceGroupId: group.id,
        status: userId ? 'active' : 'pending',
        priority: contact.priority,
        ...(userId ? { assigneeId: userId, assignedAt: now } : {}),
      });
      assignedNow = !!userId;
      await insertEvents(tx, [{ workspaceId: ctx.workspaceId, conversationId: c.id, type: userId ? 'assigned' : 'queued', toUserId: userId, toGroupId: group.id, actorUserId: userId, data: { active: true } }]);
    } else if (userId && c.status !== 'active') {
      await assignToSender(tx, ctx, userId);
      c = await updateConversation(tx, ctx.workspaceId, c.id, { status: 'active', assigneeId: userId, assignedAt: now, serviceGroupId: group.id });
      assignedNow = true;
      await insertEvents(tx, [{ workspaceId: ctx.workspaceId, conversationId: c.id, type: 'assigned', toUserId: userId, toGroupId: group.id, actorUserId: userId, data: { active: true } }]);
    }
    if (userId && assignedNow) {
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'conversation.assigned', payload: { conversationId: c.id, assigneeId: userId, previousAssigneeId: null, reason: 'active_send' } });
      await emitEvent(tx, { workspaceId: ctx.workspaceId, type: 'agent.updated', payload: { userId } });
    }

    const { text, content } = input.template
      ? await resolveTemplate(tx, ctx.workspaceId, channel.id, input.template)
      : { text: input.text!, content: null };
    const m = await insertMessage(tx, {
      workspaceId: ctx.workspaceId,
      conversationId: c.id,
      channelId: channel.id,
      direction: 'out',
      kind: 'message',
      authorUserId: userId,
      text,
      contentType: input.template ? 'template' : 'text',
      content,
      status: 'queued',
    });
    await updateConversation(tx, ctx.workspaceId, c.id, { lastMessageAt: m.createdAt, lastMessagePreview: previewOf(text, null) });
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'message.created',
      payload: { messageId: m.id, conversationId: c.id, direction: 'out', kind: 'message', ...(deliverAt ? { deliverAt: deliverAt.toISOString() } : {}) },
    });
    if (deliverAt) await armTimers(tx, [{ workspaceId: ctx.workspaceId, kind: DELAYED_SEND_TIMER, subjectId: m.id, dueAt: deliverAt, data: { conversationId: c.id } }]);
    return { conversationId: c.id, messageId: m.id, deliverAt };
  });
  const view = await findMessageView(ctx.db, ctx.workspaceId, result.messageId);
  return { conversationId: result.conversationId, message: presentMessage(view!), scheduledAt: result.deliverAt };
}

export const DELAYED_SEND_TIMER = 'outbound.delayed-send';

/** The delay passed: the message leaves through its channel like any other (`message.due`). */
export async function fireDelayedSends(rows: TimerRow[], tx: Executor) {
  await emitEvents(
    tx,
    rows.map((t) => ({ workspaceId: t.workspaceId, type: 'message.due', payload: { messageId: t.subjectId, conversationId: t.data.conversationId, direction: 'out', kind: 'message' } })),
  );
}
