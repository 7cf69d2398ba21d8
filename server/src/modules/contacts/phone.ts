import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone as E.164, reading national numbers as Brazilian; null when it is not a valid number. */
export function toE164(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw.trim(), 'BR');
  return p && p.isValid() ? p.number : null;
}
