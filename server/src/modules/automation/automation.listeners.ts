import type { OutboxDispatcher } from '../../platform/events/outbox';
import type { TimerRunner } from '../../platform/timers/timers';
import { onAssigned, onCreated, onMessages } from './automation.service';
import * as fire from './automation.timers';

const { TIMER } = fire;

/** Group automation reacts to what happened (outbox) and to its clock (timers). */
export function registerAutomation(outbox: OutboxDispatcher, timers: TimerRunner) {
  outbox.onBatch('conversation.created', 'automation.arrival', (events, tx) => onCreated(tx, events));
  outbox.onBatch('message.created', 'automation.activity', (events, tx) => onMessages(tx, events), { when: (e) => !e.payload.automatic });
  outbox.onBatch('conversation.assigned', 'automation.assigned', (events, tx) => onAssigned(tx, events));
  timers.on(TIMER.inactivityWarning, fire.fireInactivityWarnings);
  timers.on(TIMER.inactivityClose, fire.fireInactivityCloses);
  timers.on(TIMER.waitMessage, fire.fireWaitMessages);
  timers.on(TIMER.autoPending, fire.fireAutoPending);
  timers.on(TIMER.agentAnswer, fire.fireAgentAnswer);
  timers.on(TIMER.queuePosition, fire.fireQueuePositions);
  timers.on(TIMER.queueChanged, fire.fireQueueChanged);
  timers.on(TIMER.expirationWarning, fire.fireExpirationWarnings);
  timers.on(TIMER.partnerWarning, fire.firePartnerWarnings);
}
