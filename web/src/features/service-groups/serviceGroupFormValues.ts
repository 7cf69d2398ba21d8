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

/**
 * Timers the seeds switch on with a flag of "Configurações do grupo" ("Envio automático de
 * atendimento para pendente", "Posição da fila por período", "Parceiro WhatsApp/Facebook").
 * The contract has no flag: on = minutes set, off = null.
 */
export const SWITCHED_TIMERS = ['autoPendingMinutes', 'queuePositionMinutes', 'partnerInactivityWarningMinutes'] as const;
export type SwitchedTimer = (typeof SWITCHED_TIMERS)[number];
/** What a timer starts with when its flag is turned on, so the revealed field is never empty. */
export const SWITCHED_TIMER_DEFAULTS: Record<SwitchedTimer, number> = { autoPendingMinutes: 30, queuePositionMinutes: 5, partnerInactivityWarningMinutes: 60 };
const isSwitched = (f: TimerField): f is SwitchedTimer => (SWITCHED_TIMERS as readonly string[]).includes(f);

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
  /** Form only: the flags of the switched timers (a cleared field stays on until its flag is turned off). */
  timerOn: Record<SwitchedTimer, boolean>;
}

function timerValues(timers: ServiceGroupTimers): ServiceGroupFormValues['timers'] {
  const values = { inactivityScope: timers.inactivityScope } as ServiceGroupFormValues['timers'];
  for (const f of TIMER_FIELDS) values[f] = timers[f] ?? '';
  // 0 is "off" in the contract too: an off flag shows an empty field when turned on again.
  for (const f of SWITCHED_TIMERS) if (!timers[f]) values[f] = '';
  return values;
}

function timerFlags(timers: ServiceGroupTimers): ServiceGroupFormValues['timerOn'] {
  return Object.fromEntries(SWITCHED_TIMERS.map((f) => [f, Boolean(timers[f])])) as ServiceGroupFormValues['timerOn'];
}

export function emptyServiceGroupValues(): ServiceGroupFormValues {
  // The contact-center default of ROUTE-4: a conversation idle for 24 h closes.
  const timers = { ...serviceGroupTimersSchema.parse({}), inactivityMinutes: 1440 };
  return {
    name: '',
    operationId: null,
    strategy: 'longest_idle',
    agentIds: [],
    transferGroupIds: [],
    classificationId: null,
    classificationRequired: false,
    settings: serviceGroupSettingsSchema.parse({}),
    timers: timerValues(timers),
    timerOn: timerFlags(timers),
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
    timerOn: timerFlags(g.timers),
  };
}

const minutes = (v: number | string) => (v === '' || v === null ? null : Number(v));

function body(v: ServiceGroupFormValues) {
  const timers: Record<string, unknown> = { inactivityScope: v.timers.inactivityScope };
  for (const f of TIMER_FIELDS) timers[f] = isSwitched(f) && !v.timerOn[f] ? null : minutes(v.timers[f]);
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
    if (isSwitched(f)) {
      if (!v.timerOn[f]) continue;
      // A flag that is on needs its minutes: 0 or empty would silently mean "off".
      if (value === '' || !Number.isInteger(Number(value)) || Number(value) < 1 || Number(value) > MAX_MINUTES) {
        errors[`timers.${f}`] = t('serviceGroups.timers.switchedMinutesRange');
      }
      continue;
    }
    if (value === '') continue;
    const max = f === 'inactivityWarningPercent' ? 100 : MAX_MINUTES;
    if (!Number.isInteger(Number(value)) || Number(value) < 0 || Number(value) > max) {
      errors[`timers.${f}`] = f === 'inactivityWarningPercent' ? t('serviceGroups.timers.percentRange') : t('serviceGroups.timers.minutesRange');
    }
  }
  if (v.classificationRequired && !v.classificationId) errors.classificationId = t('config.fieldErrors.classificationRequired');
  return errors;
}
