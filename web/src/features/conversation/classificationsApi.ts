import { useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../lib/api';

export interface ClassificationNode {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
  status: 'active' | 'inactive';
}

type Incoming = ClassificationNode & { children?: Incoming[] };

/** The list may come flat (with parentId) or nested (children): both become one flat list. */
function flatten(items: Incoming[], parentId: string | null, out: ClassificationNode[]) {
  for (const item of items) {
    out.push({ id: item.id, parentId: item.parentId ?? parentId, name: item.name, position: item.position ?? 0, status: item.status ?? 'active' });
    if (item.children?.length) flatten(item.children, item.id, out);
  }
}

/** Every active classification of the workspace (a tree of a few hundred nodes at most). */
export function useClassifications(enabled: boolean) {
  return useQuery({
    queryKey: ['classifications', 'all-active'],
    queryFn: async ({ signal }) => {
      const out: ClassificationNode[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i += 1) {
        const res: Page<Incoming> | Incoming[] = await api.get<Page<Incoming> | Incoming[]>(
          `/api/v1/classifications${query({ status: 'active', limit: 200, cursor })}`,
          { signal },
        );
        if (Array.isArray(res)) {
          flatten(res, null, out);
          break;
        }
        flatten(res.items, null, out);
        cursor = res.nextCursor;
        if (!cursor) break;
      }
      return out.filter((n) => n.status !== 'inactive');
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

export interface GroupClassificationRule {
  classificationId: string | null;
  classificationRequired: boolean;
}

/** The group's classification tree root and whether closing requires one (ROUTE-1, QUAL-2). */
export function useGroupClassificationRule(serviceGroupId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['service-groups', serviceGroupId],
    queryFn: ({ signal }) => api.get<GroupClassificationRule>(`/api/v1/service-groups/${serviceGroupId}`, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Children by parent, each sorted by position then name. */
export function childrenMap(nodes: ClassificationNode[]): Map<string | null, ClassificationNode[]> {
  const map = new Map<string | null, ClassificationNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    // A node whose parent is inactive (so absent) would be unreachable: show it at the top.
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    map.set(key, [...(map.get(key) ?? []), n]);
  }
  for (const list of map.values()) list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  return map;
}

/** "Financeiro › Boleto › Segunda via" */
export function classificationPath(nodes: ClassificationNode[], id: string | null | undefined, stopAt?: string | null): string {
  if (!id) return '';
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const names: string[] = [];
  let current = byId.get(id);
  while (current && current.id !== stopAt) {
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' › ');
}
