import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { users } from '../users/user.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import * as repo from './contact.repository';
import { contactAttributes } from './contact.schema';
import { contactValues, type ContactInput, type ContactValues } from './contact.input';

export { contactInputSchema, type ContactInput } from './contact.input';

type Attr = { attributeId: string; name: string; value: string };

export const presentContact = (c: repo.ContactRow, attributes: Attr[] = []) => ({
  id: c.id,
  displayName: c.displayName,
  username: c.username,
  phone: c.phone,
  phones: c.phones,
  email: c.email,
  birthDate: c.birthDate,
  showNameInGreeting: c.showNameInGreeting,
  document: c.documentType && c.documentNumber ? { type: c.documentType, number: c.documentNumber } : null,
  companyName: c.companyName,
  priority: c.priority,
  attributes,
  walletAgentId: c.walletAgentId,
  serviceGroupId: c.serviceGroupId,
  status: c.status,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** The checks that need the database: wallet agent, attributes, and no other contact with the same phone or document. */
async function databaseProblems(tx: Executor, workspaceId: string, values: ContactValues, input: Partial<ContactInput>, selfId: string | null) {
  const problems: FieldError[] = [];
  if (values.walletAgentId) {
    const [u] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, values.walletAgentId), eq(users.status, 'active'), inArray(users.role, ['agent', 'supervisor_agent'])));
    if (!u) problems.push({ path: 'walletAgentId', message: 'agent not found' });
  }
  if (values.serviceGroupId) {
    const [g] = await tx.select({ id: serviceGroups.id }).from(serviceGroups).where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, values.serviceGroupId)));
    if (!g) problems.push({ path: 'serviceGroupId', message: 'service group not found' });
  }
  if (input.attributes?.length) {
    const ids = [...new Set(input.attributes.map((a) => a.attributeId))];
    const found = await tx
      .select({ id: contactAttributes.id })
      .from(contactAttributes)
      .where(and(eq(contactAttributes.workspaceId, workspaceId), inArray(contactAttributes.id, ids), eq(contactAttributes.status, 'active')));
    const known = new Set(found.map((a) => a.id));
    input.attributes.forEach((a, i) => {
      if (!known.has(a.attributeId)) problems.push({ path: `attributes.${i}.attributeId`, message: 'attribute not found or inactive' });
    });
  }
  if (values.phones?.length) {
    const others = (await repo.contactsWithPhones(tx, workspaceId, values.phones.map((p) => p.number))).filter((c) => c.id !== selfId);
    values.phones.forEach((p, i) => {
      if (others.some((c) => c.phoneNumbers.includes(p.number))) problems.push({ path: input.phones ? `phones.${i}.number` : 'phone', message: 'another contact has this phone' });
    });
  }
  return problems;
}

async function save(ctx: Ctx, input: Partial<ContactInput>, id: string | null) {
  const { values, problems } = contactValues(input);
  if (problems.length) throw validationFailed(problems);
  try {
    return await ctx.db.transaction(async (tx) => {
      const more = await databaseProblems(tx, ctx.workspaceId, values, input, id);
      if (more.length) throw validationFailed(more);
      const row = id
        ? await repo.updateContact(tx, ctx.workspaceId, id, values)
        : await repo.insertContact(tx, { workspaceId: ctx.workspaceId, displayName: input.displayName!, ...values });
      if (!row) throw notFound('Contact');
      if (input.attributes) await repo.setAttributeValues(tx, ctx.workspaceId, row.id, input.attributes);
      await recordAudit(tx, ctx, { action: id ? 'contact.updated' : 'contact.created', entityType: 'contact', entityId: row.id, changes: { ...values, ...(input.attributes ? { attributes: input.attributes } : {}) } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'contacts_workspace_document_uq')) throw conflict('Another contact has this CPF/CNPJ', [{ path: 'document', message: 'another contact has this document' }]);
    throw err;
  }
}

export const createContact = (ctx: Ctx, input: ContactInput) => save(ctx, input, null);
export const updateContact = (ctx: Ctx, id: string, input: Partial<ContactInput>) => save(ctx, input, id);

export async function getContact(ctx: Ctx, id: string) {
  const row = await repo.findContact(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Contact');
  return presentContact(row, (await repo.attributesOf(ctx.db, ctx.workspaceId, [row.id])).get(row.id));
}
