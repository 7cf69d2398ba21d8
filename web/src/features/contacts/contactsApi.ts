import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ChannelType, ConversationStatus } from '@contracts/serving';
import type { Conversation } from '../serving/types';
import { MY_LISTS } from '../serving/conversationCache';

export interface Contact {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  priority: number;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

export type ContactPatch = Partial<Pick<Contact, 'displayName' | 'phone' | 'email'>>;

export interface TimelineItem {
  conversationId: string;
  protocol: string;
  channelType: ChannelType;
  channelName: string;
  status: ConversationStatus;
  serviceGroupName: string;
  assigneeName: string | null;
  classificationName: string | null;
  createdAt: string;
  closedAt: string | null;
  messageCount: number;
}

export const contactKey = (id: string) => ['contact', id] as const;
export const timelineKey = (id: string) => ['contact', id, 'timeline'] as const;

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: contactKey(id ?? ''),
    queryFn: ({ signal }) => api.get<Contact>(`/api/v1/contacts/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useContactTimeline(id: string | undefined) {
  return useQuery({
    queryKey: timelineKey(id ?? ''),
    queryFn: ({ signal }) => api.get<{ items: TimelineItem[] }>(`/api/v1/contacts/${id}/timeline`, { signal }),
    enabled: !!id,
  });
}

/**
 * CONT-5: the agent edits the contact from the conversation. The new name and number also
 * show in the conversation header and list, which carry a copy of them.
 */
export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) => api.patch<Contact>(`/api/v1/contacts/${id}`, patch),
    onSuccess: (contact) => {
      qc.setQueryData(contactKey(id), contact);
      const summary = { id: contact.id, displayName: contact.displayName, phone: contact.phone, email: contact.email };
      qc.setQueriesData<Conversation>({ queryKey: ['conversation'] }, (old) =>
        old && typeof old === 'object' && 'contactId' in old && old.contactId === id ? { ...old, contact: summary } : old,
      );
      void qc.invalidateQueries({ queryKey: MY_LISTS });
    },
  });
}
