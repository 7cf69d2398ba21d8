import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  serviceGroupId: string | null;
  serviceGroupName: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

export interface CannedResponseFilters {
  q: string;
  serviceGroupId: string | null;
  status: StatusFilterValue;
}

const KEY = 'canned-responses';
const PATH = '/api/v1/canned-responses';

export function useCannedResponsesList(f: CannedResponseFilters) {
  return useCursorList<CannedResponse>([KEY, 'list', f], PATH, { q: f.q.trim(), serviceGroupId: f.serviceGroupId, status: statusParam(f.status) });
}

export interface CannedResponseBody {
  shortcut: string;
  title: string;
  text: string;
  serviceGroupId: string | null;
}

export function useSaveCannedResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<CannedResponseBody> }) =>
      id ? api.patch<CannedResponse>(`${PATH}/${id}`, body) : api.post<CannedResponse>(PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSetCannedResponseStatus() {
  return useSetStatus<CannedResponse>(KEY, PATH);
}
