import { can } from '@contracts/permissions';
import type { Deps } from '../../platform/context';
import { userRoom } from '../../platform/realtime/realtime';
import { findAgentState } from './routing.repository';
import { setPresenceOf } from './agent-state.service';

export const DISCONNECT_JOB = 'agent.disconnected';
/** A reload or a brief network drop must not cost the agent their conversations. */
export const DISCONNECT_GRACE_S = 60;

/**
 * Presence follows the workspace connection: when an online agent's last socket (in any
 * process) goes away and does not come back within the grace period, the agent goes offline
 * and their conversations are redistributed or closed (ROUTE-3 "redirect on disconnect").
 */
export function registerAgentSockets(deps: Deps) {
  deps.realtime.onConnection((socket) => {
    const p = socket.data.principal;
    if (!p.userId || !can(p.role, 'serving.use')) return;
    void deps.jobs.cancelKey(DISCONNECT_JOB, p.userId).catch(() => {});
    socket.on('disconnect', () => {
      void deps.jobs
        .rearm(DISCONNECT_JOB, p.userId!, { workspaceId: p.workspaceId, userId: p.userId }, { startAfter: DISCONNECT_GRACE_S })
        .catch(() => {});
    });
  });
}

export async function defineAgentSocketJobs(deps: Deps) {
  await deps.jobs.define<{ workspaceId: string; userId: string }>(
    DISCONNECT_JOB,
    async ({ workspaceId, userId }) => {
      const sockets = await deps.realtime.io.in(userRoom(workspaceId, userId)).fetchSockets();
      if (sockets.length) return;
      const state = await findAgentState(deps.db, workspaceId, userId);
      if (state?.presence !== 'online') return;
      await setPresenceOf(deps.db, workspaceId, userId, 'offline');
    },
    { policy: 'short' },
  );
}
