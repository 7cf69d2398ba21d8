import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../lib/api';
import { notifyError } from '../../lib/errors';
import { useRealtimeConnect, useRealtimeEvent } from '../../lib/realtime';
import i18n from '../../lib/i18n';
import type { AgentState, PauseReason } from './types';

export const AGENT_STATE_KEY = ['agent-state'] as const;
export const PAUSE_REASONS_KEY = ['pause-reasons', 'active'] as const;

export function useAgentState(enabled = true) {
  return useQuery({
    queryKey: AGENT_STATE_KEY,
    queryFn: ({ signal }) => api.get<AgentState>('/api/v1/me/agent-state', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * Keeps the cached state in step with the server: routing, automatic pause ends and other
 * tabs change it too. Supervisors also receive every agent's state, tagged with its `userId`;
 * the agent's own copy comes without one.
 */
export function useAgentStateSync(userId: string) {
  const queryClient = useQueryClient();
  useRealtimeEvent<{ userId?: string; state: AgentState }>('agent.updated', (payload) => {
    if (!payload?.state) return;
    if (!payload.userId || payload.userId === userId) queryClient.setQueryData(AGENT_STATE_KEY, payload.state);
  });
  // The load (active/max) changes with every assignment, transfer and close.
  const refetch = () => void queryClient.invalidateQueries({ queryKey: AGENT_STATE_KEY });
  useRealtimeEvent('conversation.assigned', refetch);
  useRealtimeEvent('conversation.removed', refetch);
  useRealtimeConnect(refetch);
}

/** Active pause reasons; the list endpoint may answer a page or a plain array. */
export function usePauseReasons(enabled: boolean) {
  return useQuery({
    queryKey: PAUSE_REASONS_KEY,
    queryFn: async ({ signal }) => {
      const res = await api.get<Page<PauseReason> | PauseReason[]>('/api/v1/pause-reasons?status=active&limit=200', { signal });
      const items = Array.isArray(res) ? res : res.items;
      return items.filter((r) => r.status !== 'inactive');
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

type StateChange = { kind: 'presence'; status: 'online' | 'offline' } | { kind: 'pause'; reasonId?: string } | { kind: 'resume' };

function changeState(change: StateChange): Promise<AgentState> {
  if (change.kind === 'presence') return api.put<AgentState>('/api/v1/me/presence', { status: change.status });
  if (change.kind === 'pause') return api.post<AgentState>('/api/v1/me/pause', change.reasonId ? { reasonId: change.reasonId } : {});
  return api.delete<AgentState>('/api/v1/me/pause');
}

export function useChangeAgentState() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeState,
    onSuccess: (state) => {
      // Older servers answered a pause with `{ pausedUntil }` only: refetch unless the full state came back.
      if (state && typeof state === 'object' && 'presence' in state) queryClient.setQueryData(AGENT_STATE_KEY, state);
      else void queryClient.invalidateQueries({ queryKey: AGENT_STATE_KEY });
    },
    onError: (err) => notifyError(err, i18n.t, i18n.t('inbox.status.changeFailed')),
  });
}
