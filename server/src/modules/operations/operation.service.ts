import { z } from 'zod';
import type { Ctx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { recordAudit } from '../audit';
import * as repo from './operation.repository';

export const operationInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120),
  // Forms send null for an emptied field; the column keeps '' for "no description".
  description: z.string().trim().max(500).nullish().transform((v) => v ?? ''),
});

const nameTaken = () => conflict('An operation with this name already exists', [{ path: 'name', message: 'already in use' }]);

export async function createOperation(ctx: Ctx, input: z.infer<typeof operationInputSchema>) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertOperation(tx, { workspaceId: ctx.workspaceId, ...input });
      await recordAudit(tx, ctx, { action: 'operation.created', entityType: 'operation', entityId: row.id, changes: input });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'operations_workspace_name_uq')) throw nameTaken();
    throw e;
  }
}

export async function getOperation(ctx: Ctx, id: string) {
  const row = await repo.findOperation(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Operation');
  return row;
}

export async function listOperations(ctx: Ctx, q: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listOperations(ctx.db, ctx.workspaceId, { ...q, after });
  return pageOf(rows, q.limit, (r) => [r.name, r.id]);
}

export async function updateOperation(ctx: Ctx, id: string, input: Partial<z.infer<typeof operationInputSchema>>) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.updateOperation(tx, ctx.workspaceId, id, input);
      if (!row) throw notFound('Operation');
      await recordAudit(tx, ctx, { action: 'operation.updated', entityType: 'operation', entityId: id, changes: input });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'operations_workspace_name_uq')) throw nameTaken();
    throw e;
  }
}

export async function setOperationStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateOperation(tx, ctx.workspaceId, id, { status });
    if (!row) throw notFound('Operation');
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'operation.activated' : 'operation.deactivated',
      entityType: 'operation',
      entityId: id,
    });
    return row;
  });
}
