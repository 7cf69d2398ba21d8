import type { TFunction } from 'i18next';
import { WEEKDAYS, type CreateUserInput, type Role, type UpdateUserInput, type User, type Weekday } from '@contracts/users';
import { isPasswordAcceptable } from '../../ui/PasswordChecklist';

export interface TimeRange {
  start: string;
  end: string;
}

/** Form state mirrors the API body so server field paths (workHours.mon.0.end) land on the right input. */
export interface UserFormValues {
  login: string;
  displayName: string;
  role: Role;
  password: string;
  mustChangePassword: boolean;
  email: string;
  phone: string;
  company: string;
  department: string;
  profile: string;
  birthDate: string;
  socialToken: string;
  integrationKey: string;
  priority: number | string;
  maxConversations: number | string;
  restrictHours: boolean;
  workHours: Record<Weekday, TimeRange[]>;
  operationIds: string[];
  /** Groups the user serves in; only agents and supervisor-agents have them. */
  serviceGroupIds: string[];
  permissions: {
    viewGroupHistory: boolean;
    viewOperationHistory: boolean;
    confidentialHistory: boolean;
    recordCalls: boolean;
    voice: { enabled: boolean; channelId: string | null; extension: string; extensionPassword: string; pauseDuringCall: boolean };
  };
}

/** Monday first: how a business week is read in a schedule, whatever the calendar convention. */
export const WEEK_ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function businessWeek(): Record<Weekday, TimeRange[]> {
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as TimeRange[]])) as Record<Weekday, TimeRange[]>;
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) week[d] = [{ start: '08:00', end: '18:00' }];
  return week;
}

export function emptyUserValues(): UserFormValues {
  return {
    login: '',
    displayName: '',
    role: 'agent',
    password: '',
    mustChangePassword: true,
    email: '',
    phone: '',
    company: '',
    department: '',
    profile: '',
    birthDate: '',
    socialToken: '',
    integrationKey: '',
    priority: 0,
    maxConversations: 5,
    restrictHours: false,
    workHours: businessWeek(),
    operationIds: [],
    serviceGroupIds: [],
    permissions: {
      viewGroupHistory: false,
      viewOperationHistory: false,
      confidentialHistory: false,
      recordCalls: false,
      voice: { enabled: false, channelId: null, extension: '', extensionPassword: '', pauseDuringCall: true },
    },
  };
}

export function valuesFromUser(user: User): UserFormValues {
  const base = emptyUserValues();
  const voice = user.permissions?.voice;
  return {
    ...base,
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    email: user.email ?? '',
    phone: user.phone ?? '',
    company: user.company ?? '',
    department: user.department ?? '',
    profile: user.profile ?? '',
    birthDate: user.birthDate ?? '',
    socialToken: user.socialToken ?? '',
    integrationKey: user.integrationKey ?? '',
    priority: user.priority,
    maxConversations: user.maxConversations,
    restrictHours: user.workHours !== null,
    workHours: user.workHours
      ? (Object.fromEntries(WEEKDAYS.map((d) => [d, (user.workHours?.[d] ?? []).map((r) => ({ ...r }))])) as Record<Weekday, TimeRange[]>)
      : base.workHours,
    operationIds: [...(user.operationIds ?? [])],
    serviceGroupIds: [...(user.serviceGroupIds ?? [])],
    permissions: {
      viewGroupHistory: user.permissions?.viewGroupHistory ?? false,
      viewOperationHistory: user.permissions?.viewOperationHistory ?? false,
      confidentialHistory: user.permissions?.confidentialHistory ?? false,
      recordCalls: user.permissions?.recordCalls ?? false,
      voice: {
        enabled: voice?.enabled ?? false,
        channelId: voice?.channelId ?? null,
        extension: voice?.extension ?? '',
        extensionPassword: voice?.extensionPassword ?? '',
        pauseDuringCall: voice?.pauseDuringCall ?? true,
      },
    },
  };
}

/** Roles that serve conversations in service groups. */
export const servesInGroups = (role: Role) => role === 'agent' || role === 'supervisor_agent';

const text = (v: string) => (v.trim() ? v.trim() : null);
const int = (v: number | string) => (typeof v === 'number' ? v : Number.parseInt(v, 10));

/** Every editable field, in API shape (without login/password, which only some requests carry). */
function editableBody(v: UserFormValues) {
  return {
    displayName: v.displayName.trim(),
    role: v.role,
    email: text(v.email),
    phone: text(v.phone),
    company: text(v.company),
    department: text(v.department),
    profile: text(v.profile),
    birthDate: text(v.birthDate),
    socialToken: text(v.socialToken),
    integrationKey: text(v.integrationKey),
    priority: int(v.priority),
    maxConversations: int(v.maxConversations),
    workHours: v.restrictHours ? v.workHours : null,
    operationIds: v.operationIds,
    serviceGroupIds: servesInGroups(v.role) ? v.serviceGroupIds : [],
    permissions: {
      ...v.permissions,
      voice: {
        ...v.permissions.voice,
        extension: text(v.permissions.voice.extension),
        extensionPassword: text(v.permissions.voice.extensionPassword),
      },
    },
  };
}

export function createBody(v: UserFormValues): CreateUserInput {
  return { ...editableBody(v), login: v.login.trim(), password: v.password, mustChangePassword: v.mustChangePassword };
}

/** PATCH carries only what changed, so an edit never overwrites fields it did not touch. */
export function updateBody(v: UserFormValues, initial: UserFormValues): UpdateUserInput {
  const now = editableBody(v) as Record<string, unknown>;
  const before = editableBody(initial) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) body[key] = now[key];
  }
  if (v.password) body.password = v.password;
  if (v.password || v.mustChangePassword !== initial.mustChangePassword) body.mustChangePassword = v.mustChangePassword;
  return body as UpdateUserInput;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOGIN = /^[a-zA-Z0-9._@-]{3,64}$/;

/** The client checks what it can explain best; the server still validates everything. */
export function validateUser(v: UserFormValues, mode: 'create' | 'edit', t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.displayName.trim()) errors.displayName = t('fieldErrors.required');
  if (mode === 'create' && !LOGIN.test(v.login.trim())) {
    errors.login = v.login.trim().length < 3 ? t('fieldErrors.loginLength') : t('fieldErrors.loginChars');
  }
  if (mode === 'create' && !v.password) errors.password = t('fieldErrors.required');
  else if (v.password && !isPasswordAcceptable(v.password)) errors.password = t('fieldErrors.passwordPolicy');
  if (v.email.trim() && !/^\S+@\S+\.\S+$/.test(v.email.trim())) errors.email = t('fieldErrors.email');
  if (v.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) errors.birthDate = t('fieldErrors.date');
  const max = int(v.maxConversations);
  if (!Number.isInteger(max) || max < 0 || max > 80) errors.maxConversations = t('fieldErrors.maxConversations');
  const priority = int(v.priority);
  if (!Number.isInteger(priority) || priority < 0 || priority > 1000) errors.priority = t('fieldErrors.priority');
  if (v.restrictHours) {
    for (const day of WEEKDAYS) {
      v.workHours[day].forEach((range, i) => {
        if (!TIME.test(range.start)) errors[`workHours.${day}.${i}.start`] = t('fieldErrors.time');
        if (!TIME.test(range.end) && range.end !== '24:00') errors[`workHours.${day}.${i}.end`] = t('fieldErrors.time');
        else if (range.start >= range.end) errors[`workHours.${day}.${i}.end`] = t('fieldErrors.endAfterStart');
      });
    }
  }
  return errors;
}
