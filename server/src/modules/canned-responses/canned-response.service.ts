import { z } from 'zod';
import { uuidString } from '@contracts/http';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { recordAudit } from '../audit';
import { serviceGroupSummaries } from '../service-groups';
import * as repo from './canned-response.repository';

/** "/ola": typed by agents after a slash, so it is normalised to lower case with the slash. */
const shortcutSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => (s.startsWith('/') ? s : `/${s}`))
  .pipe(z.string().regex(/^\/[a-z0-9-]{1,40}$/, 'use lowercase letters, digits and - (up to 40)'));

export const cannedResponseInputSchema = z.object({
  shortcut: shortcutSchema,
  title: z.string().trim().min(1, 'required').max(120),
  text: z.string().trim().min(1, 'required').max(4000),
  /** Null or absent: offered in every group. */
  serviceGroupId: uuidString.nullable().optional(),
});
export const cannedResponsePatchSchema = cannedResponseInputSchema.partial();
type Input = z.infer<typeof cannedResponseInputSchema>;
type Patch = z.infer<typeof cannedResponsePatchSchema>;

export type CannedResponseRecord = repo.CannedResponseRow & { serviceGroupName: string | null };

const shortcutTaken = () =>
  conflict('This shortcut is already used in the same scope', [{ path: 'shortcut', message: 'already in use' }]);

async function guardShortcut<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'canned_responses_scope_shortcut_uq')) throw shortcutTaken();
    throw e;
  }
}

async function assertGroup(tx: Executor, ctx: Ctx, serviceGroupId: string | null | undefined, current: string | null) {
  if (!serviceGroupId || serviceGroupId === current) return;
  const [group] = await serviceGroupSummaries(tx, ctx.workspaceId, [serviceGroupId]);
  if (!group) throw validationFailed([{ path: 'serviceGroupId', message: 'service group not found' }]);
  if (group.status !== 'active') throw validationFailed([{ path: 'serviceGroupId', message: 'service group is inactive' }]);
}

async function withGroupNames(db: Executor, workspaceId: string, rows: repo.CannedResponseRow[]): Promise<CannedResponseRecord[]> {
  const ids = rows.map((r) => r.serviceGroupId).filter((id): id is string => Boolean(id));
  const names = new Map((await serviceGroupSummaries(db, workspaceId, ids)).map((g) => [g.id, g.name]));
  return rows.map((r) => ({ ...r, serviceGroupName: r.serviceGroupId ? (names.get(r.serviceGroupId) ?? null) : null }));
}

export async function listCannedResponses(
  ctx: Ctx,
  q: { q?: string; serviceGroupId?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string },
) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listCannedResponses(ctx.db, ctx.workspaceId, { ...q, after });
  const { items, nextCursor } = pageOf(rows, q.limit, (r) => [r.shortcut, r.id]);
  return { items: await withGroupNames(ctx.db, ctx.workspaceId, items), nextCursor };
}

export async function getCannedResponse(ctx: Ctx, id: string) {
  const row = await repo.findCannedResponse(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Canned response');
  return (await withGroupNames(ctx.db, ctx.workspaceId, [row]))[0];
}

export async function createCannedResponse(ctx: Ctx, input: Input) {
  return guardShortcut(() =>
    ctx.db.transaction(async (tx) => {
      await assertGroup(tx, ctx, input.serviceGroupId, null);
      const row = await repo.insertCannedResponse(tx, { workspaceId: ctx.workspaceId, ...input, serviceGroupId: input.serviceGroupId ?? null });
      await recordAudit(tx, ctx, { action: 'canned_response.created', entityType: 'canned_response', entityId: row.id, changes: input });
      return (await withGroupNames(tx, ctx.workspaceId, [row]))[0];
    }),
  );
}

export async function updateCannedResponse(ctx: Ctx, id: string, input: Patch) {
  return guardShortcut(() =>
    ctx.db.transaction(async (tx) => {
      const before = await repo.findCannedResponse(tx, ctx.workspaceId, id);
      if (!before) throw notFound('Canned response');
      await assertGroup(tx, ctx, input.serviceGroupId, before.serviceGroupId);
      const row = await repo.updateCannedResponse(tx, ctx.workspaceId, id, input);
      await recordAudit(tx, ctx, { action: 'canned_response.updated', entityType: 'canned_response', entityId: id, changes: input });
      return (await withGroupNames(tx, ctx.workspaceId, [row!]))[0];
    }),
  );
}

export async function setCannedResponseStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateCannedResponse(tx, ctx.workspaceId, id, { status });
    if (!row) throw notFound('Canned response');
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'canned_response.activated' : 'canned_response.deactivated',
      entityType: 'canned_response',
      entityId: id,
    });
    return (await withGroupNames(tx, ctx.workspaceId, [row]))[0];
  });
}
