import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, type Page } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export interface Operation {
  id: string;
  name: string;
  description: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

export interface OperationFilters {
  q: string;
  status: StatusFilterValue;
}

const KEY = 'operations';

export function useOperationsList(filters: OperationFilters) {
  return useCursorList<Operation>([KEY, 'list', filters], '/api/v1/operations', { q: filters.q.trim(), status: statusParam(filters.status) });
}

/** Options for pickers (user form); large workspaces are rare, 200 is the API's page maximum. */
export function useOperationOptions(enabled = true) {
  return useQuery({
    queryKey: [KEY, 'options'],
    queryFn: () => api.get<Page<Operation>>(`/api/v1/operations${query({ limit: 200 })}`),
    enabled,
    staleTime: 60_000,
  });
}

export function useSaveOperation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; name: string; description: string | null }) =>
      id ? api.patch<Operation>(`/api/v1/operations/${id}`, body) : api.post<Operation>('/api/v1/operations', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSetOperationStatus() {
  return useSetStatus<Operation>(KEY, '/api/v1/operations');
}
