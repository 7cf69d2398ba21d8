import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../lib/api';
import { notifyError } from '../../lib/errors';

/**
 * The configuration modules answer field errors in English (stable messages from the server);
 * these are shown translated under the inputs. Unknown messages pass through unchanged.
 */
const MESSAGES: Array<[RegExp, (t: TFunction, match: RegExpMatchArray) => string]> = [
  [/^service group not found$/i, (t) => t('config.fieldErrors.groupNotFound')],
  [/^service group is inactive$/i, (t) => t('config.fieldErrors.groupInactive')],
  [/^user not found$/i, (t) => t('config.fieldErrors.userNotFound')],
  [/^user is inactive$/i, (t) => t('config.fieldErrors.userInactive')],
  [/^only agents and supervisor-agents serve in groups$/i, (t) => t('config.fieldErrors.notServingRole')],
  [/^a group cannot transfer to itself$/i, (t) => t('config.fieldErrors.selfTransfer')],
  [/^survey not found$/i, (t) => t('config.fieldErrors.surveyNotFound')],
  [/^classification not found$/i, (t) => t('config.fieldErrors.classificationNotFound')],
  [/^choose a main level/i, (t) => t('config.fieldErrors.classificationNotRoot')],
  [/^classification is inactive$/i, (t) => t('config.fieldErrors.classificationInactive')],
  [/^required when classification is mandatory$/i, (t) => t('config.fieldErrors.classificationRequired')],
  [/^at most 3 levels/i, (t) => t('config.fieldErrors.tooDeep')],
  [/cannot move under itself/i, (t) => t('config.fieldErrors.cycle')],
  [/^use lowercase letters, digits and -/i, (t) => t('config.fieldErrors.shortcut')],
  [/^between 1 and 480$/i, (t) => t('config.fieldErrors.pauseMinutes')],
  [/must match pattern \/\^#/i, (t) => t('config.fieldErrors.color')],
  [/must match pattern \/\^\\d\\d:\\d\\d/i, (t) => t('fieldErrors.time')],
  [/^must be a URL$/i, (t) => t('config.fieldErrors.url')],
  [/web chat channels have no credentials/i, (t) => t('config.fieldErrors.noCredentials')],
  [/^used by channel: (.+)$/i, (t, m) => t('config.fieldErrors.usedByChannel', { names: m[1] })],
  [/^required by service group: (.+)$/i, (t, m) => t('config.fieldErrors.requiredByGroup', { names: m[1] })],
  [/^business hours not found$/i, (t) => t('businessHours.fieldErrors.notFound')],
  [/^business hours are inactive$/i, (t) => t('businessHours.fieldErrors.inactive')],
  [/^too big: expected string to have <=\s*(\d+) characters?/i, (t, m) => t('config.fieldErrors.tooLong', { max: m[1] })],
  [/too (small|big)|expected number/i, (t) => t('config.fieldErrors.number')],
];

export function translateConfigMessage(message: string, t: TFunction): string {
  for (const [pattern, translate] of MESSAGES) {
    const match = message.match(pattern);
    if (match) return translate(t, match);
  }
  return message;
}

/** The same error with its field messages translated, ready for handleFormError. */
export function localizeFieldErrors(err: unknown, t: TFunction): unknown {
  if (!isApiError(err) || !err.fields.length) return err;
  return new ApiError(
    err.status,
    err.code,
    err.message,
    err.fields.map((f) => ({ ...f, message: translateConfigMessage(f.message, t) })),
    err.retryAfter,
  );
}

/**
 * A refused status change or save outside a form: the specific reason when the server gave one
 * (a group still used by a channel), otherwise the generic sentence for the error code.
 */
export function notifyConfigError(err: unknown, t: TFunction) {
  if (isApiError(err) && err.fields.length === 1) {
    const specific = translateConfigMessage(err.fields[0].message, t);
    if (specific !== err.fields[0].message) {
      notifyError(new ApiError(err.status, 'specific', specific), t);
      return;
    }
  }
  notifyError(err, t);
}

