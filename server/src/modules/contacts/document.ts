/**
 * Brazilian taxpayer documents of a contact (CONT-1): CPF (people, 11 digits) or CNPJ
 * (companies, 14 characters). Both end in two check digits (modulo 11).
 *
 * CNPJs assigned since July 2026 may be alphanumeric (IN RFB 2.229/2024): the first 12
 * characters are 0-9 or A-Z, the two check digits stay numeric, and every character
 * weighs its ASCII code minus 48 — which is its own value for a digit, so one algorithm
 * checks both kinds. `number` is therefore "digits" for every CPF and for the CNPJs of
 * before 2026, and upper-case letters and digits for the new ones.
 */
export type DocumentType = 'cpf' | 'cnpj';

export type ParsedDocument =
  | { ok: true; type: DocumentType; number: string }
  | { ok: false; reason: string };

// Punctuation people write in documents; anything else (other letters, symbols) is an error, not noise.
const PUNCTUATION = /[\s.\-/\\_]/g;

/**
 * A document as typed, without its punctuation and in upper case: the key to search stored
 * documents by ("123.456" → "123456"). Letters stay (alphanumeric CNPJ), so a search box
 * should treat a query as a document only when it has a digit.
 */
export function documentDigits(raw: string): string {
  return raw.replace(PUNCTUATION, '').toUpperCase();
}

export function parseDocument(raw: string): ParsedDocument {
  const value = documentDigits(raw ?? '');
  if (!value) return { ok: false, reason: 'document is empty' };
  if (/^\d{11}$/.test(value)) return checked('cpf', value);
  if (/^[0-9A-Z]{12}\d{2}$/.test(value)) return checked('cnpj', value);
  if (/^\d+$/.test(value)) return { ok: false, reason: 'CPF must have 11 digits and CNPJ 14' };
  // Check digits are always numeric, so a letter there is a wrong check digit.
  if (/^[0-9A-Z]{14}$/.test(value)) return { ok: false, reason: 'invalid CNPJ check digits' };
  return { ok: false, reason: 'document must be a CPF (11 digits) or a CNPJ (14 characters)' };
}

function checked(type: DocumentType, value: string): ParsedDocument {
  const label = type.toUpperCase();
  // All-equal numbers pass the modulo-11 check but the Receita never issues them.
  if (/^(.)\1+$/.test(value)) return { ok: false, reason: `invalid ${label}: repeated digits` };
  const body = value.slice(0, -2);
  const first = checkDigit(body, type);
  const second = checkDigit(body + first, type);
  if (value.slice(-2) !== `${first}${second}`) return { ok: false, reason: `invalid ${label} check digits` };
  return { ok: true, type, number: value };
}

/**
 * CPF weighs the characters 2, 3, 4… from the right without limit; CNPJ weighs them
 * 2…9 and starts over at 2. Remainders 0 and 1 give the check digit 0.
 */
function checkDigit(body: string, type: DocumentType): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - 1 - i;
    const weight = type === 'cpf' ? fromRight + 2 : (fromRight % 8) + 2;
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** The written form: 123.456.789-09 or 12.345.678/0001-95 (12.ABC.345/01DE-35 for the new CNPJs). */
export function formatDocument(type: DocumentType, digits: string): string {
  const v = documentDigits(digits);
  if (type === 'cpf') return v.length === 11 ? `${v.slice(0, 3)}.${v.slice(3, 6)}.${v.slice(6, 9)}-${v.slice(9)}` : v;
  return v.length === 14 ? `${v.slice(0, 2)}.${v.slice(2, 5)}.${v.slice(5, 8)}/${v.slice(8, 12)}-${v.slice(12)}` : v;
}
