import { can } from '@contracts/permissions';
import type { Deps } from '../../platform/context';
import type { OutboxDispatcher } from '../../platform/events/outbox';
import { supervisorsRoom } from '../conversations';
import type { TimerRunner } from '../../platform/timers/timers';
import { fireOpenings, ROUTING_OPENING_TIMER, ROUTING_REQUESTED, routeGroup } from './routing.service';
import { getAgentStatesFor } from './agent-state.service';

/**
 * Routing runs as an outbox handler: the pass, its assignments and the handler's "done"
 * mark commit together, and every worker process may take the event.
 */
export function registerRoutingListeners(outbox: OutboxDispatcher, deps: Deps) {
  // Many requests for a group (a burst of inbound messages) need one pass, not one each.
  outbox.onBatch(ROUTING_REQUESTED, 'routing.route-groups', async (events, tx) => {
    const groupIds = new Set(events.flatMap((e) => e.payload.serviceGroupIds as string[]));
    for (const groupId of groupIds) await routeGroup(tx, events[0].workspaceId, groupId);
  });
  // Every assignment and release announces its agent: a burst names the same agents many times,
  // and one current state each says it all.
  outbox.onBatch('agent.updated', 'realtime.agent-updated', async (events) => {
    const workspaceId = events[0].workspaceId;
    const states = await getAgentStatesFor(deps.db, workspaceId, [...new Set(events.map((e) => String(e.payload.userId)))]);
    for (const [userId, state] of states) {
      deps.realtime.toUser(workspaceId, userId, 'agent.updated', { state });
      deps.realtime.toRoom(supervisorsRoom(workspaceId), 'agent.updated', { userId, state });
    }
  }, { pushOnly: true });
}

/** Supervisors' sockets join the room that live supervision events go to. */
export function registerSupervisorSockets(deps: Deps) {
  deps.realtime.onConnection((socket) => {
    const p = socket.data.principal;
    if (can(p.role, 'supervision.view')) void socket.join(supervisorsRoom(p.workspaceId));
  });
}

/** ROUTE-5: groups closed by their business hours route again when they open. */
export function registerRoutingTimers(timers: TimerRunner) {
  timers.on(ROUTING_OPENING_TIMER, fireOpenings);
}
