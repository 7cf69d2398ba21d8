import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface ClassificationNode {
  id: string;
  name: string;
  parentId: string | null;
  position: number;
  status: 'active' | 'inactive';
  children: ClassificationNode[];
}

const KEY = 'classifications';
const PATH = '/api/v1/classifications';

/** The whole tree; `active` is what pickers offer (deactivated nodes hide their subtree). */
export function useClassificationTree(status?: 'active') {
  return useQuery({
    queryKey: [KEY, 'tree', status ?? 'all'],
    queryFn: () => api.get<{ items: ClassificationNode[] }>(`${PATH}${status ? `?status=${status}` : ''}`),
    staleTime: 30_000,
  });
}

export function useClassificationMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: [KEY] });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; parentId: string | null }) => api.post<ClassificationNode>(PATH, body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; name?: string; position?: number; parentId?: string | null }) =>
        api.patch<ClassificationNode>(`${PATH}/${id}`, body),
      onSuccess,
    }),
    setStatus: useMutation({
      mutationFn: ({ id, active }: { id: string; active: boolean }) => api.post<ClassificationNode>(`${PATH}/${id}/${active ? 'activate' : 'deactivate'}`),
      onSuccess,
    }),
  };
}
