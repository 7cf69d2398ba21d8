import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { api, query, type Page } from './api';

/** Every list endpoint pages by keyset (`?limit=&cursor=` → `{ items, nextCursor }`); one page size for all screens. */
const PAGE_SIZE = 50;

/** The status filter of lists of things that are deactivated rather than deleted. */
export type StatusFilterValue = 'active' | 'inactive' | 'all';

/** "All" is the absence of a status filter, so it is not sent. */
export const statusParam = (status: StatusFilterValue) => (status === 'all' ? null : status);

type Params = Record<string, string | number | null | undefined>;

/**
 * An infinite query over a keyset-paged list. `params` are the filters; empty ones are left out
 * of the URL. The caller owns the key, so invalidating by its prefix keeps working.
 */
export function useCursorList<T>(queryKey: QueryKey, path: string, params: Params = {}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(`${path}${query({ ...params, limit: PAGE_SIZE, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the current rows on screen while a new filter loads instead of flashing a skeleton
    // (a list whose key never changes has nothing to keep, so this is harmless there).
    placeholderData: keepPreviousData,
  });
}

/** The rows loaded so far, across pages. */
export const listItems = <T>(list: { data?: InfiniteData<Page<T>> }): T[] => list.data?.pages.flatMap((p) => p.items) ?? [];
