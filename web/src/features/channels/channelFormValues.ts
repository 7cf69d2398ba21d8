import type { TFunction } from 'i18next';
import { channelSettingsSchema, type ChannelSettings, type ChannelType } from '@contracts/serving';
import type { Channel, ChannelBody } from './channelsApi';

/** Minutes fields of CHAN-6 (0 = once / off); NumberInput leaves '' when cleared. */
type Minutes = number | string;

/**
 * The form mirrors the API's `settings` paths, so a server error such as
 * `settings.greeting.morningStart` lands under its input without renaming.
 */
export interface ChannelFormValues {
  type: ChannelType;
  name: string;
  serviceGroupId: string | null;
  settings: Omit<ChannelSettings, 'waitMessageIntervalMinutes' | 'expirationWarningMinutes'> & {
    waitMessageIntervalMinutes: Minutes;
    expirationWarningMinutes: Minutes;
  };
}

export const GREETING_STARTS = ['morningStart', 'afternoonStart', 'nightStart'] as const;
const MAX_MINUTES = 1440;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

// The API keeps HH:MM:SS; people type HH:MM (seconds of a greeting start do not matter).
const toFormTime = (hhmmss: string) => hhmmss.slice(0, 5);
const toApiTime = (hhmm: string) => `${hhmm}:00`;

export function channelFormValues(channel: Channel | null, t: TFunction): ChannelFormValues {
  // A new channel speaks the admin's language; the server's defaults are Portuguese.
  const defaults = channelSettingsSchema.parse({});
  // Settings stored before a field existed lack it; the contract's default fills the gap.
  const settings: ChannelSettings = channel
    ? { ...defaults, ...channel.settings }
    : {
        ...defaults,
        defaultContactName: t('automation.contacts.defaultNameValue'),
        widget: {
          ...defaults.widget,
          title: t('channels.defaults.title'),
          welcome: t('channels.defaults.welcome'),
          offlineMessage: t('channels.defaults.offlineMessage'),
        },
      };
  const greeting = { ...settings.greeting };
  for (const key of GREETING_STARTS) greeting[key] = toFormTime(greeting[key]);
  return {
    type: channel?.type ?? 'webchat',
    name: channel?.name ?? '',
    serviceGroupId: channel?.serviceGroupId ?? null,
    settings: { ...structuredClone(settings), greeting },
  };
}

const minutes = (v: Minutes) => (v === '' ? 0 : Number(v));
const text = (v: string) => v.trim();

/** The settings as the API takes them; web chat's widget only for web chat channels. */
function apiSettings(v: ChannelFormValues): ChannelBody['settings'] & Record<string, unknown> {
  const s = v.settings;
  const greeting = { text: text(s.greeting.text), morning: text(s.greeting.morning), afternoon: text(s.greeting.afternoon), night: text(s.greeting.night) };
  return {
    autoCreateContacts: s.autoCreateContacts,
    defaultContactName: text(s.defaultContactName),
    businessHoursId: s.businessHoursId,
    greeting: {
      ...greeting,
      morningStart: toApiTime(s.greeting.morningStart),
      afternoonStart: toApiTime(s.greeting.afternoonStart),
      nightStart: toApiTime(s.greeting.nightStart),
    },
    outOfHoursMessage: text(s.outOfHoursMessage),
    noAgentMessage: text(s.noAgentMessage),
    waitMessage: text(s.waitMessage),
    waitMessageIntervalMinutes: minutes(s.waitMessageIntervalMinutes),
    queuePositionMessage: text(s.queuePositionMessage),
    inactiveContactMessage: text(s.inactiveContactMessage),
    expirationWarningMessage: text(s.expirationWarningMessage),
    expirationWarningMinutes: minutes(s.expirationWarningMinutes),
    ...(v.type === 'webchat'
      ? { widget: { title: text(s.widget.title), color: s.widget.color, welcome: text(s.widget.welcome), offlineMessage: text(s.widget.offlineMessage) } }
      : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What differs from `before`, object by object (the API merges settings patches the same way). */
function changes(now: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(now)) {
    if (isObject(value) && isObject(before[key])) {
      const inner = changes(value, before[key]);
      if (Object.keys(inner).length) out[key] = inner;
    } else if (JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  return out;
}

export function createChannelBody(v: ChannelFormValues): ChannelBody {
  return { type: v.type, name: v.name.trim(), serviceGroupId: v.serviceGroupId!, settings: apiSettings(v) };
}

/** PATCH carries only what changed, so an edit never overwrites what another admin changed meanwhile. */
export function updateChannelBody(v: ChannelFormValues, initial: ChannelFormValues, channel: Channel): ChannelBody {
  const settings = changes(apiSettings(v), apiSettings(initial));
  return {
    ...(v.name.trim() !== channel.name ? { name: v.name.trim() } : {}),
    ...(v.serviceGroupId !== channel.serviceGroupId ? { serviceGroupId: v.serviceGroupId! } : {}),
    ...(Object.keys(settings).length ? { settings: settings as ChannelBody['settings'] } : {}),
  };
}

export function validateChannel(v: ChannelFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = t('fieldErrors.required');
  if (!v.serviceGroupId) errors.serviceGroupId = t('fieldErrors.required');
  if (v.type === 'webchat' && !/^#[0-9a-fA-F]{6}$/.test(v.settings.widget.color)) errors['settings.widget.color'] = t('config.fieldErrors.color');
  for (const key of GREETING_STARTS) {
    if (!HH_MM.test(v.settings.greeting[key])) errors[`settings.greeting.${key}`] = t('fieldErrors.time');
  }
  for (const key of ['waitMessageIntervalMinutes', 'expirationWarningMinutes'] as const) {
    const value = v.settings[key];
    if (value !== '' && (!Number.isInteger(Number(value)) || Number(value) < 0 || Number(value) > MAX_MINUTES)) {
      errors[`settings.${key}`] = t('automation.minutesRange');
    }
  }
  return errors;
}
