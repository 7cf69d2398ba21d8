import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { auditLog } from './audit.schema';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  changes?: Record<string, unknown>;
  /** For events without a logged-in actor (failed logins): who it was about. */
  actorLabel?: string;
  actorUserId?: string | null;
}

const SECRET_FIELDS = new Set(['password', 'passwordHash', 'extensionPassword', 'consumerSecret', 'secretHash']);

/** Drops secret values from recorded changes: the log says a password changed, never to what. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && v != null ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function recordAudit(db: Executor, ctx: Ctx, entry: AuditEntry) {
  await db.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : ctx.actor?.userId ?? null,
    actorCredentialId: ctx.actor?.credentialId ?? null,
    actorLabel: entry.actorLabel ?? ctx.actor?.label ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    changes: entry.changes ? (redact(entry.changes) as Record<string, unknown>) : null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
}

export async function listAudit(ctx: Ctx, q: { action?: string; entityId?: string; limit: number; cursor?: string }) {
  // Ids grow with time, so the id alone orders the log and keys the cursor.
  const after = decodeCursor<[number]>(q.cursor, 1);
  const where: (SQL | undefined)[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (after) where.push(lt(auditLog.id, after[0]));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.id]);
}
