import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../lib/api';

export interface CannedResponse {
  id: string;
  serviceGroupId: string | null;
  shortcut: string;
  title: string;
  text: string;
  status?: 'active' | 'inactive';
}

/** The group's canned responses and the workspace-wide ones, searched by the server. */
export function useCannedResponses(q: string, serviceGroupId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['canned-responses', 'pick', serviceGroupId, q],
    queryFn: async ({ signal }) => {
      const res = await api.get<Page<CannedResponse> | CannedResponse[]>(
        `/api/v1/canned-responses${query({ q, serviceGroupId, status: 'active', limit: 30 })}`,
        { signal },
      );
      const items = Array.isArray(res) ? res : res.items;
      return items.filter((c) => c.status !== 'inactive');
    },
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

const CONCAT_KEY = 'atende.composer.concat';

export function storedConcat(): boolean {
  try {
    return localStorage.getItem(CONCAT_KEY) === 'on';
  } catch {
    return false;
  }
}

export function storeConcat(on: boolean) {
  try {
    localStorage.setItem(CONCAT_KEY, on ? 'on' : 'off');
  } catch {
    // No storage: the choice lasts for this page.
  }
}

/**
 * Inserting a canned response: it replaces the draft, or with "concatenar" it is appended to
 * what was typed. `token` is the "/search" being typed, which never stays in the text.
 */
export function applyCanned(draft: string, token: string | null, canned: string, concat: boolean): string {
  const base = token !== null && draft.endsWith(token) ? draft.slice(0, draft.length - token.length) : draft;
  if (!concat) return canned;
  const typed = base.replace(/\s+$/, '');
  return typed ? `${typed} ${canned}` : canned;
}

/** The "/search" at the end of the draft that opens the picker, or null. */
export function slashToken(draft: string): string | null {
  const match = /(?:^|\s)(\/[^\s/]*)$/.exec(draft);
  return match ? match[1] : null;
}
