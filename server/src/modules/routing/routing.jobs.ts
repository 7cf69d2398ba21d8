import type { Deps } from '../../platform/context';
import { endPause, PAUSE_END_JOB } from './agent-state.service';

/** The durable timer that ends a pause (ROUTE-7): keyed by agent, re-armed by a new pause. */
export async function defineRoutingJobs(deps: Deps) {
  await deps.jobs.define<{ workspaceId: string; userId: string }>(
    PAUSE_END_JOB,
    async (data) => endPause(deps.db, data.workspaceId, data.userId, false),
    { policy: 'short' },
  );
}
