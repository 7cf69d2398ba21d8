import type { Strategy } from '@contracts/serving';

/** What routing knows about one member agent when it picks who gets the next conversation. */
export interface AgentCandidate {
  userId: string;
  online: boolean;
  paused: boolean;
  withinWorkHours: boolean;
  /** Conversations the agent is serving now, in every group (the limit is per agent). */
  active: number;
  maxConversations: number;
  /** USER-3: higher gets more conversations under the priority strategy. */
  priority: number;
  /** Last conversation received from a queue; transfers do not count. null = never. */
  lastQueueAssignmentAt: Date | null;
  /** Time in service today (workspace time zone), seconds. */
  handlingSecondsToday: number;
  /** Conversations received today (workspace time zone). */
  conversationsToday: number;
}

/** ROUTE-2: never above the simultaneous limit, never paused, offline or off-hours. */
export function isEligible(a: AgentCandidate): boolean {
  return a.online && !a.paused && a.withinWorkHours && a.active < a.maxConversations;
}

const idleTime = (a: AgentCandidate) => a.lastQueueAssignmentAt?.getTime() ?? -Infinity;

/** Longest without a queue conversation first (never = first), then a stable order by id. */
function byLongestIdle(a: AgentCandidate, b: AgentCandidate): number {
  return idleTime(a) - idleTime(b) || a.userId.localeCompare(b.userId);
}

function best(agents: AgentCandidate[], compare: (a: AgentCandidate, b: AgentCandidate) => number) {
  return [...agents].sort((a, b) => compare(a, b) || byLongestIdle(a, b))[0];
}

/**
 * The agent the group's strategy gives the next conversation to, or null when nobody may
 * take one. Ties are broken by who has gone longest without a queue conversation, then by id,
 * so the same state always gives the same answer (random excepted).
 */
export function chooseAgent(
  strategy: Strategy,
  candidates: AgentCandidate[],
  opts: { lastAssignedUserId: string | null; random?: () => number },
): string | null {
  const eligible = candidates.filter(isEligible);
  if (!eligible.length) return null;
  switch (strategy) {
    case 'circular': {
      // Round robin over the logged-in agents in a fixed order: the next one after the
      // agent who received the group's last conversation, wrapping around.
      const ring = [...eligible].sort((a, b) => a.userId.localeCompare(b.userId));
      const last = opts.lastAssignedUserId;
      return (last ? ring.find((a) => a.userId > last) : undefined)?.userId ?? ring[0].userId;
    }
    case 'random': {
      const r = (opts.random ?? Math.random)();
      return eligible[Math.min(eligible.length - 1, Math.floor(r * eligible.length))].userId;
    }
    case 'priority':
      return best(eligible, (a, b) => b.priority - a.priority).userId;
    case 'least_handling_time':
      return best(eligible, (a, b) => a.handlingSecondsToday - b.handlingSecondsToday).userId;
    case 'least_conversations':
      return best(eligible, (a, b) => a.conversationsToday - b.conversationsToday).userId;
    case 'longest_idle':
      return best(eligible, () => 0).userId;
  }
}
