import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../lib/api';
import { useRealtimeInvalidate } from '../../lib/realtime';
import type { Conversation } from '../serving/types';

export interface GroupOverview {
  id: string;
  name: string;
  queued: number;
  longestWaitSeconds: number;
  active: number;
  agentsOnline: number;
  agentsPaused: number;
}

export interface AgentOverview {
  id: string;
  displayName: string;
  presence: 'online' | 'offline';
  pausedUntil: string | null;
  pauseReasonName: string | null;
  activeCount: number;
  maxConversations: number;
  serviceGroupIds: string[];
  lastQueueAssignmentAt: string | null;
}

export interface Overview {
  groups: GroupOverview[];
  agents: AgentOverview[];
  generatedAt: string;
}

const OVERVIEW_KEY = ['supervision', 'overview'] as const;
const WAITING_KEY = ['supervision', 'waiting'] as const;
/** Events can be missed while a laptop sleeps; a slow refresh is the safety net, not the source. */
const SAFETY_REFRESH_MS = 30_000;

export function useSupervisionLive(canListConversations: boolean) {
  useRealtimeInvalidate(['queue.updated', 'agent.updated', 'conversation.updated'], [OVERVIEW_KEY, WAITING_KEY]);
  const overview = useQuery({
    queryKey: OVERVIEW_KEY,
    queryFn: ({ signal }) => api.get<Overview>('/api/v1/supervision/overview', { signal }),
    refetchInterval: SAFETY_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  // The longest-waiting first: the queue as the routing engine serves it.
  const waiting = useQuery({
    queryKey: WAITING_KEY,
    queryFn: ({ signal }) => api.get<Page<Conversation>>(`/api/v1/conversations${query({ status: 'queued', limit: 50 })}`, { signal }),
    refetchInterval: SAFETY_REFRESH_MS,
    placeholderData: keepPreviousData,
    // GET /conversations needs serving.use: a supervisor who does not serve sees the groups instead.
    enabled: canListConversations,
  });
  return { overview, waiting };
}
