import type { Executor } from '../../platform/db/client';
import type { OutboxEvent } from '../../platform/events/outbox';
import { armTimers, cancelTimers, type ArmTimer } from '../../platform/timers/timers';
import { findBusinessHours, isOpenAt, partOfDay } from '../business-hours';
import { sendAutomaticMessages, type AutomaticMessage } from '../conversations';
import { freeCapacity } from '../routing';
import { automationContexts, type AutomationContext } from './automation.repository';
import { renderText } from './automation.texts';
import { MINUTE, OPEN, position, TIMER, vars } from './automation.timers';

/** A queue that moved is told after this pause, so a burst of assignments makes one notice each. */
export const QUEUE_NOTICE_DELAY_MS = 30_000;

const after = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);
const armFor = (x: AutomationContext, kind: string, dueAt: Date, data?: Record<string, unknown>): ArmTimer => ({
  workspaceId: x.conversation.workspaceId, kind, subjectId: x.conversation.id, dueAt, ...(data ? { data } : {}),
});

/** ROUTE-4: inactivity close at 100% of the group's time from `at`, and its warning at X%. */
function inactivityTimers(x: AutomationContext, at: Date): ArmTimer[] {
  const { inactivityMinutes: minutes, inactivityWarningPercent: percent } = x.group.timers;
  if (!minutes || !OPEN.includes(x.conversation.status)) return [];
  const list = [armFor(x, TIMER.inactivityClose, after(at, minutes))];
  if (percent && percent > 0 && percent < 100) list.push(armFor(x, TIMER.inactivityWarning, after(at, (minutes * percent) / 100)));
  return list;
}

/** ROUTE-3: an active conversation goes to pending N minutes after the customer's last word (or its arrival at the agent). */
function autoPendingTimer(x: AutomationContext, at: Date): ArmTimer[] {
  const minutes = x.group.timers.autoPendingMinutes;
  return minutes && x.conversation.status === 'active' ? [armFor(x, TIMER.autoPending, after(at, minutes))] : [];
}

/**
 * Where the channel has a reply window (WhatsApp's 24 h): the group's partner warning N minutes
 * before it closes, and the channel's expiration warning for conversations left pending.
 */
function windowTimers(x: AutomationContext): ArmTimer[] {
  const closes = x.conversation.windowExpiresAt;
  if (!closes) return [];
  const list: ArmTimer[] = [];
  const partner = x.group.timers.partnerInactivityWarningMinutes;
  if (partner) list.push(armFor(x, TIMER.partnerWarning, after(closes, -partner)));
  const { expirationWarningMessage: text, expirationWarningMinutes: minutes } = x.channel;
  if (text && minutes > 0) list.push(armFor(x, TIMER.expirationWarning, after(closes, -minutes)));
  return list;
}

/**
 * Messages re-arm the clocks: a customer's restarts inactivity, automatic pending and the window
 * warnings; an agent's restarts inactivity when the group's scope is "both" and ends the answer
 * time. Messages Atende sent by itself are not activity.
 */
export async function onMessages(tx: Executor, events: OutboxEvent[]) {
  const workspaceId = events[0].workspaceId;
  const relevant = events.filter((e) => e.payload.kind === 'message' && !e.payload.automatic);
  const contexts = await automationContexts(tx, workspaceId, relevant.map((e) => String(e.payload.conversationId)));
  const arm: ArmTimer[] = [];
  const answered: string[] = [];
  for (const e of relevant) {
    const x = contexts.get(String(e.payload.conversationId));
    if (!x) continue;
    // The message's own time (a provider's timestamp for WhatsApp), not when this handler ran.
    const at = typeof e.payload.at === 'string' ? new Date(e.payload.at) : e.createdAt;
    if (e.payload.direction === 'in') arm.push(...inactivityTimers(x, at), ...autoPendingTimer(x, at), ...windowTimers(x));
    else {
      answered.push(x.conversation.id);
      if (x.group.timers.inactivityScope === 'both') arm.push(...inactivityTimers(x, at));
    }
  }
  // A conversation whose warning went out and then saw activity must not keep the old warning.
  await cancelTimers(tx, workspaceId, [TIMER.inactivityWarning], [...new Set(arm.map((t) => t.subjectId))]);
  await cancelTimers(tx, workspaceId, [TIMER.agentAnswer], answered);
  await armTimers(tx, arm);
}

/**
 * A new conversation (ROUTE-5/6, CHAN-6): out of the channel's (or group's) business hours it gets
 * the out-of-hours message; otherwise, when nobody can take it now, the no-agent message — once.
 * Either way it waits in the queue, with the wait message and queue position repeating while it does.
 * An inactive contact's (closed on arrival, CONT-1) gets the channel's notice instead.
 */
