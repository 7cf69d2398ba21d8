import { channelSettingsSchema, type ChannelType } from '@contracts/serving';
import type { Ctx, Deps } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { businessHoursIdProblem } from '../business-hours';
import { mergePatch, serviceGroupSummaries } from '../service-groups';
import { whatsappCredentialsSchema, type ChannelInput, type ChannelPatch } from './channel.input';
import * as repo from './channel.repository';

export type ChannelRecord = repo.ChannelRow & { serviceGroupName: string | null };

/** Settings with every default filled (rows written before a setting existed lack it). */
export const withDefaults = (row: repo.ChannelRow): repo.ChannelRow => ({ ...row, settings: channelSettingsSchema.parse(row.settings ?? {}) });

async function withGroupNames(db: Executor, workspaceId: string, rows: repo.ChannelRow[]): Promise<ChannelRecord[]> {
  const names = new Map((await serviceGroupSummaries(db, workspaceId, rows.map((r) => r.serviceGroupId))).map((g) => [g.id, g.name]));
  return rows.map((r) => ({ ...withDefaults(r), serviceGroupName: names.get(r.serviceGroupId) ?? null }));
}

async function assertGroup(tx: Executor, ctx: Ctx, serviceGroupId: string, path = 'serviceGroupId') {
  const [group] = await serviceGroupSummaries(tx, ctx.workspaceId, [serviceGroupId]);
  if (!group) throw validationFailed([{ path, message: 'service group not found' }]);
  if (group.status !== 'active') throw validationFailed([{ path, message: 'service group is inactive' }]);
}

/** ROUTE-5: the channel's schedule must be one of the workspace's (the stored one stays accepted). */
async function assertBusinessHours(tx: Executor, ctx: Ctx, id: string | null | undefined, current: string | null = null) {
  const problem = await businessHoursIdProblem(tx, ctx.workspaceId, id, current);
  if (problem) throw validationFailed([problem]);
}

/** The credentials to seal for a channel of `type`, or a validation error naming each bad field. */
function checkedCredentials(type: ChannelType, given: Record<string, unknown> | undefined, stored: Record<string, unknown> | null) {
  if (type === 'webchat') {
    if (given && Object.keys(given).length) throw validationFailed([{ path: 'credentials', message: 'web chat channels have no credentials' }]);
    return null;
  }
  if (type === 'whatsapp') {
    // Secrets are never shown again, so an edit sends only what it rotates; the rest is kept.
    if (!given && stored) return null;
    const parsed = whatsappCredentialsSchema.safeParse({ ...(stored ?? {}), ...(given ?? {}) });
    if (!parsed.success) {
      const fields: FieldError[] = parsed.error.issues.map((i) => ({ path: ['credentials', ...i.path].join('.'), message: i.message }));
      throw validationFailed(fields);
    }
    return parsed.data;
  }
  return given ?? null;
}

/**
 * WhatsApp webhooks find their channel by phone_number_id (channels.external_key), so one
 * number serves one active channel across every workspace.
 */
async function externalKeyFor(tx: Executor, type: ChannelType, credentials: Record<string, unknown> | null, channelId: string | null) {
  if (type !== 'whatsapp' || !credentials) return undefined;
  const key = String(credentials.phoneNumberId);
  if (await repo.externalKeyTaken(tx, type, key, channelId)) {
    throw conflict('Another active channel already uses this WhatsApp number', [{ path: 'credentials.phoneNumberId', message: 'already in use' }]);
  }
  return key;
}

export function openCredentials(deps: Pick<Deps, 'secrets'>, channel: Pick<repo.ChannelRow, 'credentialsSealed'>): Record<string, unknown> | null {
  return channel.credentialsSealed ? (JSON.parse(deps.secrets.open(channel.credentialsSealed)) as Record<string, unknown>) : null;
}

const auditable = <T extends { credentials?: unknown }>(input: T) => ({ ...input, credentials: input.credentials ? '[redacted]' : undefined });

export async function listChannels(
  ctx: Ctx,
  q: { q?: string; type?: ChannelType; serviceGroupId?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string },
) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listChannels(ctx.db, ctx.workspaceId, { ...q, after });
  const { items, nextCursor } = pageOf(rows, q.limit, (r) => [r.name, r.id]);
  return { items: await withGroupNames(ctx.db, ctx.workspaceId, items), nextCursor };
}

