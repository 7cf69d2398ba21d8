import { and, eq, inArray, or } from 'drizzle-orm';
import { can } from '@contracts/permissions';
import type { Ctx } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { conversations } from './conversation.schema';
import type { ConversationRow } from './conversation.repository';

export const supervises = (ctx: Ctx) => !!ctx.actor && can(ctx.actor.role, 'conversations.supervise');

/**
 * Who may read a conversation: supervisors; its agent (now, or who closed it); and an agent
 * serving the same contact now, who needs the contact's history (CONT-4). Others get 404.
 */
export async function assertCanView(ctx: Ctx, c: ConversationRow) {
  if (supervises(ctx)) return;
  const me = ctx.actor?.userId;
  if (me && (c.assigneeId === me || c.closedById === me)) return;
  if (me && (await servesContact(ctx, c.contactId))) return;
  throw notFound('Conversation');
}

export async function servesContact(ctx: Ctx, contactId: string): Promise<boolean> {
  const me = ctx.actor?.userId;
  if (!me) return false;
  const [row] = await ctx.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspaceId),
        eq(conversations.contactId, contactId),
        or(eq(conversations.assigneeId, me), eq(conversations.closedById, me)),
        inArray(conversations.status, ['active', 'pending', 'closed', 'expired']),
      ),
    )
    .limit(1);
  return !!row;
}

/** Acting on a conversation (send, transfer, close): its agent, or a supervisor. */
export function assertCanAct(ctx: Ctx, c: ConversationRow) {
  if (supervises(ctx) || (ctx.actor?.userId && c.assigneeId === ctx.actor.userId)) return;
  throw forbidden('Only the agent serving this conversation can do this');
}
