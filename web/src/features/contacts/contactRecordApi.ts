import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useCursorList } from '../../lib/cursorList';
import type { Conversation } from '../serving/types';
import { MY_LISTS } from '../serving/conversationCache';
import { contactKey } from './contactsApi';
import type { DocumentType } from './contactFormat';

export type PhoneType = 'mobile' | 'fixed' | 'unknown';

/** The whole CONT-1 record as `GET /api/v1/contacts/:id` presents it. */
export interface ContactRecord {
  id: string;
  displayName: string;
  username: string;
  phone: string | null;
  phones: Array<{ number: string; type: PhoneType }>;
  email: string | null;
  birthDate: string | null;
  showNameInGreeting: boolean;
  document: { type: DocumentType; number: string } | null;
  companyName: string | null;
  priority: number;
  attributes: Array<{ attributeId: string; name: string; value: string }>;
  walletAgentId: string | null;
  serviceGroupId: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

/** What the API takes (contact.input.ts): phones as typed, the document as one string. */
export interface ContactBody {
  displayName?: string;
  phones?: Array<{ number: string; type?: PhoneType }>;
  email?: string | null;
  birthDate?: string | null;
  showNameInGreeting?: boolean;
  document?: string | null;
  companyName?: string | null;
  priority?: number;
  walletAgentId?: string | null;
  serviceGroupId?: string | null;
  status?: 'active' | 'inactive';
  attributes?: Array<{ attributeId: string; value: string }>;
}

export interface ContactAttribute {
  id: string;
  name: string;
  description: string | null;
  status: 'active' | 'inactive';
}

const KEY = 'contacts';
const ATTRIBUTES_KEY = 'contact-attributes';

export function useContactsList(filters: { q: string; status: 'active' | 'inactive' | 'all' }) {
  return useCursorList<ContactRecord>([KEY, 'list', filters], '/api/v1/contacts', {
    q: filters.q.trim(),
    status: filters.status === 'all' ? null : filters.status,
  });
}

export function useContactRecord(id: string | null) {
  return useQuery({
    // Shares the cache entry of the conversation's contact panel, so an edit shows on both.
    queryKey: contactKey(id ?? ''),
    queryFn: ({ signal }) => api.get<ContactRecord>(`/api/v1/contacts/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

export function useSaveContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ContactBody }) =>
      id ? api.patch<ContactRecord>(`/api/v1/contacts/${id}`, body) : api.post<ContactRecord>('/api/v1/contacts', body),
    onSuccess: (contact) => {
      qc.setQueryData(contactKey(contact.id), contact);
      void qc.invalidateQueries({ queryKey: [KEY] });
      // Conversations carry a copy of their contact's name and number.
      const summary = { id: contact.id, displayName: contact.displayName, phone: contact.phone, email: contact.email };
      qc.setQueriesData<Conversation>({ queryKey: ['conversation'] }, (old) =>
        old && typeof old === 'object' && 'contactId' in old && old.contactId === contact.id ? { ...old, contact: summary } : old,
      );
      void qc.invalidateQueries({ queryKey: MY_LISTS });
    },
  });
}

export function useContactAttributes(status?: 'active' | 'inactive') {
  return useQuery({
    queryKey: [ATTRIBUTES_KEY, status ?? 'all'],
    queryFn: () => api.get<{ items: ContactAttribute[] }>(`/api/v1/contact-attributes${status ? `?status=${status}` : ''}`),
    staleTime: 60_000,
  });
}

export function useSaveContactAttribute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<Omit<ContactAttribute, 'id'>> }) =>
      id ? api.patch<ContactAttribute>(`/api/v1/contact-attributes/${id}`, body) : api.post<ContactAttribute>('/api/v1/contact-attributes', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [ATTRIBUTES_KEY] }),
  });
}
