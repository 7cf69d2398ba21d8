import { parsePhoneNumberFromString as parseWithFullMetadata, type PhoneNumber } from 'libphonenumber-js/max';

/** A phone as E.164, reading national numbers as Brazilian; null when it is not a valid number. */
export function toE164(raw: string): string | null {
  // One rule for every writer (API, import, channels): the same number must give the same E.164.
  const p = normalizePhone(raw);
  return p.ok ? p.e164 : null;
}

export type PhoneType = 'mobile' | 'fixed' | 'unknown';
export type NormalizedPhone = { ok: true; e164: string; type: PhoneType } | { ok: false; reason: string };

// "tel:" from copied links, "0xx" (the old way to write "0 + carrier" before the DDD), and
// the typographic dashes word processors put in numbers.
const cleaned = (raw: string) =>
  (raw ?? '')
    .trim()
    .replace(/^tel:\s*/i, '')
    .replace(/^0\s*x\s*x\s*/i, '0')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
const EXTENSION = /(?:ramal|ram\.|extens\S*|ext\.?|\br\.?|\bx|#)\s*[:.]?\s*\d+\s*$/i;
const SEPARATOR = /[;,|]|\s\/\s|\s(?:e|ou|or|and)\s/i;
const PHONE_CHARS = /^[\d\s()+.\-/]*$/;

const fail = (reason: string): NormalizedPhone => ({ ok: false, reason });

/**
 * Reads a phone as people write it in Brazil — "(11) 98765-4321", "011 98765-4321",
 * "0xx11 98765-4321", "+55 11 98765-4321", "5511987654321", "11.98765.4321" — and returns
 * it as E.164. National numbers are Brazilian; foreign numbers need their "+" (or "00").
 *
 * Validity is libphonenumber's full metadata, which knows Brazil's number ranges, with
 * one addition: the ninth digit. Since 2016 every Brazilian mobile has 9 digits starting
 * with 9, and old spreadsheets still hold the 8-digit form, e.g. "(11) 8765-4321". When
 * libphonenumber rejects a 10-digit Brazilian number (DDD + 8) whose subscriber part starts
 * with 6–9 — the old mobile ranges — and the same number with a 9 in front is a valid
 * mobile, that is the number returned (+5511987654321). Numbers libphonenumber accepts as
 * they are stay as they are (fixed lines starting with 2–5, and the few 8-digit ranges its
 * metadata still lists, such as some 7xxx-xxxx in São Paulo).
 */
export function normalizePhone(raw: string): NormalizedPhone {
  const text = cleaned(raw);
  if (!text) return fail('phone is empty');
  if (EXTENSION.test(text)) return fail('phone extensions are not supported');
  if (SEPARATOR.test(text) || text.split('/').filter((part) => digitsOf(part).length >= 8).length > 1) {
    return fail('write one phone number per field');
  }
  if (!PHONE_CHARS.test(text)) return fail('phone has characters other than digits');
  const digits = digitsOf(text);
  if (digits.length < 8) return fail('phone is too short');
  const international = text.startsWith('+');
  // One leading 0 is the trunk prefix ("011 …"); what is left must hold a DDD and a subscriber number.
  if (!international && digits.replace(/^0/, '').length <= 9) return fail('area code (DDD) missing');
  if (digits.length > 17) return fail('phone is too long');

  for (const candidate of candidates(digits, international)) {
    const phone = parseWithFullMetadata(candidate, 'BR');
    if (!phone) continue;
    if (phone.isValid()) return found(phone);
    const withNinthDigit = addNinthDigit(phone);
    if (withNinthDigit) return found(withNinthDigit);
  }
  return fail('invalid phone number');
}

function candidates(digits: string, international: boolean): string[] {
  if (international) return [`+${digits}`];
  // Dialled from Brazil, "00" opens an international call, with or without a 2-digit carrier
  // code ("00 55 11…", "0021 1 202…"); a plain national number never starts with 00.
  if (digits.startsWith('00')) return [`+${digits.slice(2)}`, `+${digits.slice(4)}`];
  return [digits];
}

function addNinthDigit(phone: PhoneNumber): PhoneNumber | undefined {
  const national = phone.nationalNumber as string;
  if (phone.countryCallingCode !== '55' || national.length !== 10 || !/^[6-9]$/.test(national[2])) return undefined;
  const upgraded = parseWithFullMetadata(`+55${national.slice(0, 2)}9${national.slice(2)}`);
  return upgraded?.isValid() && upgraded.getType() === 'MOBILE' ? upgraded : undefined;
}

function found(phone: PhoneNumber): NormalizedPhone {
  const kind = phone.getType();
  const type: PhoneType = kind === 'MOBILE' ? 'mobile' : kind === 'FIXED_LINE' ? 'fixed' : 'unknown';
  return { ok: true, e164: phone.number as string, type };
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * The digits to search stored E.164 phones by (a substring of them, without the "+"),
 * from a phone written in any form, whole or in part: "(11) 98765" → "1198765",
 * "0xx11 9876" → "119876", a whole "(11) 8765-4321" → "5511987654321". Trunk and
 * international zeros are dropped because E.164 has none. Null when the text is not
 * phone-like (letters, e.g. a name) or has no digits.
 */
export function phoneSearchKey(raw: string): string | null {
  const whole = normalizePhone(raw);
  if (whole.ok) return whole.e164.slice(1);
  const text = cleaned(raw);
  if (!PHONE_CHARS.test(text)) return null;
  const digits = digitsOf(text).replace(/^0+/, '');
  return digits || null;
}
