import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts, updatedAt } from '../../platform/db/columns';
import { workspaces } from '../workspaces/workspace.schema';
import { users } from '../users/user.schema';
import { pauseReasons } from '../pause-reasons/pause-reason.schema';

/**
 * An agent's live state for routing (ROUTE-2, ROUTE-7). The row is also the lock that keeps
 * two routing passes of different groups from filling the same agent past the limit.
 */
export const agentStates = pgTable(
  'agent_states',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    presence: text('presence', { enum: ['online', 'offline'] }).notNull().default('offline'),
    pausedUntil: ts('paused_until'),
    pauseReasonId: uuid('pause_reason_id').references(() => pauseReasons.id),
    /** Last conversation received from a queue (transfers do not count): longest-idle strategy. */
    lastQueueAssignmentAt: ts('last_queue_assignment_at'),
    onlineSince: ts('online_since'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('agent_states_presence_idx').on(t.workspaceId, t.presence)],
);
