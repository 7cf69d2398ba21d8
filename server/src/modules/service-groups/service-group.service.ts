import { serviceGroupSettingsSchema, serviceGroupTimersSchema } from '@contracts/serving';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { businessHoursIdProblem } from '../business-hours';
import { activeChannelsUsingGroup } from '../channels';
import { findClassification } from '../classifications';
import { existingOperationIds } from '../operations';
import { findUsersByIds } from '../users';
import type { ServiceGroupInput, ServiceGroupPatch } from './service-group.input';
import { withDefaults, type ServiceGroupRecord } from './service-group.presenter';
import * as repo from './service-group.repository';
import { SERVING_ROLES } from './service-group.members';
import { mergePatch } from './settings-patch';

const nameTaken = () => conflict('A service group with this name already exists', [{ path: 'name', message: 'already in use' }]);
const unique = (ids: string[]) => [...new Set(ids)];

/** The group with its members and transfer targets, or null; reads run on `db` or inside a transaction. */
export async function loadServiceGroup(db: Executor, workspaceId: string, id: string): Promise<ServiceGroupRecord | null> {
  const row = await repo.findServiceGroup(db, workspaceId, id);
  if (!row) return null;
  const [members, transfers] = await Promise.all([
    repo.membersOfGroups(db, workspaceId, [id]),
    repo.transfersOfGroups(db, workspaceId, [id]),
  ]);
  return { ...withDefaults(row), agentIds: members.get(id) ?? [], transferGroupIds: transfers.get(id) ?? [] };
}

/**
 * Checks every reference of the input against the workspace and names each bad one. Ids that
 * are already linked stay accepted even when they have since been deactivated, so saving an
 * untouched form never fails on someone else's later change.
 */
async function assertReferences(tx: Executor, ctx: Ctx, input: ServiceGroupPatch, before: ServiceGroupRecord | null) {
  const fields: FieldError[] = [];
  const ws = ctx.workspaceId;

  if (input.operationId && input.operationId !== before?.operationId) {
    const found = await existingOperationIds(tx, ws, [input.operationId]);
    if (!found.has(input.operationId)) fields.push({ path: 'operationId', message: 'operation not found' });
  }

  if (input.agentIds) {
    const current = new Set(before?.agentIds ?? []);
    const users = new Map((await findUsersByIds(tx, ws, unique(input.agentIds.filter((id) => !current.has(id))))).map((u) => [u.id, u]));
    input.agentIds.forEach((id, i) => {
      if (current.has(id)) return;
      const u = users.get(id);
      const problem = !u
        ? 'user not found'
        : u.status !== 'active'
          ? 'user is inactive'
          : !(SERVING_ROLES as readonly string[]).includes(u.role)
            ? 'only agents and supervisor-agents serve in groups'
            : null;
      if (problem) fields.push({ path: `agentIds.${i}`, message: problem });
    });
  }

  if (input.transferGroupIds) {
    const groups = new Set((await repo.findServiceGroups(tx, ws, unique(input.transferGroupIds))).map((g) => g.id));
    input.transferGroupIds.forEach((id, i) => {
      if (before && id === before.id) fields.push({ path: `transferGroupIds.${i}`, message: 'a group cannot transfer to itself' });
      else if (!groups.has(id)) fields.push({ path: `transferGroupIds.${i}`, message: 'service group not found' });
    });
  }

  // Surveys arrive with a later issue; until then no id can name one.
  if (input.surveyId && input.surveyId !== before?.surveyId) fields.push({ path: 'surveyId', message: 'survey not found' });

  if (input.classificationId && input.classificationId !== before?.classificationId) {
    const c = await findClassification(tx, ws, input.classificationId);
    const problem = !c
      ? 'classification not found'
      : c.parentId
        ? 'choose a main level (a classification without parent)'
        : c.status !== 'active'
          ? 'classification is inactive'
          : null;
    if (problem) fields.push({ path: 'classificationId', message: problem });
  }

  const classificationId = input.classificationId !== undefined ? input.classificationId : (before?.classificationId ?? null);
  const classificationRequired = input.classificationRequired ?? before?.classificationRequired ?? false;
  if (classificationRequired && !classificationId && !fields.some((f) => f.path === 'classificationId')) {
    fields.push({ path: 'classificationId', message: 'required when classification is mandatory' });
  }
  const hours = await businessHoursIdProblem(tx, ws, input.settings?.businessHoursId, before?.settings.businessHoursId);
  if (hours) fields.push(hours);
  const surveyId = input.surveyId !== undefined ? input.surveyId : (before?.surveyId ?? null);
  if ((input.surveyRequired ?? before?.surveyRequired) && !surveyId && !fields.some((f) => f.path === 'surveyId')) {
    fields.push({ path: 'surveyId', message: 'required when the survey is mandatory' });
  }

  if (fields.length) throw validationFailed(fields);
}

