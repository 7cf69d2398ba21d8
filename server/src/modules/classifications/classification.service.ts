import { z } from 'zod';
import { uuidString } from '@contracts/http';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { recordAudit } from '../audit';
import { groupsRequiringClassification } from '../service-groups';
import * as repo from './classification.repository';
import { buildTree, depthOf, heightOf, isInSubtree, MAX_DEPTH, subtreeOf, type ClassificationNode } from './classification.tree';

export const classificationInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120),
  parentId: uuidString.nullable().optional(),
});
export const classificationPatchSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120).optional(),
  /** The place among its siblings, 0 first. */
  position: z.number().int().min(0).max(10_000).optional(),
  parentId: uuidString.nullable().optional(),
});

const tooDeep = () => validationFailed([{ path: 'parentId', message: `at most ${MAX_DEPTH} levels (main level, reason, sub-reason)` }]);

async function assertNameFree(tx: Executor, ctx: Ctx, parentId: string | null, name: string, exceptId?: string) {
  const siblings = await repo.siblingsOf(tx, ctx.workspaceId, parentId);
  if (siblings.some((s) => s.id !== exceptId && s.name.toLocaleLowerCase('pt-BR') === name.toLocaleLowerCase('pt-BR'))) {
    throw conflict('A classification with this name already exists at this level', [{ path: 'name', message: 'already in use' }]);
  }
}

export async function getClassificationTree(ctx: Ctx, status?: 'active' | 'inactive') {
  return buildTree(await repo.allClassifications(ctx.db, ctx.workspaceId), status);
}

export async function getClassificationNode(ctx: Ctx, id: string): Promise<ClassificationNode> {
  const node = subtreeOf(await repo.allClassifications(ctx.db, ctx.workspaceId), id);
  if (!node) throw notFound('Classification');
  return node;
}

export async function createClassification(ctx: Ctx, input: z.infer<typeof classificationInputSchema>) {
  return ctx.db.transaction(async (tx) => {
    const parentId = input.parentId ?? null;
    if (parentId) {
      const rows = await repo.allClassifications(tx, ctx.workspaceId);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const parent = byId.get(parentId);
      if (!parent) throw validationFailed([{ path: 'parentId', message: 'classification not found' }]);
      if (parent.status !== 'active') throw validationFailed([{ path: 'parentId', message: 'classification is inactive' }]);
      if (depthOf(byId, parentId) >= MAX_DEPTH) throw tooDeep();
    }
    await assertNameFree(tx, ctx, parentId, input.name);
    const siblings = await repo.siblingsOf(tx, ctx.workspaceId, parentId);
    const row = await repo.insertClassification(tx, {
      workspaceId: ctx.workspaceId,
      parentId,
      name: input.name,
      position: siblings.length ? Math.max(...siblings.map((s) => s.position)) + 1 : 0,
    });
    await recordAudit(tx, ctx, { action: 'classification.created', entityType: 'classification', entityId: row.id, changes: input });
    return row;
  });
}

/** Rename, move under another parent (no cycles, at most three levels) and/or reorder among siblings. */
export async function updateClassification(ctx: Ctx, id: string, input: z.infer<typeof classificationPatchSchema>) {
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.allClassifications(tx, ctx.workspaceId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const before = byId.get(id);
    if (!before) throw notFound('Classification');

    const parentId = input.parentId !== undefined ? input.parentId : before.parentId;
    const moving = parentId !== before.parentId;
    if (moving && parentId) {
      const parent = byId.get(parentId);
      if (!parent) throw validationFailed([{ path: 'parentId', message: 'classification not found' }]);
      if (parent.status !== 'active') throw validationFailed([{ path: 'parentId', message: 'classification is inactive' }]);
      if (isInSubtree(byId, id, parentId)) {
        throw validationFailed([{ path: 'parentId', message: 'a classification cannot move under itself or its own reasons' }]);
      }
      if (depthOf(byId, parentId) + heightOf(rows, id) > MAX_DEPTH) throw tooDeep();
    }
    if (input.name !== undefined || moving) await assertNameFree(tx, ctx, parentId, input.name ?? before.name, id);

    const row = await repo.updateClassification(tx, ctx.workspaceId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(moving ? { parentId } : {}),
    });
    if (moving || input.position !== undefined) {
      const siblings = (await repo.siblingsOf(tx, ctx.workspaceId, parentId)).filter((s) => s.id !== id);
      const at = Math.min(input.position ?? siblings.length, siblings.length);
      await repo.renumber(tx, ctx.workspaceId, [...siblings.slice(0, at), row!, ...siblings.slice(at)]);
      if (moving) await repo.renumber(tx, ctx.workspaceId, await repo.siblingsOf(tx, ctx.workspaceId, before.parentId));
    }
    await recordAudit(tx, ctx, { action: 'classification.updated', entityType: 'classification', entityId: id, changes: input });
    return (await repo.findClassification(tx, ctx.workspaceId, id))!;
  });
}

/** Deactivating hides the node and its subtree from pickers; conversations keep it in their history. */
export async function setClassificationStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    if (status === 'inactive') {
      // A group that requires classifying within this tree would leave its agents unable to close.
      const groups = await groupsRequiringClassification(tx, ctx.workspaceId, id);
      if (groups.length) {
        throw conflict(`Service group "${groups[0].name}" requires this classification`, [
          { path: 'id', message: `required by service group: ${groups.map((g) => g.name).join(', ')}` },
        ]);
      }
    }
    const row = await repo.updateClassification(tx, ctx.workspaceId, id, { status });
    if (!row) throw notFound('Classification');
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'classification.activated' : 'classification.deactivated',
      entityType: 'classification',
      entityId: id,
    });
    return row;
  });
}

/** For closing (QUAL-2): `nodeId` is the group's root or lies below it, and it and its ancestors are active. */
export async function isClassificationInTree(db: Executor, workspaceId: string, rootId: string, nodeId: string): Promise<boolean> {
  for (const node of await repo.chainToRoot(db, workspaceId, nodeId)) {
    if (node.status !== 'active') return false;
    if (node.id === rootId) return true;
  }
  return false;
}

/** "Main level › reason › sub-reason", for timelines and reports; null when unknown. */
export async function classificationLabel(db: Executor, workspaceId: string, id: string): Promise<string | null> {
  const chain = await repo.chainToRoot(db, workspaceId, id);
  return chain.length ? chain.reverse().map((n) => n.name).join(' › ') : null;
}
