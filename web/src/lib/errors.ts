import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { notifications } from '@mantine/notifications';
import i18n from './i18n';
import { isApiError, type ApiError } from './api';

const KNOWN_CODES = [
  'invalid_credentials',
  'rate_limited',
  'outside_work_hours',
  'user_inactive',
  'validation_failed',
  'conflict',
  'forbidden',
  'not_found',
  'unauthorized',
  'password_change_required',
  'network_error',
  'internal_error',
  'bad_request',
  'payload_too_large',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN_CODES as readonly string[]).includes(code);

/** Long lockouts read better in minutes than as "901 seconds". */
export function retryMessage(seconds: number, t: TFunction = i18n.t): string {
  return seconds > 90
    ? t('errors.rate_limited_retry_minutes', { count: Math.ceil(seconds / 60) })
    : t('errors.rate_limited_retry', { count: seconds });
}

/** A translated sentence for any thrown value; unknown codes fall back to the server's own message. */
export function errorMessage(err: unknown, t: TFunction = i18n.t): string {
  if (!isApiError(err)) return t('errors.unexpected');
  if (err.code === 'rate_limited') return err.retryAfter ? retryMessage(err.retryAfter, t) : t('errors.rate_limited');
  // A single, specific reason ("own account", "last active administrator") says more than the generic code.
  if (err.code === 'conflict' && err.fields.length === 1) {
    const specific = knownFieldMessage(err.fields[0].message, t);
    if (specific && !/taken|in use/i.test(err.fields[0].message)) return specific;
  }
  if (isKnown(err.code)) return t(`errors.${err.code}`);
  return err.message || t('errors.unexpected');
}

/**
 * Contract messages are English (they come from the shared zod schemas); the common ones are
 * translated here so a pt-BR user does not read English under a field.
 */
const FIELD_MESSAGES: Array<[RegExp, (t: TFunction) => string]> = [
  [/^required$/i, (t) => t('fieldErrors.required')],
  [/invalid e-?mail/i, (t) => t('fieldErrors.email')],
  [/^use HH:MM$/i, (t) => t('fieldErrors.time')],
  [/end must be after start/i, (t) => t('fieldErrors.endAfterStart')],
  [/between 0 and 80/i, (t) => t('fieldErrors.maxConversations')],
  [/^use YYYY-MM-DD$/i, (t) => t('fieldErrors.date')],
  [/at least 3 characters/i, (t) => t('fieldErrors.loginLength')],
  [/letters, digits and/i, (t) => t('fieldErrors.loginChars')],
  [/^password needs/i, (t) => t('fieldErrors.passwordPolicy')],
  [/already (in use|exists|taken)/i, (t) => t('fieldErrors.taken')],
  [/current password is incorrect/i, (t) => t('password.currentWrong')],
  [/must differ from the current/i, (t) => t('password.sameAsCurrent')],
  [/operation not found/i, (t) => t('fieldErrors.operationNotFound')],
  [/last active administrator/i, (t) => t('fieldErrors.lastAdmin')],
  [/^own account$/i, (t) => t('fieldErrors.ownAccount')],
];

function knownFieldMessage(message: string, t: TFunction): string | null {
  const hit = FIELD_MESSAGES.find(([pattern]) => pattern.test(message));
  return hit ? hit[1](t) : null;
}

export function translateFieldMessage(message: string, t: TFunction = i18n.t): string {
  return knownFieldMessage(message, t) ?? message;
}

interface FormLike {
  setErrors: (errors: Record<string, ReactNode>) => void;
}

/**
 * Puts the server's field errors under the matching inputs. `rename` maps server paths onto
 * form paths where they differ. Returns true when at least one field error was shown.
 */
export function applyFieldErrors(
  form: FormLike,
  err: unknown,
  t: TFunction = i18n.t,
  rename: Record<string, string> = {},
): boolean {
  if (!isApiError(err) || err.fields.length === 0) return false;
  const errors: Record<string, ReactNode> = {};
  for (const field of err.fields) {
    const path = rename[field.path] ?? field.path;
    if (!path) continue;
    errors[path] ??= translateFieldMessage(field.message, t);
  }
  form.setErrors(errors);
  return Object.keys(errors).length > 0;
}

export function notifyError(err: unknown, t: TFunction = i18n.t, title?: string) {
  notifications.show({ color: 'red', title: title ?? t('common.somethingWentWrong'), message: errorMessage(err, t) });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message });
}

/** Field errors go under the fields; anything else becomes a notification. */
export function handleFormError(form: FormLike, err: unknown, t: TFunction = i18n.t, rename?: Record<string, string>) {
  const shown = applyFieldErrors(form, err, t, rename);
  if (shown) notifications.show({ color: 'red', message: errorMessage(err, t) });
  else notifyError(err, t);
}

export type { ApiError };

/**
 * Moves the view to the first field the user has to fix, which may be far down a long form;
 * `afterMs` waits for a section that opens to show it (an accordion's animation).
 */
export function revealFirstError(container: HTMLElement | null, afterMs = 0) {
  const reveal = () => {
    const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    invalid?.focus({ preventScroll: true });
  };
  if (afterMs > 0) setTimeout(reveal, afterMs);
  else requestAnimationFrame(reveal);
}
