import type { Executor } from '../../platform/db/client';
import { armTimers, cancelTimers, type TimerRow } from '../../platform/timers/timers';
import { moveByClock, sendAutomaticMessages, type AutomaticMessage } from '../conversations';
import { answeredSinceAssignment, automationContexts, groupQueueNotices, markQueuePositionsNotified, queuePosition, type AutomationContext } from './automation.repository';
import { INACTIVITY_WARNING, renderText } from './automation.texts';

export const TIMER = {
  inactivityWarning: 'automation.inactivity-warning',
  inactivityClose: 'automation.inactivity-close',
  waitMessage: 'automation.wait-message',
  autoPending: 'automation.auto-pending',
  agentAnswer: 'automation.agent-answer',
  queuePosition: 'automation.queue-position',
  expirationWarning: 'automation.expiration-warning',
  partnerWarning: 'automation.partner-warning',
  /** Per service group, not per conversation: its queue moved, tell whose position changed. */
  queueChanged: 'automation.queue-changed',
} as const;

export const MINUTE = 60_000;
export const OPEN = ['queued', 'active'];
/** Timers that mean nothing once a conversation left service (closed, pending, expired). */
export const SERVICE_TIMERS = [TIMER.inactivityWarning, TIMER.inactivityClose, TIMER.waitMessage, TIMER.autoPending, TIMER.agentAnswer, TIMER.queuePosition, TIMER.partnerWarning];

export const vars = (x: AutomationContext, queuePosition: number | null = null) => ({ contactName: x.contactName, protocol: x.conversation.protocol, agentName: x.agentName, queuePosition });
/** The queue position is counted only for texts that ask for it. */
export const position = async (tx: Executor, x: AutomationContext, text: string) => (text.includes('queue.position') ? queuePosition(tx, x.conversation) : null);

/** Timers fire by workspace: each batch of one kind is handled per workspace. */
function byWorkspace(rows: TimerRow[]) {
  const by = new Map<string, TimerRow[]>();
  for (const r of rows) by.set(r.workspaceId, [...(by.get(r.workspaceId) ?? []), r]);
  return by;
}

/** The timers' conversations as automation sees them, per workspace. */
async function* contextsOf(rows: TimerRow[], tx: Executor) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    yield { workspaceId, list, contexts: await automationContexts(tx, workspaceId, list.map((t) => t.subjectId)) };
  }
}

/** Sends one text to each conversation that passes `when` (the state may have moved since arming). */
function sendWhere(rows: TimerRow[], purpose: string, when: (x: AutomationContext) => string | null) {
  return async (tx: Executor, now: Date) => {
    for await (const { workspaceId, contexts } of contextsOf(rows, tx)) {
      const send: AutomaticMessage[] = [];
      for (const x of contexts.values()) {
        const text = when(x);
        if (text) send.push({ conversationId: x.conversation.id, text: renderText(text, vars(x)), purpose });
      }
      await sendAutomaticMessages(tx, workspaceId, send, now);
    }
  };
}

const windowOpen = (x: AutomationContext, now: Date) => !!x.conversation.windowExpiresAt && x.conversation.windowExpiresAt > now;

export const fireInactivityWarnings = (rows: TimerRow[], tx: Executor, now: Date) =>
  sendWhere(rows, 'inactivity_warning', (x) => (OPEN.includes(x.conversation.status) ? INACTIVITY_WARNING : null))(tx, now);

/** ROUTE-4 partner warning: the WhatsApp session is about to end while the conversation is in service. */
export const firePartnerWarnings = (rows: TimerRow[], tx: Executor, now: Date) =>
  sendWhere(rows, 'partner_warning', (x) => (OPEN.includes(x.conversation.status) && windowOpen(x, now) ? INACTIVITY_WARNING : null))(tx, now);

/** CHAN-6 / AGENT-5: a pending conversation is about to expire; the customer may still answer. */
export const fireExpirationWarnings = (rows: TimerRow[], tx: Executor, now: Date) =>
  sendWhere(rows, 'expiration_warning', (x) => (x.conversation.status === 'pending' && windowOpen(x, now) ? x.channel.expirationWarningMessage || null : null))(tx, now);

export async function fireInactivityCloses(rows: TimerRow[], tx: Executor, now: Date) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    const closed = await moveByClock(tx, workspaceId, list.map((t) => t.subjectId), now, 'close', 'inactivity');
    await cancelTimers(tx, workspaceId, Object.values(TIMER), closed.map((c) => c.id));
  }
}

