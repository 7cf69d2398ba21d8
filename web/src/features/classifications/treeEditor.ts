import { createContext, useContext } from 'react';
import type { ClassificationNode } from './classificationsApi';

/** What is open for typing: one rename or one "add under" at a time. */
export type Editing = { kind: 'rename'; id: string } | { kind: 'add'; parentId: string | null } | null;

export interface TreeEditor {
  editing: Editing;
  /** Grows after each addition, so the input clears and stays open for the next name. */
  addSeq: number;
  error: string | null;
  pending: boolean;
  canManage: boolean;
  startRename: (id: string) => void;
  startAdd: (parentId: string | null) => void;
  cancel: () => void;
  rename: (node: ClassificationNode, name: string) => void;
  add: (parentId: string | null, name: string) => void;
  move: (node: ClassificationNode, position: number) => void;
  toggle: (node: ClassificationNode) => void;
}

export const TreeEditorContext = createContext<TreeEditor | null>(null);

export function useTreeEditor(): TreeEditor {
  const editor = useContext(TreeEditorContext);
  if (!editor) throw new Error('useTreeEditor outside the classification tree');
  return editor;
}

/** Nodes below a node, at any depth. */
export const descendantCount = (node: ClassificationNode): number =>
  node.children.reduce((n, c) => n + 1 + descendantCount(c), 0);
