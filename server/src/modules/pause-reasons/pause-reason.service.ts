import { z } from 'zod';
import { PAUSE_DEFAULT_MINUTES } from '@contracts/serving';
import type { Ctx } from '../../platform/context';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import * as repo from './pause-reason.repository';

const minutes = z.number().int('whole minutes').min(1, 'between 1 and 480').max(480, 'between 1 and 480');

export const pauseReasonInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(80),
  minutes: minutes.default(PAUSE_DEFAULT_MINUTES),
});
export const pauseReasonPatchSchema = z.object({
  name: z.string().trim().min(1, 'required').max(80).optional(),
  minutes: minutes.optional(),
});

const nameTaken = () => conflict('A pause reason with this name already exists', [{ path: 'name', message: 'already in use' }]);

async function guardName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'pause_reasons_workspace_name_uq')) throw nameTaken();
    throw e;
  }
}

export async function listPauseReasons(ctx: Ctx, q: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listPauseReasons(ctx.db, ctx.workspaceId, { ...q, after });
  return pageOf(rows, q.limit, (r) => [r.name, r.id]);
}

export async function getPauseReasonOrFail(ctx: Ctx, id: string) {
  const row = await repo.findPauseReason(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Pause reason');
  return row;
}

export async function createPauseReason(ctx: Ctx, input: z.infer<typeof pauseReasonInputSchema>) {
  return guardName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.insertPauseReason(tx, { workspaceId: ctx.workspaceId, ...input });
      await recordAudit(tx, ctx, { action: 'pause_reason.created', entityType: 'pause_reason', entityId: row.id, changes: input });
      return row;
    }),
  );
}

export async function updatePauseReason(ctx: Ctx, id: string, input: z.infer<typeof pauseReasonPatchSchema>) {
  return guardName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.updatePauseReason(tx, ctx.workspaceId, id, input);
      if (!row) throw notFound('Pause reason');
      await recordAudit(tx, ctx, { action: 'pause_reason.updated', entityType: 'pause_reason', entityId: id, changes: input });
      return row;
    }),
  );
}

/** A deactivated reason is no longer offered; pauses already running with it end as planned. */
export async function setPauseReasonStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updatePauseReason(tx, ctx.workspaceId, id, { status });
    if (!row) throw notFound('Pause reason');
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'pause_reason.activated' : 'pause_reason.deactivated',
      entityType: 'pause_reason',
      entityId: id,
    });
    return row;
  });
}
