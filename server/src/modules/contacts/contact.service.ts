import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { users } from '../users/user.schema';
import { notFound, validationFailed } from '../../platform/errors';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { recordAudit } from '../audit';
import * as repo from './contact.repository';
import { toE164 } from './phone';

export const contactInputSchema = z.object({
  displayName: z.string().trim().min(1, 'required').max(120),
  phone: z.string().trim().max(40).nullish(),
  email: z.string().trim().email('invalid e-mail').max(254).nullish(),
  /** Higher is served first; with the group's "priority service", goes to the wallet agent. */
  priority: z.number().int().min(0).max(100).optional(),
  walletAgentId: z.string().uuid('invalid id').nullish(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const presentContact = (c: repo.ContactRow) => ({
  id: c.id,
  displayName: c.displayName,
  phone: c.phone,
  email: c.email,
  priority: c.priority,
  walletAgentId: c.walletAgentId,
  status: c.status,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** Phones are stored as E.164; what the user typed is checked, not trusted. */
function normalized(input: Partial<ContactInput>) {
  const out: Partial<{ displayName: string; phone: string | null; email: string | null; priority: number; walletAgentId: string | null }> = {};
  if (input.displayName !== undefined) out.displayName = input.displayName;
  if (input.priority !== undefined) out.priority = input.priority;
  if (input.walletAgentId !== undefined) out.walletAgentId = input.walletAgentId || null;
  if (input.email !== undefined) out.email = input.email || null;
  if (input.phone !== undefined) {
    if (!input.phone) out.phone = null;
    else {
      const e164 = toE164(input.phone);
      if (!e164) throw validationFailed([{ path: 'phone', message: 'invalid phone number' }]);
      out.phone = e164;
    }
  }
  return out;
}

/** A wallet agent is a user of this workspace who serves (agent or supervisor-agent). */
async function assertWalletAgent(tx: Executor, workspaceId: string, userId: string | null | undefined) {
  if (!userId) return;
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId), eq(users.status, 'active'), inArray(users.role, ['agent', 'supervisor_agent'])));
  if (!u) throw validationFailed([{ path: 'walletAgentId', message: 'agent not found' }]);
}

export async function createContact(ctx: Ctx, input: ContactInput) {
  const values = normalized(input);
  return ctx.db.transaction(async (tx) => {
    await assertWalletAgent(tx, ctx.workspaceId, values.walletAgentId);
    const row = await repo.insertContact(tx, { workspaceId: ctx.workspaceId, displayName: input.displayName, ...values });
    await recordAudit(tx, ctx, { action: 'contact.created', entityType: 'contact', entityId: row.id, changes: values });
    return row;
  });
}

export async function getContact(ctx: Ctx, id: string) {
  const row = await repo.findContact(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Contact');
  return row;
}

export async function updateContact(ctx: Ctx, id: string, input: Partial<ContactInput>) {
  const values = normalized(input);
  return ctx.db.transaction(async (tx) => {
    await assertWalletAgent(tx, ctx.workspaceId, values.walletAgentId);
    const row = await repo.updateContact(tx, ctx.workspaceId, id, values);
    if (!row) throw notFound('Contact');
    await recordAudit(tx, ctx, { action: 'contact.updated', entityType: 'contact', entityId: id, changes: values });
    return row;
  });
}

export async function listContacts(ctx: Ctx, q: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listContacts(ctx.db, ctx.workspaceId, { q: q.q, phone: q.q ? toE164(q.q) : null, limit: q.limit, after });
  return pageOf(rows, q.limit, (r) => [r.displayName, r.id]);
}
