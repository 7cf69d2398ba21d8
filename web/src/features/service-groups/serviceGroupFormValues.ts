import type { TFunction } from 'i18next';
import { serviceGroupSettingsSchema, serviceGroupTimersSchema, type ServiceGroupSettings, type ServiceGroupTimers, type Strategy } from '@contracts/serving';
import type { ServiceGroup, ServiceGroupBody } from './serviceGroupsApi';

/** ROUTE-4 minute fields: empty (or 0) means the timer is off. */
export const TIMER_FIELDS = [
  'inactivityMinutes',
  'inactivityWarningPercent',
  'initialSlaMinutes',
  'agentAnswerMinutes',
  'autoPendingMinutes',
  'queuePositionMinutes',
  'partnerInactivityWarningMinutes',
  'activeSendDelayMinutes',
] as const;
export type TimerField = (typeof TIMER_FIELDS)[number];

export interface ServiceGroupFormValues {
  name: string;
  operationId: string | null;
  strategy: Strategy;
  agentIds: string[];
  transferGroupIds: string[];
  classificationId: string | null;
  classificationRequired: boolean;
  settings: ServiceGroupSettings;
  timers: Record<TimerField, number | string> & { inactivityScope: ServiceGroupTimers['inactivityScope'] };
}

function timerValues(timers: ServiceGroupTimers): ServiceGroupFormValues['timers'] {
  const values = { inactivityScope: timers.inactivityScope } as ServiceGroupFormValues['timers'];
  for (const f of TIMER_FIELDS) values[f] = timers[f] ?? '';
  return values;
}

export function emptyServiceGroupValues(): ServiceGroupFormValues {
  return {
    name: '',
    operationId: null,
    strategy: 'longest_idle',
    agentIds: [],
    transferGroupIds: [],
    classificationId: null,
    classificationRequired: false,
    settings: serviceGroupSettingsSchema.parse({}),
    // The contact-center default of ROUTE-4: a conversation idle for 24 h closes.
    timers: timerValues({ ...serviceGroupTimersSchema.parse({}), inactivityMinutes: 1440 }),
  };
}

export function valuesFromServiceGroup(g: ServiceGroup): ServiceGroupFormValues {
  return {
    name: g.name,
    operationId: g.operationId,
    strategy: g.strategy,
    agentIds: [...g.agentIds],
    transferGroupIds: [...g.transferGroupIds],
    classificationId: g.classificationId,
    classificationRequired: g.classificationRequired,
    settings: structuredClone(g.settings),
    timers: timerValues(g.timers),
  };
}

const minutes = (v: number | string) => (v === '' || v === null ? null : Number(v));

function body(v: ServiceGroupFormValues) {
  const timers: Record<string, unknown> = { inactivityScope: v.timers.inactivityScope };
  for (const f of TIMER_FIELDS) timers[f] = minutes(v.timers[f]);
  return {
    name: v.name.trim(),
    operationId: v.operationId,
    strategy: v.strategy,
    agentIds: v.agentIds,
    transferGroupIds: v.transferGroupIds,
    classificationId: v.classificationId,
    classificationRequired: v.classificationId ? v.classificationRequired : false,
    settings: v.settings,
    timers: timers as ServiceGroupTimers,
  };
}

export const createBody = (v: ServiceGroupFormValues): ServiceGroupBody => body(v);

/** PATCH carries only what changed, so an edit never overwrites what another admin changed meanwhile. */
export function updateBody(v: ServiceGroupFormValues, initial: ServiceGroupFormValues): ServiceGroupBody {
  const now = body(v) as Record<string, unknown>;
  const before = body(initial) as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) changed[key] = now[key];
  }
  return changed as ServiceGroupBody;
}

const MAX_MINUTES = 525_600;

export function validateServiceGroup(v: ServiceGroupFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = t('fieldErrors.required');
  for (const f of TIMER_FIELDS) {
    const value = v.timers[f];
    if (value === '') continue;
    const max = f === 'inactivityWarningPercent' ? 100 : MAX_MINUTES;
    if (!Number.isInteger(Number(value)) || Number(value) < 0 || Number(value) > max) {
      errors[`timers.${f}`] = f === 'inactivityWarningPercent' ? t('serviceGroups.timers.percentRange') : t('serviceGroups.timers.minutesRange');
    }
  }
  if (v.classificationRequired && !v.classificationId) errors.classificationId = t('config.fieldErrors.classificationRequired');
  return errors;
}
