import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Role } from '@contracts/users';
import type { Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { notFound } from '../../platform/errors';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { recordAudit } from '../audit';
import { apiCredentials } from './auth.schema';
import { revokeCredentialSessions } from './session.repository';

export type ApiCredentialRow = typeof apiCredentials.$inferSelect;

/** Creates a credential; the secret is returned here once and only its hash is kept. */
export async function createApiCredential(ctx: Ctx, input: { name: string; role: Role }) {
  const consumerSecret = randomToken(32);
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(apiCredentials)
      .values({
        workspaceId: ctx.workspaceId,
        name: input.name,
        role: input.role,
        consumerKey: `ak_${randomToken(15)}`,
        secretHash: sha256(consumerSecret),
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'api_credential.created', entityType: 'api_credential', entityId: r.id, changes: input });
    return r;
  });
  return { row, consumerSecret };
}

export async function listApiCredentials(ctx: Ctx, q: { limit: number; cursor?: string }) {
  const after = decodeCursor<[string]>(q.cursor, 1);
  const rows = await ctx.db
    .select()
    .from(apiCredentials)
    .where(and(eq(apiCredentials.workspaceId, ctx.workspaceId), after ? lt(apiCredentials.id, after[0]) : undefined))
    .orderBy(desc(apiCredentials.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.id]);
}

/** Revoking ends every token issued to the credential at once. */
export async function revokeApiCredential(ctx: Ctx, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiCredentials)
      .set({ status: 'revoked', revokedAt: sql`coalesce(${apiCredentials.revokedAt}, now())` })
      .where(and(eq(apiCredentials.workspaceId, ctx.workspaceId), eq(apiCredentials.id, id)))
      .returning();
    if (!row) throw notFound('API credential');
    await revokeCredentialSessions(tx, ctx.workspaceId, id);
    await recordAudit(tx, ctx, { action: 'api_credential.revoked', entityType: 'api_credential', entityId: id });
    return row;
  });
}
