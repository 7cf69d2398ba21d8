import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/unique';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors';
import { decodeCursor, pageOf } from '../../platform/db/pagination';
import { recordAudit } from '../audit';
import { users } from '../users/user.schema';
import { serviceGroups } from '../service-groups/service-group.schema';
import * as repo from './contact.repository';
import { contactAttributes } from './contact.schema';
import { contactValues, type ContactInput, type ContactValues } from './contact.input';
import { documentDigits, parseDocument } from './document';
import { normalizePhone, phoneSearchKey } from './phone';

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

/** What the typed text is: a CPF/CNPJ, an e-mail, a phone (whole or part), or a name. */
export function readSearch(text: string): repo.ContactSearch | undefined {
  const q = text.trim();
  if (!q) return undefined;
  if (q.includes('@')) return { by: 'email', email: q.toLowerCase() };
  const doc = parseDocument(q);
  if (doc.ok && /^[\d.\-/\s]+$/.test(q) && documentDigits(q).length !== 13) {
    // 11 digits may be a CPF or a phone with area code: a valid CPF wins, as people search documents whole.
    return { by: 'document', number: doc.number };
  }
  const digits = phoneSearchKey(q);
  if (digits && digits.length >= 3) {
    const whole = normalizePhone(q);
    return { by: 'phone', e164: whole.ok ? whole.e164 : null, digits };
  }
  return { by: 'name', text: q.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase() };
}

export async function listContacts(ctx: Ctx, q: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const search = q.q ? readSearch(q.q) : undefined;
  const page = search?.by === 'name' ? await byName(ctx, search.text, q) : await byIndex(ctx, search, q);
  const attrs = await repo.attributesOf(ctx.db, ctx.workspaceId, page.items.map((c) => c.id));
  return { items: page.items.map((c) => presentContact(c, attrs.get(c.id))), nextCursor: page.nextCursor };
}

async function byIndex(ctx: Ctx, search: repo.ContactSearch | undefined, q: { status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, 2);
  const rows = await repo.listContacts(ctx.db, ctx.workspaceId, { search, status: q.status, limit: q.limit, after });
  return pageOf(rows, q.limit, (r) => [r.displayName, r.id]);
}

/**
 * Names: first by word starts (any number of contacts, one page's cost); when nothing starts with
 * what was typed, inside words (trigram). The cursor's length says which of the two it pages.
 */
async function byName(ctx: Ctx, text: string, q: { status?: 'active' | 'inactive'; limit: number; cursor?: string }) {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 5);
  const inside = q.cursor && decodeCursorLength(q.cursor) === 2;
  if (words.length && !inside) {
    const after = decodeCursor<[string, string, string]>(q.cursor, 3);
    const rows = await repo.listContactsByName(ctx.db, ctx.workspaceId, { words, status: q.status, limit: q.limit, after });
    if (rows.length || after) {
      const page = pageOf(rows, q.limit, (r) => [r.word, r.sortName, r.contact.id]);
      // A name with two words starting alike ("Maria Mariana") comes once per page.
      const items = [...new Map(page.items.map((r) => [r.contact.id, r.contact])).values()];
      return { items, nextCursor: page.nextCursor };
    }
  }
  return byIndex(ctx, { by: 'name', text }, q);
}

const decodeCursorLength = (cursor: string) => {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) ? key.length : 0;
  } catch {
    return 0;
  }
};