async function withNameGuard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e, 'service_groups_workspace_name_uq')) throw nameTaken();
    throw e;
  }
}

export async function createServiceGroup(ctx: Ctx, input: ServiceGroupInput) {
  return withNameGuard(() =>
    ctx.db.transaction(async (tx) => {
      await assertReferences(tx, ctx, input, null);
      const row = await repo.insertServiceGroup(tx, {
        workspaceId: ctx.workspaceId,
        name: input.name,
        operationId: input.operationId ?? null,
        strategy: input.strategy ?? 'longest_idle',
        settings: serviceGroupSettingsSchema.parse(input.settings ?? {}),
        timers: serviceGroupTimersSchema.parse(input.timers ?? {}),
        surveyId: input.surveyId ?? null,
        surveyRequired: input.surveyRequired ?? false,
        classificationId: input.classificationId ?? null,
        classificationRequired: input.classificationRequired ?? false,
      });
      await repo.replaceMembers(tx, ctx.workspaceId, row.id, unique(input.agentIds ?? []));
      await repo.replaceTransfers(tx, ctx.workspaceId, row.id, unique(input.transferGroupIds ?? []));
      await recordAudit(tx, ctx, { action: 'service_group.created', entityType: 'service_group', entityId: row.id, changes: input });
      return (await loadServiceGroup(tx, ctx.workspaceId, row.id))!;
    }),
  );
}

export async function getServiceGroupOrFail(ctx: Ctx, id: string) {
  const g = await loadServiceGroup(ctx.db, ctx.workspaceId, id);
  if (!g) throw notFound('Service group');
  return g;
}

export async function listServiceGroups(
  ctx: Ctx,
  q: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string },
): Promise<{ items: ServiceGroupRecord[]; nextCursor: string | null }> {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listServiceGroups(ctx.db, ctx.workspaceId, { ...q, after });
  const { items, nextCursor } = pageOf(rows, q.limit, (r) => [r.name, r.id]);
  const ids = items.map((r) => r.id);
  const [members, transfers] = await Promise.all([
    repo.membersOfGroups(ctx.db, ctx.workspaceId, ids),
    repo.transfersOfGroups(ctx.db, ctx.workspaceId, ids),
  ]);
  return {
    items: items.map((r) => ({ ...withDefaults(r), agentIds: members.get(r.id) ?? [], transferGroupIds: transfers.get(r.id) ?? [] })),
    nextCursor,
  };
}

export async function updateServiceGroup(ctx: Ctx, id: string, input: ServiceGroupPatch) {
  return withNameGuard(() =>
    ctx.db.transaction(async (tx) => {
      const before = await loadServiceGroup(tx, ctx.workspaceId, id);
      if (!before) throw notFound('Service group');
      await assertReferences(tx, ctx, input, before);
      const { agentIds, transferGroupIds, settings, timers, ...columns } = input;
      await repo.updateServiceGroup(tx, ctx.workspaceId, id, {
        ...columns,
        ...(settings ? { settings: serviceGroupSettingsSchema.parse(mergePatch(before.settings, settings)) } : {}),
        ...(timers ? { timers: serviceGroupTimersSchema.parse(mergePatch(before.timers, timers)) } : {}),
      });
      if (agentIds) await repo.replaceMembers(tx, ctx.workspaceId, id, unique(agentIds));
      if (transferGroupIds) await repo.replaceTransfers(tx, ctx.workspaceId, id, unique(transferGroupIds));
      await recordAudit(tx, ctx, { action: 'service_group.updated', entityType: 'service_group', entityId: id, changes: input });
      return (await loadServiceGroup(tx, ctx.workspaceId, id))!;
    }),
  );
}

export async function setServiceGroupStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const before = await loadServiceGroup(tx, ctx.workspaceId, id);
    if (!before) throw notFound('Service group');
    if (status === 'inactive') {
      // A channel's new conversations queue in its group: it must point elsewhere first.
      const channels = await activeChannelsUsingGroup(tx, ctx.workspaceId, id);
      if (channels.length) {
        throw conflict(`Channel "${channels[0].name}" sends its conversations to this group`, [
          { path: 'id', message: `used by channel: ${channels.map((c) => c.name).join(', ')}` },
        ]);
      }
    }
    const row = await repo.updateServiceGroup(tx, ctx.workspaceId, id, { status });
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'service_group.activated' : 'service_group.deactivated',
      entityType: 'service_group',
      entityId: id,
    });
    return { ...before, ...withDefaults(row!) };
  });
}
