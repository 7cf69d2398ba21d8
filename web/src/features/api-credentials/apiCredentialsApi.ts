import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@contracts/users';
import { api } from '../../lib/api';
import { useCursorList } from '../../lib/cursorList';

export interface ApiCredential {
  id: string;
  name: string;
  consumerKey: string;
  role: Role;
  status: 'active' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiCredential extends ApiCredential {
  consumerSecret: string;
}

const KEY = 'api-credentials';

export function useApiCredentials() {
  return useCursorList<ApiCredential>([KEY], '/api/v1/api-credentials');
}

export function useCreateApiCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role }) => api.post<CreatedApiCredential>('/api/v1/api-credentials', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useRevokeApiCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiCredential>(`/api/v1/api-credentials/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}
