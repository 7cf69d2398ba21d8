import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ConversationStatus } from '@contracts/serving';
import type { Ctx } from '../../platform/context';
import { emitEvents } from '../../platform/events/outbox';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { recordAudit } from '../audit';
import { webchatVisitors } from '../../channels/webchat/webchat.schema';
import { conversations } from '../conversations/conversation.schema';
import { contactAttributeValues, contactIdentities, contacts, type ContactPhone } from './contact.schema';

const OPEN: ConversationStatus[] = ['bot', 'queued', 'active', 'pending'];

/**
 * CONT-6 merge: `sourceId` joins `targetId` with all its history — conversations, channel
 * identities, web chat visitors, phones and attribute values move; fields the target lacks are
 * filled from the source; then the source is gone. Two different CPF/CNPJs, or an open
 * conversation of each on the same channel, mean two different people or a clash: refused.
 */
export async function mergeContacts(ctx: Ctx, targetId: string, sourceId: string) {
  if (targetId === sourceId) throw validationFailed([{ path: 'contactId', message: 'cannot merge a contact into itself' }]);
  return ctx.db.transaction(async (tx) => {
    const both = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, [targetId, sourceId])))
      .orderBy(contacts.id)
      .for('update');
    const target = both.find((c) => c.id === targetId);
    const source = both.find((c) => c.id === sourceId);
    if (!target) throw notFound('Contact');
    if (!source) throw validationFailed([{ path: 'contactId', message: 'contact not found' }]);
    if (target.documentNumber && source.documentNumber && target.documentNumber !== source.documentNumber) {
      throw conflict('The contacts have different CPF/CNPJ', [{ path: 'contactId', message: 'different documents' }]);
    }
    const open = await tx
      .select({ contactId: conversations.contactId, channelId: conversations.channelId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ctx.workspaceId), inArray(conversations.contactId, [targetId, sourceId]), inArray(conversations.status, OPEN)));
    const clash = open.find((a) => a.contactId === sourceId && open.some((b) => b.contactId === targetId && b.channelId === a.channelId));
    if (clash) throw conflict('Both contacts have an open conversation on the same channel; close one first', [{ path: 'contactId', message: 'open conversations on the same channel' }]);

    const moved = await tx
      .update(conversations)
      .set({ contactId: targetId, updatedAt: sql`now()` })
      .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.contactId, sourceId)))
      .returning({ id: conversations.id });
    await tx.update(contactIdentities).set({ contactId: targetId }).where(and(eq(contactIdentities.workspaceId, ctx.workspaceId), eq(contactIdentities.contactId, sourceId)));
    await tx.update(webchatVisitors).set({ contactId: targetId }).where(and(eq(webchatVisitors.workspaceId, ctx.workspaceId), eq(webchatVisitors.contactId, sourceId)));
    // The target's own attribute values win; the source's others come along.
    await tx.execute(sql`
      insert into contact_attribute_values (workspace_id, contact_id, attribute_id, value)
      select workspace_id, ${targetId}, attribute_id, value from contact_attribute_values
      where workspace_id = ${ctx.workspaceId} and contact_id = ${sourceId}
      on conflict do nothing`);
    await tx.delete(contactAttributeValues).where(and(eq(contactAttributeValues.workspaceId, ctx.workspaceId), eq(contactAttributeValues.contactId, sourceId)));

    const phones: ContactPhone[] = [...target.phones, ...source.phones.filter((p) => !target.phones.some((t) => t.number === p.number))];
    await tx.delete(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, sourceId)));
    const [merged] = await tx
      .update(contacts)
      .set({
        phones,
        email: target.email ?? source.email,
        birthDate: target.birthDate ?? source.birthDate,
        documentType: target.documentType ?? source.documentType,
        documentNumber: target.documentNumber ?? source.documentNumber,
        companyName: target.companyName ?? source.companyName,
        walletAgentId: target.walletAgentId ?? source.walletAgentId,
        serviceGroupId: target.serviceGroupId ?? source.serviceGroupId,
        priority: Math.max(target.priority, source.priority),
        updatedAt: sql`now()`,
      })
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, targetId)))
      .returning();
    await recordAudit(tx, ctx, { action: 'contact.merged', entityType: 'contact', entityId: targetId, changes: { mergedContactId: sourceId, conversations: moved.length } });
    await emitEvents(tx, moved.map((c) => ({ workspaceId: ctx.workspaceId, type: 'conversation.updated', payload: { conversationId: c.id } })));
    return merged;
  });
}
