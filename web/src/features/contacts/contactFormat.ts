/**
 * How contact data reads on screen in Brazil: phones as "(11) 98765-4321", documents with
 * their usual punctuation. The server stores phones in E.164 and documents without
 * punctuation; these only present them.
 */

/** A Brazilian number without "+55" (it is the country everyone here dials); others stay in E.164. */
export function formatContactPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const br = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(phone);
  return br ? `(${br[1]}) ${br[2]}-${br[3]}` : phone;
}

export type DocumentType = 'cpf' | 'cnpj';

/** 000.000.000-00 for a CPF, 00.000.000/0000-00 for a CNPJ (alphanumeric CNPJs included). */
export function formatDocument(doc: { type: DocumentType; number: string } | null | undefined): string {
  if (!doc) return '';
  const n = doc.number;
  if (doc.type === 'cpf' && n.length === 11) return `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 9)}-${n.slice(9)}`;
  if (doc.type === 'cnpj' && n.length === 14) return `${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5, 8)}/${n.slice(8, 12)}-${n.slice(12)}`;
  return n;
}

export type DocumentReading =
  | { state: 'empty' }
  | { state: 'valid'; type: DocumentType; number: string }
  | { state: 'invalid'; type: DocumentType | null; reason: 'length' | 'checkDigits' | 'repeated' | 'characters' };

/**
 * What the person is typing in the single CPF/CNPJ field, so the form can say which one it
 * recognised before saving. Same rules as the server (modulo-11 check digits, alphanumeric
 * CNPJs of IN RFB 2.229/2024); the server still has the last word.
 */
export function readDocument(raw: string): DocumentReading {
  const value = raw.replace(/[\s.\-/\\_]/g, '').toUpperCase();
  if (!value) return { state: 'empty' };
  if (/^\d{11}$/.test(value)) return checked('cpf', value);
  if (/^[0-9A-Z]{12}\d{2}$/.test(value)) return checked('cnpj', value);
  if (/^\d+$/.test(value)) return { state: 'invalid', type: value.length > 11 ? 'cnpj' : value.length >= 9 ? 'cpf' : null, reason: 'length' };
  if (/^[0-9A-Z]{14}$/.test(value)) return { state: 'invalid', type: 'cnpj', reason: 'checkDigits' };
  return { state: 'invalid', type: null, reason: 'characters' };
}

function checked(type: DocumentType, value: string): DocumentReading {
  // All-equal numbers pass the check digits but are never issued.
  if (/^(.)\1+$/.test(value)) return { state: 'invalid', type, reason: 'repeated' };
  const body = value.slice(0, -2);
  const first = checkDigit(body, type);
  const second = checkDigit(body + first, type);
  return value.slice(-2) === `${first}${second}` ? { state: 'valid', type, number: value } : { state: 'invalid', type, reason: 'checkDigits' };
}

function checkDigit(body: string, type: DocumentType): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - 1 - i;
    sum += (body.charCodeAt(i) - 48) * (type === 'cpf' ? fromRight + 2 : (fromRight % 8) + 2);
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}