export async function onCreated(tx: Executor, events: OutboxEvent[]) {
  const workspaceId = events[0].workspaceId;
  const contexts = await automationContexts(tx, workspaceId, events.map((e) => String(e.payload.conversationId)));
  const capacity = new Map<string, number>();
  const schedules = new Map<string, Awaited<ReturnType<typeof findBusinessHours>>>();
  const send: AutomaticMessage[] = [];
  const arm: ArmTimer[] = [];
  for (const e of events) {
    const x = contexts.get(String(e.payload.conversationId));
    if (x?.contactStatus === 'inactive' && x.conversation.status === 'closed' && x.channel.inactiveContactMessage) {
      send.push({ conversationId: x.conversation.id, text: renderText(x.channel.inactiveContactMessage, vars(x)), purpose: 'inactive_contact' });
    }
    if (!x || x.conversation.status !== 'queued') continue;
    const at = x.conversation.queuedAt ?? e.createdAt;
    const hoursId = x.channel.businessHoursId ?? x.group.settings.businessHoursId;
    // A burst shares few schedules: each is read once per batch.
    if (hoursId && !schedules.has(hoursId)) schedules.set(hoursId, await findBusinessHours(tx, workspaceId, hoursId));
    const hours = hoursId ? schedules.get(hoursId) : null;
    const open = !hours || hours.status !== 'active' || isOpenAt(hours, at);
    if (!open) {
      const text = x.channel.outOfHoursMessage;
      if (text) send.push({ conversationId: x.conversation.id, text: renderText(text, vars(x, await position(tx, x, text))), purpose: 'out_of_hours' });
    } else if (x.channel.noAgentMessage) {
      const groupId = x.conversation.serviceGroupId;
      if (!capacity.has(groupId)) capacity.set(groupId, await freeCapacity(tx, workspaceId, groupId, at));
      const text = x.channel.noAgentMessage;
      if (capacity.get(groupId)! <= 0) send.push({ conversationId: x.conversation.id, text: renderText(text, vars(x, await position(tx, x, text))), purpose: 'no_agent' });
      else capacity.set(groupId, capacity.get(groupId)! - 1);
    }
    if (x.channel.waitMessage && x.channel.waitMessageIntervalMinutes > 0) arm.push(armFor(x, TIMER.waitMessage, after(at, x.channel.waitMessageIntervalMinutes)));
    const period = x.group.timers.queuePositionMinutes;
    if (x.channel.queuePositionMessage && period) arm.push(armFor(x, TIMER.queuePosition, after(at, period)));
    arm.push(...inactivityTimers(x, at));
  }
  await sendAutomaticMessages(tx, workspaceId, send, events[0].createdAt);
  await armTimers(tx, arm);
}

/**
 * A conversation reached an agent: the greeting for the part of the day when it came from the
 * queue (CHAN-6); the queue's clocks stop; the agent's answer time and automatic pending start;
 * and the group's queue moved, so the others' positions are told (ROUTE-3 on change).
 */
export async function onAssigned(tx: Executor, events: OutboxEvent[]) {
  const workspaceId = events[0].workspaceId;
  const contexts = await automationContexts(tx, workspaceId, events.map((e) => String(e.payload.conversationId)));
  const send: AutomaticMessage[] = [];
  const arm: ArmTimer[] = [];
  const movedQueues: ArmTimer[] = [];
  for (const e of events) {
    const x = contexts.get(String(e.payload.conversationId));
    if (!x || x.conversation.status !== 'active' || x.conversation.assigneeId !== e.payload.assigneeId) continue;
    const at = x.conversation.assignedAt ?? e.createdAt;
    if (e.payload.reason === 'queue') {
      const g = x.channel.greeting;
      const text = g[partOfDay(e.createdAt, x.timeZone, g)] || g.text;
      if (text) send.push({ conversationId: x.conversation.id, text: renderText(text, vars(x)), purpose: 'greeting' });
    }
    // The agent who started the conversation (active send) is already answering it.
    const answerMinutes = x.group.timers.agentAnswerMinutes;
    if (answerMinutes && e.payload.reason !== 'active_send') arm.push(armFor(x, TIMER.agentAnswer, after(at, answerMinutes), { assigneeId: x.conversation.assigneeId }));
    arm.push(...autoPendingTimer(x, at));
    if (!x.group.timers.queuePositionMinutes) {
      movedQueues.push({ workspaceId, kind: TIMER.queueChanged, subjectId: x.conversation.serviceGroupId, dueAt: new Date(e.createdAt.getTime() + QUEUE_NOTICE_DELAY_MS) });
    }
  }
  await cancelTimers(tx, workspaceId, [TIMER.waitMessage, TIMER.queuePosition], events.map((e) => String(e.payload.conversationId)));
  await sendAutomaticMessages(tx, workspaceId, send, events[0].createdAt);
  await armTimers(tx, arm);
  await armTimers(tx, movedQueues, { keepEarlier: true });
}
