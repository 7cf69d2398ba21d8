import type { Deps } from '../../platform/context';
import type { OutboxDispatcher } from '../../platform/events/outbox';

/**
 * Ends live connections when access ends. Through the outbox, so the disconnect happens
 * only after the deactivation committed, and reaches sockets held by any process.
 */
export function registerAuthListeners(outbox: OutboxDispatcher, deps: Deps) {
  outbox.on('user.access_revoked', 'auth.disconnect-user', async (e) => {
    deps.realtime.disconnectUser(e.workspaceId, String(e.payload.userId));
  });
  outbox.on('session.ended', 'auth.disconnect-session', async (e) => {
    deps.realtime.disconnectSession(String(e.payload.sessionId));
  });
}
