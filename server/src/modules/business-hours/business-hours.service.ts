import type { BusinessHoursInput, BusinessHoursPatch, Holiday } from '@contracts/business-hours';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound, type FieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { fullWeek } from './business-hours.presenter';
import * as repo from './business-hours.repository';

const nameTaken = () => conflict('Business hours with this name already exist', [{ path: 'name', message: 'already in use' }]);

async function guardName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'business_hours_workspace_name_uq')) throw nameTaken();
    throw e;
  }
}

/** Holidays kept in date order, so the stored list reads like a calendar. */
const byDate = (holidays: Holiday[]) => [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function listBusinessHours(ctx: Ctx, q: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listBusinessHours(ctx.db, ctx.workspaceId, { ...q, after });
  return pageOf(rows, q.limit, (r) => [r.name, r.id]);
}

export async function getBusinessHoursOrFail(ctx: Ctx, id: string) {
  const row = await repo.findBusinessHours(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Business hours');
  return row;
}

export async function createBusinessHours(ctx: Ctx, input: BusinessHoursInput) {
  return guardName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.insertBusinessHours(tx, {
        workspaceId: ctx.workspaceId,
        name: input.name,
        timeZone: input.timeZone,
        weekly: fullWeek(input.weekly),
        holidays: byDate(input.holidays),
      });
      await recordAudit(tx, ctx, { action: 'business_hours.created', entityType: 'business_hours', entityId: row.id, changes: input });
      return row;
    }),
  );
}

export async function updateBusinessHours(ctx: Ctx, id: string, input: BusinessHoursPatch) {
  return guardName(() =>
    ctx.db.transaction(async (tx) => {
      const before = await repo.findBusinessHours(tx, ctx.workspaceId, id);
      if (!before) throw notFound('Business hours');
      const row = await repo.updateBusinessHours(tx, ctx.workspaceId, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.weekly ? { weekly: fullWeek({ ...before.weekly, ...stripUndefined(input.weekly) }) } : {}),
        ...(input.holidays ? { holidays: byDate(input.holidays) } : {}),
      });
      await recordAudit(tx, ctx, { action: 'business_hours.updated', entityType: 'business_hours', entityId: id, changes: input });
      return row!;
    }),
  );
}

/**
 * A deactivated schedule is no longer offered to channels and groups; those that already use it
 * keep it (their forms show it as inactive) until someone picks another.
 */
export async function setBusinessHoursStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateBusinessHours(tx, ctx.workspaceId, id, { status });
    if (!row) throw notFound('Business hours');
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'business_hours.activated' : 'business_hours.deactivated',
      entityType: 'business_hours',
      entityId: id,
    });
    return row;
  });
}

/**
 * The problem with a `businessHoursId` a channel or service group is saved with, on `path`, or
 * null. An id already stored stays accepted even if deactivated since, so saving an untouched
 * form never fails on someone else's later change.
 */
export async function businessHoursIdProblem(
  db: Executor,
  workspaceId: string,
  id: string | null | undefined,
  current: string | null | undefined,
  path = 'settings.businessHoursId',
): Promise<FieldError | null> {
  if (!id || id === current) return null;
  const [found] = await repo.findBusinessHoursSummaries(db, workspaceId, [id]);
  if (!found) return { path, message: 'business hours not found' };
  if (found.status !== 'active') return { path, message: 'business hours are inactive' };
  return null;
}
