import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, Role, UpdateUserInput, User } from '@contracts/users';
import { api } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';
import { ME_KEY } from '../../app/session';

export interface UserFilters {
  q: string;
  role: Role | null;
  status: StatusFilterValue;
}

const KEY = 'users';

export function useUsersList(filters: UserFilters) {
  return useCursorList<User>([KEY, 'list', filters], '/api/v1/users', {
    q: filters.q.trim(),
    role: filters.role,
    status: statusParam(filters.status),
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: () => api.get<User>(`/api/v1/users/${id}`),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateUserInput } | { id?: undefined; body: CreateUserInput }) =>
      input.id ? api.patch<User>(`/api/v1/users/${input.id}`, input.body) : api.post<User>('/api/v1/users', input.body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [KEY] });
      // Editing oneself changes the name and role shown in the header.
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useSetUserStatus() {
  return useSetStatus<User>(KEY, '/api/v1/users');
}
