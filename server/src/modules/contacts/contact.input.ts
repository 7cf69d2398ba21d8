import { z } from 'zod';
import type { FieldError } from '../../platform/errors';
import { parseDocument } from './document';
import { normalizePhone } from './phone';
import type { ContactPhone, contacts } from './contact.schema';

const phoneTypes = ['mobile', 'fixed', 'unknown'] as const;

/** CONT-1 as the API and the import take it; what a person typed, checked by `contactValues`. */
export const contactInputSchema = z.object({
  displayName: z.string().trim().min(1, 'required').max(120),
  phones: z.array(z.object({ number: z.string().trim().min(1, 'required').max(40), type: z.enum(phoneTypes).optional() })).max(20).optional(),
  /** The main phone alone (the first of `phones`). */
  phone: z.string().trim().max(40).nullish(),
  email: z.string().trim().email('invalid e-mail').max(254).nullish(),
  birthDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').nullish(),
  showNameInGreeting: z.boolean().optional(),
  /** CPF or CNPJ, with or without punctuation. */
  document: z.union([z.string().trim().max(30), z.object({ type: z.enum(['cpf', 'cnpj']).optional(), number: z.string().trim().max(30) })]).nullish(),
  companyName: z.string().trim().max(120).nullish(),
  priority: z.number().int().min(0).max(100).optional(),
  walletAgentId: z.string().uuid('invalid id').nullish(),
  serviceGroupId: z.string().uuid('invalid id').nullish(),
  status: z.enum(['active', 'inactive']).optional(),
  attributes: z.array(z.object({ attributeId: z.string().uuid('invalid id'), value: z.string().trim().max(500) })).max(100).optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;
export type ContactValues = Partial<Omit<typeof contacts.$inferInsert, 'id' | 'workspaceId'>>;

const validDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getTime() <= Date.now();
};

/**
 * The row values of what was typed, normalized (phones E.164, document digits, e-mail lower
 * case), with every problem named by its field. Only the fields given are set (PATCH).
 */
export function contactValues(input: Partial<ContactInput>): { values: ContactValues; problems: FieldError[] } {
  const values: ContactValues = {};
  const problems: FieldError[] = [];
  if (input.displayName !== undefined) values.displayName = input.displayName;
  if (input.email !== undefined) values.email = input.email ? input.email.toLowerCase() : null;
  if (input.companyName !== undefined) values.companyName = input.companyName || null;
  if (input.priority !== undefined) values.priority = input.priority;
  if (input.walletAgentId !== undefined) values.walletAgentId = input.walletAgentId || null;
  if (input.serviceGroupId !== undefined) values.serviceGroupId = input.serviceGroupId || null;
  if (input.status !== undefined) values.status = input.status;
  if (input.showNameInGreeting !== undefined) values.showNameInGreeting = input.showNameInGreeting;
  if (input.birthDate !== undefined) {
    if (input.birthDate && !validDate(input.birthDate)) problems.push({ path: 'birthDate', message: 'not a past calendar date' });
    else values.birthDate = input.birthDate || null;
  }

  const typed = input.phones ?? (input.phone !== undefined ? (input.phone ? [{ number: input.phone }] : []) : undefined);
  if (typed) {
    const phones: ContactPhone[] = [];
    typed.forEach((p, i) => {
      const n = normalizePhone(p.number);
      const path = input.phones ? `phones.${i}.number` : 'phone';
      if (!n.ok) problems.push({ path, message: n.reason });
      else if (!phones.some((x) => x.number === n.e164)) phones.push({ number: n.e164, type: p.type ?? n.type });
    });
    values.phones = phones;
    values.phone = phones[0]?.number ?? null;
  }

  if (input.document !== undefined) {
    const raw = typeof input.document === 'string' ? input.document : input.document?.number;
    if (!raw) Object.assign(values, { documentType: null, documentNumber: null });
    else {
      const d = parseDocument(raw);
      const wanted = typeof input.document === 'object' ? input.document?.type : undefined;
      if (!d.ok) problems.push({ path: 'document', message: d.reason });
      else if (wanted && wanted !== d.type) problems.push({ path: 'document', message: `this is a ${d.type.toUpperCase()}, not a ${wanted.toUpperCase()}` });
      else Object.assign(values, { documentType: d.type, documentNumber: d.number });
    }
  }
  return { values, problems };
}
