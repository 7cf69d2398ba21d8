import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export interface PauseReason {
  id: string;
  name: string;
  minutes: number;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

const KEY = 'pause-reasons';
const PATH = '/api/v1/pause-reasons';

export function usePauseReasonsList(filters: { q: string; status: StatusFilterValue }) {
  return useCursorList<PauseReason>([KEY, 'list', filters], PATH, { q: filters.q.trim(), status: statusParam(filters.status) });
}

export function useSavePauseReason() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; name: string; minutes: number }) =>
      id ? api.patch<PauseReason>(`${PATH}/${id}`, body) : api.post<PauseReason>(PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSetPauseReasonStatus() {
  return useSetStatus<PauseReason>(KEY, PATH);
}
