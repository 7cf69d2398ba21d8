import type { Executor } from '../../platform/db/client';
import type { OutboxEvent } from '../../platform/events/outbox';
import { armTimers, cancelTimers, type ArmTimer, type TimerRow } from '../../platform/timers/timers';
import { findBusinessHours, isOpenAt, partOfDay } from '../business-hours';
import { closeForInactivity, sendAutomaticMessages, type AutomaticMessage } from '../conversations';
import { freeCapacity } from '../routing';
import { automationContexts, queuePosition, type AutomationContext } from './automation.repository';
import { INACTIVITY_WARNING, renderText } from './automation.texts';

export const TIMER = {
  inactivityWarning: 'automation.inactivity-warning',
  inactivityClose: 'automation.inactivity-close',
  waitMessage: 'automation.wait-message',
} as const;

const MINUTE = 60_000;
const OPEN = ['queued', 'active'];
const vars = (x: AutomationContext, queuePosition: number | null = null) => ({ contactName: x.contactName, protocol: x.conversation.protocol, agentName: x.agentName, queuePosition });
/** The queue position is counted only for texts that ask for it. */
const position = async (tx: Executor, x: AutomationContext, text: string) => (text.includes('queue.position') ? queuePosition(tx, x.conversation) : null);

/** ROUTE-4: inactivity close at 100% of the group's time from `at`, and its warning at X%. */
function inactivityTimers(x: AutomationContext, at: Date): ArmTimer[] {
  const { inactivityMinutes: minutes, inactivityWarningPercent: percent } = x.group.timers;
  if (!minutes || !OPEN.includes(x.conversation.status)) return [];
  const base = { workspaceId: x.conversation.workspaceId, subjectId: x.conversation.id };
  const list: ArmTimer[] = [{ ...base, kind: TIMER.inactivityClose, dueAt: new Date(at.getTime() + minutes * MINUTE) }];
  if (percent && percent > 0 && percent < 100) list.push({ ...base, kind: TIMER.inactivityWarning, dueAt: new Date(at.getTime() + (minutes * MINUTE * percent) / 100) });
  return list;
}

/**
 * Activity re-arms inactivity: every customer message, and the agent's too when the group's scope
 * is "both" (messages Atende sent by itself are not activity).
 */
export async function onMessages(tx: Executor, events: OutboxEvent[]) {
  const workspaceId = events[0].workspaceId;
  const relevant = events.filter((e) => e.payload.kind === 'message' && !e.payload.automatic);
  const contexts = await automationContexts(tx, workspaceId, relevant.map((e) => String(e.payload.conversationId)));
  const arm: ArmTimer[] = [];
  for (const e of relevant) {
    const x = contexts.get(String(e.payload.conversationId));
    if (!x) continue;
    // The message's own time (a provider's timestamp for WhatsApp), not when this handler ran.
    const at = typeof e.payload.at === 'string' ? new Date(e.payload.at) : e.createdAt;
    if (e.payload.direction === 'in' || x.group.timers.inactivityScope === 'both') arm.push(...inactivityTimers(x, at));
  }
  // A conversation whose warning went out and then saw activity must not keep the old warning.
  const ids = [...new Set(arm.map((t) => t.subjectId))];
  await cancelTimers(tx, workspaceId, [TIMER.inactivityWarning], ids);
  await armTimers(tx, arm);
}

/**
 * A new conversation (ROUTE-5/6, CHAN-6): out of the channel's (or group's) business hours it gets
 * the out-of-hours message; otherwise, when nobody can take it now, the no-agent message — once.
 * Either way it waits in the queue, with the wait message repeating while it does.
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
    if (x.channel.waitMessage && x.channel.waitMessageIntervalMinutes > 0) {
      arm.push({ workspaceId, kind: TIMER.waitMessage, subjectId: x.conversation.id, dueAt: new Date(at.getTime() + x.channel.waitMessageIntervalMinutes * MINUTE) });
    }
    arm.push(...inactivityTimers(x, at));
  }
  await sendAutomaticMessages(tx, workspaceId, send, events[0].createdAt);
  await armTimers(tx, arm);
}

/**
 * An agent took a conversation from the queue (CHAN-6): the greeting for the part of the day it
 * happened in, and the wait message stops.
 */
export async function onAssigned(tx: Executor, events: OutboxEvent[]) {
  const workspaceId = events[0].workspaceId;
  const fromQueue = events.filter((e) => e.payload.reason === 'queue');
  const contexts = await automationContexts(tx, workspaceId, fromQueue.map((e) => String(e.payload.conversationId)));
  const send: AutomaticMessage[] = [];
  for (const e of fromQueue) {
    const x = contexts.get(String(e.payload.conversationId));
    if (!x || x.conversation.status !== 'active') continue;
    const g = x.channel.greeting;
    const text = g[partOfDay(e.createdAt, x.timeZone, g)] || g.text;
    if (text) send.push({ conversationId: x.conversation.id, text: renderText(text, vars(x)), purpose: 'greeting' });
  }
  await cancelTimers(tx, workspaceId, [TIMER.waitMessage], events.map((e) => String(e.payload.conversationId)));
  if (send.length) await sendAutomaticMessages(tx, workspaceId, send, fromQueue[0].createdAt);
}

/** Timers fire by workspace: each batch of one kind is handled per workspace. */
function byWorkspace(rows: TimerRow[]) {
  const by = new Map<string, TimerRow[]>();
  for (const r of rows) by.set(r.workspaceId, [...(by.get(r.workspaceId) ?? []), r]);
  return by;
}

export async function fireInactivityWarnings(rows: TimerRow[], tx: Executor, now: Date) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    const contexts = await automationContexts(tx, workspaceId, list.map((t) => t.subjectId));
    const send = [...contexts.values()]
      .filter((x) => OPEN.includes(x.conversation.status))
      .map((x) => ({ conversationId: x.conversation.id, text: INACTIVITY_WARNING, purpose: 'inactivity_warning' }));
    await sendAutomaticMessages(tx, workspaceId, send, now);
  }
}

export async function fireInactivityCloses(rows: TimerRow[], tx: Executor, now: Date) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    const closed = await closeForInactivity(tx, workspaceId, list.map((t) => t.subjectId), now);
    await cancelTimers(tx, workspaceId, Object.values(TIMER), closed);
  }
}

/** ROUTE-6: while it is still queued, the wait message again, and again at its interval. */
export async function fireWaitMessages(rows: TimerRow[], tx: Executor, now: Date) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    const contexts = await automationContexts(tx, workspaceId, list.map((t) => t.subjectId));
    const waiting = [...contexts.values()].filter((x) => x.conversation.status === 'queued' && x.channel.waitMessage && x.channel.waitMessageIntervalMinutes > 0);
    const send: AutomaticMessage[] = [];
    for (const x of waiting) send.push({ conversationId: x.conversation.id, text: renderText(x.channel.waitMessage, vars(x, await position(tx, x, x.channel.waitMessage))), purpose: 'wait' });
    await sendAutomaticMessages(tx, workspaceId, send, now);
    await armTimers(
      tx,
      waiting.map((x) => ({ workspaceId, kind: TIMER.waitMessage, subjectId: x.conversation.id, dueAt: new Date(now.getTime() + x.channel.waitMessageIntervalMinutes * MINUTE) })),
    );
  }
}
