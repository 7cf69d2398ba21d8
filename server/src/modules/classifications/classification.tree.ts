import type { ClassificationRow } from './classification.repository';

/** QUAL-2: main level, reason, sub-reason. */
export const MAX_DEPTH = 3;

export interface ClassificationNode {
  id: string;
  name: string;
  parentId: string | null;
  position: number;
  status: 'active' | 'inactive';
  children: ClassificationNode[];
}

/**
 * Nests the rows (already ordered by position) under their parents. `status`:
 * - none: every node;
 * - 'active': what pickers offer — active nodes whose ancestors are all active;
 * - 'inactive': each deactivated branch, from its topmost inactive node down, as a root.
 */
export function buildTree(rows: ClassificationRow[], status?: 'active' | 'inactive'): ClassificationNode[] {
  const nodes = new Map<string, ClassificationNode>();
  for (const r of rows) nodes.set(r.id, { id: r.id, name: r.name, parentId: r.parentId, position: r.position, status: r.status, children: [] });
  const roots: ClassificationNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  if (status === 'active') return pruneInactive(roots);
  if (status === 'inactive') return inactiveBranches(roots);
  return roots;
}

function pruneInactive(nodes: ClassificationNode[]): ClassificationNode[] {
  return nodes.filter((n) => n.status === 'active').map((n) => ({ ...n, children: pruneInactive(n.children) }));
}

function inactiveBranches(nodes: ClassificationNode[]): ClassificationNode[] {
  return nodes.flatMap((n) => (n.status === 'inactive' ? [n] : inactiveBranches(n.children)));
}

/** Depth of a node (a root is 1), from the rows of the whole workspace. */
export function depthOf(byId: Map<string, ClassificationRow>, id: string): number {
  let depth = 0;
  for (let cur = byId.get(id); cur && depth <= MAX_DEPTH + 1; cur = cur.parentId ? byId.get(cur.parentId) : undefined) depth++;
  return depth;
}

/** Levels below and including the node: a leaf is 1. */
export function heightOf(rows: ClassificationRow[], id: string): number {
  const children = rows.filter((r) => r.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => heightOf(rows, c.id)));
}

/** True when `candidate` is `id` itself or lies below it. */
export function isInSubtree(byId: Map<string, ClassificationRow>, id: string, candidate: string): boolean {
  let steps = 0;
  for (let cur = byId.get(candidate); cur && steps++ <= MAX_DEPTH + 1; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    if (cur.id === id) return true;
  }
  return false;
}

/** The subtree rooted at `id`, every status. */
export function subtreeOf(rows: ClassificationRow[], id: string): ClassificationNode | null {
  const found = (nodes: ClassificationNode[]): ClassificationNode | null => {
    for (const n of nodes) {
      if (n.id === id) return n;
      const inner = found(n.children);
      if (inner) return inner;
    }
    return null;
  };
  return found(buildTree(rows));
}
