import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db/client';
import { conflict, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { assertStrongPassword, hashPassword, insertUser } from '../users';
import { agentPermissionsSchema } from '@contracts/users';
import { workspaces } from './workspace.schema';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
});

export const presentWorkspace = (w: WorkspaceRow) => ({
  id: w.id,
  name: w.name,
  timeZone: w.timeZone,
  locale: w.locale,
  status: w.status,
  createdAt: w.createdAt.toISOString(),
});

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const updateWorkspaceSchema = z.object({
  name: z.string().trim().min(1, 'required').max(120).optional(),
  timeZone: timeZoneSchema.optional(),
  locale: z.enum(['pt-BR', 'en']).optional(),
});

export const setupSchema = z.object({
  workspaceName: z.string().trim().min(1, 'required').max(120),
  adminDisplayName: z.string().trim().min(1, 'required').max(120),
  adminLogin: z.string().trim().min(3, 'at least 3 characters').max(64).regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  adminPassword: z.string().min(1, 'required'),
  adminEmail: z.string().trim().email('invalid e-mail').optional(),
  timeZone: timeZoneSchema.optional(),
});
export type SetupInput = z.infer<typeof setupSchema>;

export async function getWorkspace(ctx: Ctx) {
  const [w] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!w) throw notFound('Workspace');
  return w;
}

export async function updateWorkspace(ctx: Ctx, input: z.infer<typeof updateWorkspaceSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [w] = await tx
      .update(workspaces)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(workspaces.id, ctx.workspaceId))
      .returning();
    await recordAudit(tx, ctx, { action: 'workspace.updated', entityType: 'workspace', entityId: w.id, changes: input });
    return w;
  });
}

export async function needsSetup(db: Db): Promise<boolean> {
  const r = await db.execute<{ any: boolean }>(sql`select exists (select 1 from workspaces) as any`);
  return !r.rows[0].any;
}

/**
 * Creates the first workspace and its administrator. Only while no workspace exists: the
 * check runs under a lock so two first visits (or processes) cannot both create one.
 */
export async function createFirstWorkspace(ctx: Omit<Ctx, 'workspaceId' | 'actor'>, input: SetupInput, mustChangePassword: boolean) {
  assertStrongPassword(input.adminPassword, 'adminPassword');
  const passwordHash = await hashPassword(input.adminPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7426002)`);
    const existing = await tx.execute<{ any: boolean }>(sql`select exists (select 1 from workspaces) as any`);
    if (existing.rows[0].any) throw conflict('Atende is already set up');
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.workspaceName, ...(input.timeZone ? { timeZone: input.timeZone } : {}) })
      .returning();
    const admin = await insertUser(tx, {
      workspaceId: workspace.id,
      login: input.adminLogin,
      displayName: input.adminDisplayName,
      email: input.adminEmail ?? null,
      role: 'admin',
      passwordHash,
      mustChangePassword,
      permissions: agentPermissionsSchema.parse({}),
      maxConversations: 0,
    });
    const wctx: Ctx = { ...ctx, workspaceId: workspace.id, actor: null };
    await recordAudit(tx, wctx, {
      action: 'workspace.created',
      entityType: 'workspace',
      entityId: workspace.id,
      actorUserId: admin.id,
      actorLabel: admin.login,
      changes: { name: workspace.name, adminLogin: admin.login },
    });
    return { workspace, admin };
  });
}

/** ATENDE_BOOTSTRAP_*: on a start with no workspace, create it; later starts do nothing. */
export async function bootstrapFromEnv(
  ctx: Omit<Ctx, 'workspaceId' | 'actor'>,
  env: { workspace?: string; login?: string; password?: string },
) {
  if (!env.workspace || !env.login || !env.password) return null;
  if (!(await needsSetup(ctx.db))) return null;
  try {
    const r = await createFirstWorkspace(
      ctx,
      { workspaceName: env.workspace, adminLogin: env.login, adminDisplayName: env.login, adminPassword: env.password },
      false,
    );
    ctx.log.info({ workspace: r.workspace.name, login: r.admin.login }, 'bootstrapped the first workspace');
    return r;
  } catch (e) {
    if ((e as { code?: string }).code === 'conflict') return null; // another process did it first
    if ((e as { code?: string }).code === 'validation_failed') {
      throw new Error('ATENDE_BOOTSTRAP_ADMIN_PASSWORD: ' + (e as { fields: { message: string }[] }).fields[0].message);
    }
    throw e;
  }
}