export async function getChannelOrFail(ctx: Ctx, id: string) {
  const row = await repo.findChannel(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Channel');
  return (await withGroupNames(ctx.db, ctx.workspaceId, [row]))[0];
}

export async function createChannel(ctx: Ctx, input: ChannelInput) {
  return ctx.db.transaction(async (tx) => {
    await assertGroup(tx, ctx, input.serviceGroupId);
    await assertBusinessHours(tx, ctx, input.settings?.businessHoursId);
    const credentials = checkedCredentials(input.type, input.credentials, null);
    const row = await repo.insertChannel(tx, {
      workspaceId: ctx.workspaceId,
      type: input.type,
      name: input.name,
      serviceGroupId: input.serviceGroupId,
      settings: channelSettingsSchema.parse(input.settings ?? {}),
      credentialsSealed: credentials ? ctx.secrets.seal(JSON.stringify(credentials)) : null,
      externalKey: (await externalKeyFor(tx, input.type, credentials, null)) ?? null,
    });
    await recordAudit(tx, ctx, { action: 'channel.created', entityType: 'channel', entityId: row.id, changes: auditable(input) });
    return (await withGroupNames(tx, ctx.workspaceId, [row]))[0];
  });
}

export async function updateChannel(ctx: Ctx, id: string, input: ChannelPatch) {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findChannel(tx, ctx.workspaceId, id);
    if (!before) throw notFound('Channel');
    if (input.serviceGroupId && input.serviceGroupId !== before.serviceGroupId) await assertGroup(tx, ctx, input.serviceGroupId);
    await assertBusinessHours(tx, ctx, input.settings?.businessHoursId, withDefaults(before).settings.businessHoursId);
    const credentials = checkedCredentials(before.type, input.credentials, openCredentials(ctx, before));
    const row = await repo.updateChannel(tx, ctx.workspaceId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.serviceGroupId ? { serviceGroupId: input.serviceGroupId } : {}),
      ...(input.settings ? { settings: channelSettingsSchema.parse(mergePatch(withDefaults(before).settings, input.settings)) } : {}),
      ...(credentials ? { credentialsSealed: ctx.secrets.seal(JSON.stringify(credentials)) } : {}),
      ...(credentials && before.type === 'whatsapp' ? { externalKey: await externalKeyFor(tx, before.type, credentials, id) } : {}),
    });
    await recordAudit(tx, ctx, { action: 'channel.updated', entityType: 'channel', entityId: id, changes: auditable(input) });
    return (await withGroupNames(tx, ctx.workspaceId, [row!]))[0];
  });
}

export async function setChannelStatus(ctx: Ctx, id: string, status: 'active' | 'inactive') {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findChannel(tx, ctx.workspaceId, id);
    if (!before) throw notFound('Channel');
    if (status === 'active') {
      const [group] = await serviceGroupSummaries(tx, ctx.workspaceId, [before.serviceGroupId]);
      if (group?.status !== 'active') {
        throw conflict('The channel\'s service group is inactive: choose another group first', [
          { path: 'serviceGroupId', message: 'service group is inactive' },
        ]);
      }
    }
    if (status === 'active' && before.externalKey && (await repo.externalKeyTaken(tx, before.type, before.externalKey, id))) {
      throw conflict('Another active channel already uses this WhatsApp number', [{ path: 'credentials.phoneNumberId', message: 'already in use' }]);
    }
    const row = await repo.updateChannel(tx, ctx.workspaceId, id, { status });
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'channel.activated' : 'channel.deactivated',
      entityType: 'channel',
      entityId: id,
    });
    return (await withGroupNames(tx, ctx.workspaceId, [row!]))[0];
  });
}

/** A channel of the workspace with its settings' defaults filled, or null (for other modules). */
export async function getChannel(db: Executor, workspaceId: string, id: string) {
  const row = await repo.findChannel(db, workspaceId, id);
  return row ? withDefaults(row) : null;
}

/** A channel by id alone (public web chat and webhook lookups); the row says its workspace. */
export async function getChannelById(db: Executor, id: string) {
  const row = await repo.findChannelById(db, id);
  return row ? withDefaults(row) : null;
}
