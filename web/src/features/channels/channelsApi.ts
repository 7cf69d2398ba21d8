import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelSettings, ChannelType } from '@contracts/serving';
import { api } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export interface Channel {
  id: string;
  type: ChannelType;
  name: string;
  serviceGroupId: string;
  serviceGroupName: string | null;
  settings: ChannelSettings;
  hasCredentials: boolean;
  embedCode: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

export interface ChannelFilters {
  q: string;
  type: ChannelType | null;
  status: StatusFilterValue;
}

export interface ChannelBody {
  type?: ChannelType;
  name?: string;
  serviceGroupId?: string;
  /** Merged into the stored settings object by object; what is left out keeps its value. */
  settings?: { widget?: Partial<ChannelSettings['widget']>; greeting?: Partial<ChannelSettings['greeting']> } & Partial<Omit<ChannelSettings, 'widget' | 'greeting'>>;
}

const KEY = 'channels';
const PATH = '/api/v1/channels';

export function useChannelsList(f: ChannelFilters) {
  return useCursorList<Channel>([KEY, 'list', f], PATH, { q: f.q.trim(), type: f.type, status: statusParam(f.status) });
}

export function useChannel(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: () => api.get<Channel>(`${PATH}/${id}`),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

export function useSaveChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ChannelBody }) => (id ? api.patch<Channel>(`${PATH}/${id}`, body) : api.post<Channel>(PATH, body)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSetChannelStatus() {
  return useSetStatus<Channel>(KEY, PATH);
}
