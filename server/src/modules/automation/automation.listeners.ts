import type { OutboxDispatcher } from '../../platform/events/outbox';
import type { TimerRunner } from '../../platform/timers/timers';
import { fireInactivityCloses, fireInactivityWarnings, fireWaitMessages, onAssigned, onCreated, onMessages, TIMER } from './automation.service';

/** Group automation reacts to what happened (outbox) and to its clock (timers). */
export function registerAutomation(outbox: OutboxDispatcher, timers: TimerRunner) {
  outbox.onBatch('conversation.created', 'automation.arrival', (events, tx) => onCreated(tx, events));
  outbox.onBatch('message.created', 'automation.activity', (events, tx) => onMessages(tx, events), { when: (e) => !e.payload.automatic });
  outbox.onBatch('conversation.assigned', 'automation.greeting', (events, tx) => onAssigned(tx, events));
  timers.on(TIMER.inactivityWarning, fireInactivityWarnings);
  timers.on(TIMER.inactivityClose, fireInactivityCloses);
  timers.on(TIMER.waitMessage, fireWaitMessages);
}
