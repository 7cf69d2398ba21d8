import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServiceGroupSettings, ServiceGroupTimers, Strategy } from '@contracts/serving';
import { api, query, type Page } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export interface ServiceGroup {
  id: string;
  name: string;
  operationId: string | null;
  strategy: Strategy;
  settings: ServiceGroupSettings;
  timers: ServiceGroupTimers;
  agentIds: string[];
  transferGroupIds: string[];
  surveyId: string | null;
  surveyRequired: boolean;
  classificationId: string | null;
  classificationRequired: boolean;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export type ServiceGroupBody = Partial<Omit<ServiceGroup, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'settings' | 'timers'>> & {
  settings?: DeepPartial<ServiceGroupSettings>;
  timers?: Partial<ServiceGroupTimers>;
};

export interface ServiceGroupFilters {
  q: string;
  status: StatusFilterValue;
}

const KEY = 'service-groups';
const PATH = '/api/v1/service-groups';

export function useServiceGroupsList(filters: ServiceGroupFilters) {
  return useCursorList<ServiceGroup>([KEY, 'list', filters], PATH, { q: filters.q.trim(), status: statusParam(filters.status) });
}

/** Every group for pickers (user form, transfers, canned responses, channels): 200 is the API's page maximum. */
export function useServiceGroupOptions(enabled = true) {
  return useQuery({
    queryKey: [KEY, 'options'],
    queryFn: () => api.get<Page<ServiceGroup>>(`${PATH}${query({ limit: 200 })}`),
    enabled,
    staleTime: 60_000,
  });
}

export function useServiceGroup(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: () => api.get<ServiceGroup>(`${PATH}/${id}`),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

export function useSaveServiceGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ServiceGroupBody }) =>
      id ? api.patch<ServiceGroup>(`${PATH}/${id}`, body) : api.post<ServiceGroup>(PATH, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [KEY] });
      // Memberships show on the users' side too.
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useSetServiceGroupStatus() {
  return useSetStatus<ServiceGroup>(KEY, PATH);
}

export interface AgentOption {
  id: string;
  displayName: string;
  login: string;
  role: string;
  status: 'active' | 'inactive';
}

/** Users who can serve in a group (agents and supervisor-agents), for the members picker. */
export function useAgentOptions(enabled = true) {
  return useQuery({
    queryKey: ['users', 'agent-options'],
    queryFn: async () => {
      const page = await api.get<Page<AgentOption>>(`/api/v1/users${query({ limit: 200 })}`);
      return page.items.filter((u) => u.role === 'agent' || u.role === 'supervisor_agent');
    },
    enabled,
    staleTime: 60_000,
  });
}
