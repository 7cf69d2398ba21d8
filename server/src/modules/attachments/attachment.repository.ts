import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { attachments } from './attachment.schema';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function insertAttachment(db: Executor, values: typeof attachments.$inferInsert) {
  const [row] = await db.insert(attachments).values(values).returning();
  return row;
}

export async function findAttachment(db: Executor, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), eq(attachments.id, id)))
    .limit(1);
  return row ?? null;
}
