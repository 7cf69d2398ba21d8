import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../lib/api';
import { translateFieldMessage } from '../../lib/errors';

/**
 * The contact rules answer in English (contact.input.ts, phone.ts, document.ts and the
 * import); the ones a person meets are shown in their language. Unknown messages pass
 * through unchanged, which is still better than a generic "invalid".
 */
const MESSAGES: Array<[RegExp, (t: TFunction, m: RegExpMatchArray) => string]> = [
  [/^phone is empty$/i, (t) => t('contacts.reasons.phoneEmpty')],
  [/^phone extensions are not supported$/i, (t) => t('contacts.reasons.phoneExtension')],
  [/^write one phone number per field$/i, (t) => t('contacts.reasons.phoneSeveral')],
  [/^phone has characters other than digits$/i, (t) => t('contacts.reasons.phoneCharacters')],
  [/^phone is too short$/i, (t) => t('contacts.reasons.phoneShort')],
  [/^phone is too long$/i, (t) => t('contacts.reasons.phoneLong')],
  [/^area code \(DDD\) missing$/i, (t) => t('contacts.reasons.phoneAreaCode')],
  [/^invalid phone number$/i, (t) => t('contacts.reasons.phoneInvalid')],
  [/^another contact has this phone$/i, (t) => t('contacts.reasons.phoneTaken')],
  [/^document is empty$/i, (t) => t('contacts.reasons.documentEmpty')],
  [/^CPF must have 11 digits and CNPJ 14$/i, (t) => t('contacts.document.length', { type: 'CPF/CNPJ' })],
  [/^invalid (CPF|CNPJ) check digits$/i, (t, m) => t('contacts.document.checkDigits', { type: m[1].toUpperCase() })],
  [/^invalid (CPF|CNPJ): repeated digits$/i, (t, m) => t('contacts.document.repeated', { type: m[1].toUpperCase() })],
  [/^document must be a CPF/i, (t) => t('contacts.document.characters')],
  [/^this is a (CPF|CNPJ), not a (CPF|CNPJ)$/i, (t, m) => t('contacts.reasons.documentKind', { is: m[1].toUpperCase(), not: m[2].toUpperCase() })],
  [/^another contact has this document$/i, (t) => t('contacts.reasons.documentTaken')],
  [/^not a past calendar date$/i, (t) => t('contacts.reasons.birthDate')],
  [/^agent not found$/i, (t) => t('contacts.reasons.agentNotFound')],
  [/^service group not found$/i, (t) => t('contacts.reasons.groupNotFound')],
  [/^attribute not found or inactive$/i, (t) => t('contacts.reasons.attributeNotFound')],
  [/^invalid id$/i, (t) => t('contacts.reasons.invalidId')],
  [/^too big: expected string to have <=\s*(\d+) characters?/i, (t, m) => t('contacts.reasons.tooLong', { max: m[1] })],
  // The import's own reasons (contacts/import), per cell.
  [/^same (phone|CPF\/CNPJ) as row (\d+)$/i, (t, m) => t(m[1].toLowerCase() === 'phone' ? 'contacts.reasons.samePhoneAsRow' : 'contacts.reasons.sameDocumentAsRow', { row: m[2] })],
  [/^a contact with this phone already exists$/i, (t) => t('contacts.reasons.phoneExists')],
  [/^a contact with this CPF\/CNPJ already exists$/i, (t) => t('contacts.reasons.documentExists')],
  [/^another contact has this CPF\/CNPJ$/i, (t) => t('contacts.reasons.documentTaken')],
  [/^agent is inactive$/i, (t) => t('contacts.reasons.agentInactive')],
  [/^this user does not serve customers$/i, (t) => t('contacts.reasons.notAnAgent')],
  [/^must be a whole number from 0 to 100$/i, (t) => t('contacts.fieldErrors.priority')],
  [/^use DD\/MM\/YYYY or YYYY-MM-DD$/i, (t) => t('contacts.reasons.dateFormat')],
  [/^must be 1 to 3 digits/i, (t) => t('contacts.reasons.countryCode')],
  [/^required when (.+) is filled$/i, (t, m) => t('contacts.reasons.requiredWith', { column: m[1] })],
  // A refused file (400 on upload): the header row misses required columns or repeats one.
  [/^The file cannot be imported: (.+)$/i, (t, m) => t('contacts.import.refused', { reason: m[1].split('; ').map((part) => translateContactMessage(part, t)).join('; ') })],
  [/^missing required columns?: (.+)$/i, (t, m) => t('contacts.reasons.missingColumns', { names: m[1] })],
  [/^columns? written more than once: (.+)$/i, (t, m) => t('contacts.reasons.repeatedColumns', { names: m[1] })],
  [/^the file is empty$/i, (t) => t('contacts.reasons.emptyFile')],
  [/^the file is not a spreadsheet/i, (t) => t('contacts.reasons.notSpreadsheet')],
];

export function translateContactMessage(message: string, t: TFunction): string {
  for (const [pattern, translate] of MESSAGES) {
    const m = message.match(pattern);
    if (m) return translate(t, m);
  }
  return translateFieldMessage(message, t);
}

/** The same error with its field messages translated, ready for handleFormError. */
export function localizeContactErrors(err: unknown, t: TFunction): unknown {
  if (!isApiError(err) || !err.fields.length) return err;
  return new ApiError(err.status, err.code, err.message, err.fields.map((f) => ({ ...f, message: translateContactMessage(f.message, t) })), err.retryAfter);
}
