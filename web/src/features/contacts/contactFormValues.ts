import type { TFunction } from 'i18next';
import { formatContactPhone, formatDocument, readDocument } from './contactFormat';
import type { ContactBody, ContactRecord, PhoneType } from './contactRecordApi';

/** 'auto' lets the server tell mobile from fixed by the number itself. */
export type PhoneTypeChoice = PhoneType | 'auto';

/**
 * Form state mirrors the API body (phones.1.number, attributes.0.attributeId) so the server's
 * field paths land on the right input. Each row carries a key so React keeps the inputs
 * stable while rows are added and removed.
 */
export interface ContactFormValues {
  displayName: string;
  phones: Array<{ key: string; number: string; type: PhoneTypeChoice }>;
  email: string;
  birthDate: string;
  showNameInGreeting: boolean;
  document: string;
  companyName: string;
  priority: number | string;
  walletAgentId: string | null;
  serviceGroupId: string | null;
  attributes: Array<{ key: string; attributeId: string | null; value: string }>;
  status: 'active' | 'inactive';
}

let nextKey = 0;
export const rowKey = () => `row-${++nextKey}`;

export function emptyContactValues(): ContactFormValues {
  return {
    displayName: '',
    phones: [{ key: rowKey(), number: '', type: 'auto' }],
    email: '',
    birthDate: '',
    showNameInGreeting: true,
    document: '',
    companyName: '',
    priority: 0,
    walletAgentId: null,
    serviceGroupId: null,
    attributes: [],
    status: 'active',
  };
}

export function valuesFromContact(c: ContactRecord): ContactFormValues {
  return {
    displayName: c.displayName,
    phones: c.phones.length
      ? c.phones.map((p) => ({ key: rowKey(), number: formatContactPhone(p.number), type: p.type }))
      : [{ key: rowKey(), number: '', type: 'auto' }],
    email: c.email ?? '',
    birthDate: c.birthDate ?? '',
    showNameInGreeting: c.showNameInGreeting,
    document: formatDocument(c.document),
    companyName: c.companyName ?? '',
    priority: c.priority,
    walletAgentId: c.walletAgentId,
    serviceGroupId: c.serviceGroupId,
    attributes: c.attributes.map((a) => ({ key: rowKey(), attributeId: a.attributeId, value: a.value })),
    status: c.status,
  };
}

/** The rows that say something: an empty phone row or attribute pair is left out, not an error. */
const filledPhones = (v: ContactFormValues) => v.phones.map((p, i) => ({ p, i })).filter(({ p }) => p.number.trim());
const filledAttributes = (v: ContactFormValues) => v.attributes.map((a, i) => ({ a, i })).filter(({ a }) => a.attributeId || a.value.trim());

/**
 * The request body and how its list indexes map back onto the form's rows (empty rows are
 * not sent, so `phones.0` of the body may be the form's `phones.1`).
 */
export function contactBody(values: ContactFormValues, initial: ContactFormValues | null): { body: ContactBody; rename: Record<string, string> } {
  const phones = filledPhones(values);
  const attributes = filledAttributes(values);
  const rename: Record<string, string> = {};
  phones.forEach(({ i }, sent) => (rename[`phones.${sent}.number`] = `phones.${i}.number`));
  attributes.forEach(({ i }, sent) => {
    rename[`attributes.${sent}.attributeId`] = `attributes.${i}.attributeId`;
    rename[`attributes.${sent}.value`] = `attributes.${i}.value`;
  });
  // A contact with a single phone answers errors on the main phone as `phone`.
  if (phones.length) rename.phone = `phones.${phones[0].i}.number`;
  const full: Required<ContactBody> = {
    displayName: values.displayName.trim(),
    phones: phones.map(({ p }) => ({ number: p.number.trim(), ...(p.type !== 'auto' ? { type: p.type } : {}) })),
    email: values.email.trim() || null,
    birthDate: values.birthDate || null,
    showNameInGreeting: values.showNameInGreeting,
    document: values.document.trim() || null,
    companyName: values.companyName.trim() || null,
    priority: Number(values.priority) || 0,
    walletAgentId: values.walletAgentId || null,
    serviceGroupId: values.serviceGroupId || null,
    status: values.status,
    attributes: attributes.map(({ a }) => ({ attributeId: a.attributeId ?? '', value: a.value.trim() })),
  };
  if (!initial) return { body: full, rename };
  // An edit sends only what changed: an untouched field the person may not fix (a wallet agent
  // since deactivated) must not block saving the rest.
  const before = contactBody(initial, null).body as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (JSON.stringify(v) !== JSON.stringify(before[k])) body[k] = v;
  return { body: body as ContactBody, rename };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks worth making before a round trip; the server repeats them and adds its own. */
export function validateContact(v: ContactFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.displayName.trim()) errors.displayName = t('fieldErrors.required');
  if (v.email.trim() && !EMAIL.test(v.email.trim())) errors.email = t('fieldErrors.email');
  if (v.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) errors.birthDate = t('fieldErrors.date');
  const doc = readDocument(v.document);
  if (doc.state === 'invalid') errors.document = t(`contacts.document.${doc.reason}`, { type: doc.type ? doc.type.toUpperCase() : 'CPF/CNPJ' });
  const priority = Number(v.priority);
  if (v.priority === '' || !Number.isInteger(priority) || priority < 0 || priority > 100) errors.priority = t('contacts.fieldErrors.priority');
  v.attributes.forEach((a, i) => {
    if (a.value.trim() && !a.attributeId) errors[`attributes.${i}.attributeId`] = t('contacts.fieldErrors.chooseAttribute');
  });
  const seen = new Set<string>();
  v.attributes.forEach((a, i) => {
    if (!a.attributeId) return;
    if (seen.has(a.attributeId)) errors[`attributes.${i}.attributeId`] = t('contacts.fieldErrors.attributeTwice');
    seen.add(a.attributeId);
  });
  return errors;
}
