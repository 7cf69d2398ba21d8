import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessHours, Holiday, WeeklySchedule } from '@contracts/business-hours';
import { api, query, type Page } from '../../lib/api';
import { statusParam, useCursorList, type StatusFilterValue } from '../../lib/cursorList';
import { useSetStatus } from '../../lib/statusMutation';

export type { BusinessHours };

export interface BusinessHoursBody {
  name?: string;
  timeZone?: string;
  weekly?: Partial<WeeklySchedule>;
  holidays?: Holiday[];
}

const KEY = 'business-hours';
const PATH = '/api/v1/business-hours';

export function useBusinessHoursList(filters: { q: string; status: StatusFilterValue }) {
  return useCursorList<BusinessHours>([KEY, 'list', filters], PATH, { q: filters.q.trim(), status: statusParam(filters.status) });
}

export function useBusinessHours(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: () => api.get<BusinessHours>(`${PATH}/${id}`),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** Every schedule for the channel and group pickers: 200 is the API's page maximum. */
export function useBusinessHoursOptions() {
  return useQuery({
    queryKey: [KEY, 'options'],
    queryFn: () => api.get<Page<BusinessHours>>(`${PATH}${query({ limit: 200 })}`),
    staleTime: 60_000,
  });
}

export function useSaveBusinessHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BusinessHoursBody }) =>
      id ? api.patch<BusinessHours>(`${PATH}/${id}`, body) : api.post<BusinessHours>(PATH, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useSetBusinessHoursStatus() {
  return useSetStatus<BusinessHours>(KEY, PATH);
}
