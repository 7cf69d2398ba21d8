import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { templateVariableCount } from '@contracts/messages';
import { api } from '../../lib/api';
import { useCursorList } from '../../lib/cursorList';
import { templatePart, type TemplateComponent } from './messageContent';

/** A WhatsApp message template of a channel (wa-adapter §4). */
export interface WhatsappTemplate {
  id: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: string;
  rejectedReason: string | null;
  components: TemplateComponent[];
  createdAt?: string;
  updatedAt?: string;
}

/** POST /channels/:id/templates (wa-adapter §4): components by part, examples for each variable. */
export interface NewTemplateBody {
  name: string;
  language: string;
  category: WhatsappTemplate['category'];
  components: {
    header?: { text: string; example?: string };
    body: { text: string; examples?: string[] };
    footer?: { text: string };
    buttons?: { type: 'QUICK_REPLY'; text: string }[];
  };
}

export const templatesKey = (channelId: string) => ['channels', channelId, 'templates'] as const;

/** The approved templates an agent may send (one page of up to 100 is plenty for a picker). */
export function useTemplates(channelId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...templatesKey(channelId ?? ''), 'approved'],
    queryFn: async ({ signal }) => {
      const res = await api.get<{ items: WhatsappTemplate[] } | WhatsappTemplate[]>(`/api/v1/channels/${channelId}/templates?status=APPROVED&limit=100`, { signal });
      return Array.isArray(res) ? res : res.items;
    },
    enabled: Boolean(channelId) && enabled,
  });
}

/** Every template of the channel, page by page, for its admin tab. */
export function useTemplatesList(channelId: string) {
  return useCursorList<WhatsappTemplate>([...templatesKey(channelId), 'all'], `/api/v1/channels/${channelId}/templates`, {});
}

export function useSyncTemplates(channelId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>(`/api/v1/channels/${channelId}/templates/sync`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: templatesKey(channelId) }),
  });
}

export function useCreateTemplate(channelId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTemplateBody) => api.post<WhatsappTemplate>(`/api/v1/channels/${channelId}/templates`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: templatesKey(channelId) }),
  });
}

export const templateBody = (t: WhatsappTemplate) => templatePart(t.components, 'BODY')?.text ?? '';
export const templateVariables = (t: WhatsappTemplate) => templateVariableCount(templateBody(t));