/** ROUTE-3: an active conversation whose customer has been silent for the group's minutes goes to pending. */
export async function fireAutoPending(rows: TimerRow[], tx: Executor, now: Date) {
  for await (const { workspaceId, contexts } of contextsOf(rows, tx)) {
    const due = [...contexts.values()].filter((x) => {
      const minutes = x.group.timers.autoPendingMinutes;
      const c = x.conversation;
      const since = Math.max(c.lastCustomerMessageAt?.getTime() ?? 0, c.assignedAt?.getTime() ?? 0);
      return c.status === 'active' && !!minutes && since + minutes * MINUTE <= now.getTime();
    });
    const moved = await moveByClock(tx, workspaceId, due.map((x) => x.conversation.id), now, 'pending', 'auto_pending');
    await cancelTimers(tx, workspaceId, SERVICE_TIMERS, moved.map((c) => c.id));
  }
}

/**
 * ROUTE-4 agent answer time: the agent who received the conversation has not written since; it
 * goes back to the queue and routing will not offer it to them again.
 */
export async function fireAgentAnswer(rows: TimerRow[], tx: Executor, now: Date) {
  for await (const { workspaceId, list, contexts } of contextsOf(rows, tx)) {
    const armedFor = new Map(list.map((t) => [t.subjectId, t.data.assigneeId]));
    const still = [...contexts.values()].filter((x) => x.conversation.status === 'active' && x.conversation.assigneeId === armedFor.get(x.conversation.id));
    const answered = await answeredSinceAssignment(tx, workspaceId, still.map((x) => x.conversation.id));
    const moved = await moveByClock(tx, workspaceId, still.filter((x) => !answered.has(x.conversation.id)).map((x) => x.conversation.id), now, 'requeue', 'agent_no_answer');
    await cancelTimers(tx, workspaceId, [TIMER.autoPending], moved.map((c) => c.id));
  }
}

/** ROUTE-6: while it is still queued, the wait message again, and again at its interval. */
export async function fireWaitMessages(rows: TimerRow[], tx: Executor, now: Date) {
  await repeatWhileQueued(rows, tx, now, TIMER.waitMessage, 'wait', (x) => (x.channel.waitMessageIntervalMinutes > 0 ? { text: x.channel.waitMessage, minutes: x.channel.waitMessageIntervalMinutes } : null));
}

/** ROUTE-3 by period: the queue position every N minutes of the group while queued. */
export async function fireQueuePositions(rows: TimerRow[], tx: Executor, now: Date) {
  await repeatWhileQueued(rows, tx, now, TIMER.queuePosition, 'queue_position', (x) => {
    const minutes = x.group.timers.queuePositionMinutes;
    return minutes ? { text: x.channel.queuePositionMessage, minutes } : null;
  });
}

async function repeatWhileQueued(
  rows: TimerRow[], tx: Executor, now: Date, kind: string, purpose: string,
  rule: (x: AutomationContext) => { text: string; minutes: number } | null,
) {
  for await (const { workspaceId, contexts } of contextsOf(rows, tx)) {
    const send: AutomaticMessage[] = [];
    const arm = [];
    for (const x of contexts.values()) {
      const r = rule(x);
      if (x.conversation.status !== 'queued' || !r || !r.text) continue;
      send.push({ conversationId: x.conversation.id, text: renderText(r.text, vars(x, await position(tx, x, r.text))), purpose });
      arm.push({ workspaceId, kind, subjectId: x.conversation.id, dueAt: new Date(now.getTime() + r.minutes * MINUTE) });
    }
    await sendAutomaticMessages(tx, workspaceId, send, now);
    await armTimers(tx, arm);
  }
}

/**
 * ROUTE-3 on change (the group has no period): every queued customer whose place moved since
 * they were last told hears the new one, from one query over the group's queue.
 */
export async function fireQueueChanged(rows: TimerRow[], tx: Executor, now: Date) {
  for (const [workspaceId, list] of byWorkspace(rows)) {
    const notices = await groupQueueNotices(tx, workspaceId, list.map((t) => t.subjectId));
    const changed = notices.filter((n) => n.position !== n.notified);
    await sendAutomaticMessages(
      tx,
      workspaceId,
      changed.map((n) => ({ conversationId: n.conversationId, text: renderText(n.text, { contactName: n.contactName, protocol: n.protocol, agentName: null, queuePosition: n.position }), purpose: 'queue_position' })),
      now,
    );
    await markQueuePositionsNotified(tx, workspaceId, changed);
  }
}
