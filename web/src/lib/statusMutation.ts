import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

/**
 * Nothing configured is deleted: it is deactivated and activated again through
 * `POST <path>/:id/deactivate` and `…/activate`. Afterwards every query under `key` refetches,
 * so lists move the row to its new status filter.
 */
export function useSetStatus<T>(key: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api.post<T>(`${path}/${id}/${active ? 'activate' : 'deactivate'}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [key] }),
  });
}
