import type { TFunction } from 'i18next';
import {
  DEFAULT_TIME_ZONE,
  businessHoursInputSchema,
  type BusinessHours,
  type OpeningInterval,
  type WeeklySchedule,
} from '@contracts/business-hours';
import { WEEKDAYS, type Weekday } from '@contracts/users';
import { translateFieldMessage } from '../../lib/errors';
import type { BusinessHoursBody } from './businessHoursApi';

/** Monday first, as a Brazilian office week reads. */
export const WEEK_ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface HolidayValues {
  date: string;
  name: string;
  /** Form-only: special hours that day (intervals) or closed all day (none are sent). */
  special: boolean;
  intervals: OpeningInterval[];
}

/** Form state mirrors the API body, so server paths (weekly.mon.0.end, holidays.1.date) land on their inputs. */
export interface BusinessHoursFormValues {
  name: string;
  timeZone: string;
  weekly: WeeklySchedule;
  holidays: HolidayValues[];
}

const copy = (intervals: OpeningInterval[]) => intervals.map((r) => ({ ...r }));

export function emptyBusinessHoursValues(): BusinessHoursFormValues {
  const office = [{ start: '08:00', end: '18:00' }];
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, d === 'sat' || d === 'sun' ? [] : copy(office)])) as unknown as WeeklySchedule;
  return { name: '', timeZone: DEFAULT_TIME_ZONE, weekly, holidays: [] };
}

export function valuesFromBusinessHours(b: BusinessHours): BusinessHoursFormValues {
  return {
    name: b.name,
    timeZone: b.timeZone,
    weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, copy(b.weekly[d] ?? [])])) as unknown as WeeklySchedule,
    holidays: b.holidays.map((h) => ({ date: h.date, name: h.name, special: h.intervals.length > 0, intervals: copy(h.intervals) })),
  };
}

function body(v: BusinessHoursFormValues) {
  return {
    name: v.name.trim(),
    timeZone: v.timeZone,
    weekly: v.weekly,
    holidays: v.holidays.map((h) => ({ date: h.date, name: h.name.trim(), intervals: h.special ? h.intervals : [] })),
  };
}

export const createBody = (v: BusinessHoursFormValues): BusinessHoursBody => body(v);

/** PATCH carries only what changed, so an edit never overwrites what another admin changed meanwhile. */
export function updateBody(v: BusinessHoursFormValues, initial: BusinessHoursFormValues): BusinessHoursBody {
  const now = body(v) as Record<string, unknown>;
  const before = body(initial) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(before[k])).map((k) => [k, now[k]]));
}

/** The contract's English messages, in the interface language. */
export function translateHoursMessage(message: string, t: TFunction): string {
  if (/overlaps another interval/i.test(message)) return t('businessHours.fieldErrors.overlap');
  if (/unknown time zone/i.test(message)) return t('businessHours.fieldErrors.timeZone');
  if (/date already listed/i.test(message)) return t('businessHours.fieldErrors.duplicateDate');
  if (/not a calendar date/i.test(message)) return t('fieldErrors.date');
  return translateFieldMessage(message, t);
}

/** The same zod schema the server applies, so the form flags exactly what the API would refuse. */
export function validateBusinessHours(v: BusinessHoursFormValues, t: TFunction): Record<string, string> {
  const parsed = businessHoursInputSchema.safeParse(body(v));
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= translateHoursMessage(issue.message, t);
  return errors;
}

const intervalsText = (intervals: OpeningInterval[], t: TFunction) =>
  intervals
    .slice()
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((r) => t('businessHours.summary.range', { from: r.start, to: r.end }))
    .join(', ');

/** "Seg–Sex 08:00–12:00, 13:00–18:00 · Sáb 09:00–13:00": consecutive days with the same hours share a line. */
export function weekSummary(weekly: Partial<WeeklySchedule>, t: TFunction): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < WEEK_ORDER.length) {
    const key = JSON.stringify(weekly[WEEK_ORDER[i]] ?? []);
    let j = i;
    while (j + 1 < WEEK_ORDER.length && JSON.stringify(weekly[WEEK_ORDER[j + 1]] ?? []) === key) j++;
    const intervals = weekly[WEEK_ORDER[i]] ?? [];
    if (intervals.length) {
      const first = t(`businessHours.weekdaysShort.${WEEK_ORDER[i]}`);
      const days = i === j ? first : t('businessHours.summary.range', { from: first, to: t(`businessHours.weekdaysShort.${WEEK_ORDER[j]}`) });
      lines.push(t('businessHours.summary.dayList', { days, hours: intervalsText(intervals, t) }));
    }
    i = j + 1;
  }
  return lines;
}

/** "America/Sao Paulo (GMT-3)": the zone with its current offset, which is what people recognise. */
export function timeZoneLabel(tz: string): string {
  try {
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return `${tz.replace(/_/g, ' ')}${offset ? ` (${offset})` : ''}`;
  } catch {
    return tz;
  }
}
