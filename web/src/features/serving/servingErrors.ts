import type { TFunction } from 'i18next';
import { isApiError } from '../../lib/api';
import { errorMessage, translateFieldMessage } from '../../lib/errors';

/**
 * The serving API's reasons (English, from the server) in the agent's language. Unknown ones
 * fall back to the shared translations, then to the server's own words.
 */
const REASONS: Array<[RegExp, (t: TFunction, m: RegExpExecArray) => string]> = [
  [/already serving this conversation/i, (t) => t('inbox.errors.alreadyServing')],
  [/^agent not found/i, (t) => t('inbox.errors.agentNotFound')],
  [/agent is offline/i, (t) => t('inbox.errors.agentOffline')],
  [/agent is paused/i, (t) => t('inbox.errors.agentPaused')],
  [/simultaneous limit|at their limit/i, (t) => t('inbox.errors.agentFull')],
  [/transfers to this group are not allowed/i, (t) => t('inbox.errors.groupNotAllowed')],
  [/not a classification of this group/i, (t) => t('inbox.errors.classificationNotInGroup')],
  [/requires a classification/i, (t) => t('inbox.errors.classificationRequired')],
  [/invalid phone/i, (t) => t('inbox.errors.invalidPhone')],
  [/conversation is (\w+)/i, (t, m) => t('inbox.errors.conversationIs', { status: t(`inbox.conversationStatus.${statusKey(m[1])}`) })],
  [/attachment not found/i, (t) => t('inbox.errors.attachmentNotFound')],
  [/type not allowed/i, (t) => t('inbox.errors.fileType')],
  [/empty file/i, (t) => t('inbox.errors.fileEmpty')],
  [/larger than/i, (t) => t('inbox.errors.fileTooLarge')],
  [/pause reason not found/i, (t) => t('inbox.errors.pauseReasonNotFound')],
];

const STATUSES = ['bot', 'queued', 'active', 'pending', 'closed', 'expired'] as const;
function statusKey(s: string): (typeof STATUSES)[number] {
  const lower = s.toLowerCase();
  return (STATUSES as readonly string[]).includes(lower) ? (lower as (typeof STATUSES)[number]) : 'closed';
}

export function servingFieldMessage(message: string, t: TFunction): string {
  for (const [pattern, text] of REASONS) {
    const match = pattern.exec(message);
    if (match) return text(t, match);
  }
  return translateFieldMessage(message, t);
}

/** One sentence for a failed serving action, naming the specific reason when the server gave one. */
export function servingErrorMessage(err: unknown, t: TFunction): string {
  if (!isApiError(err)) return errorMessage(err, t);
  if (err.code === 'payload_too_large') return t('inbox.errors.fileTooLarge');
  if (err.code === 'window_closed') return t('inbox.composer.windowClosed');
  if (err.fields.length > 0) return servingFieldMessage(err.fields[0].message, t);
  if (err.code === 'conflict') return t('inbox.errors.changed');
  if (err.code === 'forbidden') return t('inbox.errors.notYours');
  return errorMessage(err, t);
}
