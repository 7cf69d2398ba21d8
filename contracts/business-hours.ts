import { z } from 'zod';
import { WEEKDAYS, type Weekday } from './users';

/** ROUTE-5 business hours: shapes shared by the server and the web forms (API.md `/api/v1/business-hours`). */

export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
export const MAX_INTERVALS_PER_DAY = 12;
export const MAX_HOLIDAYS = 366;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, 'use HH:MM');
/** Only well-formed times are compared, so a typo is reported once, on its own field. */
const wellFormed = (r: { start: string; end: string }) => HHMM.test(r.start) && (HHMM.test(r.end) || r.end === '24:00');

/** One opening interval, `[start, end)` in local wall time; "24:00" ends at midnight. */
export const openingIntervalSchema = z
  .object({ start: hhmm, end: z.union([hhmm, z.literal('24:00')], { error: 'use HH:MM' }) })
  .refine((r) => !wellFormed(r) || r.start < r.end, { message: 'end must be after start', path: ['end'] });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/**
 * A day's intervals, in any order. Touching intervals (08:00–12:00, 12:00–18:00) are fine; an
 * interval that starts before another one ends is refused on its own `start`.
 */
export const dayIntervalsSchema = z
  .array(openingIntervalSchema)
  .max(MAX_INTERVALS_PER_DAY, `at most ${MAX_INTERVALS_PER_DAY} intervals`)
  .superRefine((intervals, ctx) => {
    const order = intervals
      .map((r, i) => ({ ...r, i }))
      .filter((r) => wellFormed(r) && r.start < r.end)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.i - b.i));
    // The latest end so far, not just the previous one: 08–18 also covers 11–12 after 09–10.
    let reach = '';
    for (const r of order) {
      if (r.start < reach) ctx.addIssue({ code: 'custom', message: 'overlaps another interval', path: [r.i, 'start'] });
      if (r.end > reach) reach = r.end;
    }
  });

const days = <T extends z.ZodType>(day: T) => Object.fromEntries(WEEKDAYS.map((d) => [d, day])) as Record<Weekday, T>;

/** The weekly schedule: every weekday present (an empty list is a closed day). */
export const weeklyScheduleSchema = z.object(days(dayIntervalsSchema.default([])));
export type WeeklySchedule = Record<Weekday, OpeningInterval[]>;
/** PATCH: the weekdays sent replace theirs; the others stay as stored. */
export const weeklyPatchSchema = z.object(days(dayIntervalsSchema.optional()));

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, 'not a calendar date');

/** A dated exception: no intervals = closed all day; otherwise these are the day's only hours. */
export const holidaySchema = z.object({
  date: isoDate,
  name: z.string().trim().min(1, 'required').max(80),
  intervals: dayIntervalsSchema.default([]),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const holidaysSchema = z
  .array(holidaySchema)
  .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} holidays`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((h, i) => {
      if (seen.has(h.date)) ctx.addIssue({ code: 'custom', message: 'date already listed', path: [i, 'date'] });
      seen.add(h.date);
    });
  });

/** An IANA zone the runtime knows (Intl is the judge, so server and browser agree). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const timeZoneSchema = z.string().trim().min(1, 'required').max(64).refine(isKnownTimeZone, 'unknown time zone');

export const businessHoursInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(80),
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  weekly: weeklyScheduleSchema.default(Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as WeeklySchedule),
  holidays: holidaysSchema.default([]),
});
export type BusinessHoursInput = z.infer<typeof businessHoursInputSchema>;

export const businessHoursPatchSchema = z.object({
  name: z.string().trim().min(1, 'required').max(80).optional(),
  timeZone: timeZoneSchema.optional(),
  weekly: weeklyPatchSchema.optional(),
  holidays: holidaysSchema.optional(),
});
export type BusinessHoursPatch = z.infer<typeof businessHoursPatchSchema>;

const intervalOut = z.object({ start: z.string(), end: z.string() });
export const businessHoursSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.enum(WEEKDAYS), z.array(intervalOut)),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), intervals: z.array(intervalOut) })),
  /** Whether the schedule is open at the moment of the answer (handy to check a configuration). */
  openNow: z.boolean(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Zones offered by the form; any other IANA zone is accepted by the API. */
export const COMMON_TIME_ZONES = [
  'America/Sao_Paulo',
  'America/Manaus',
  'America/Cuiaba',
  'America/Campo_Grande',
  'America/Porto_Velho',
  'America/Boa_Vista',
  'America/Rio_Branco',
  'America/Belem',
  'America/Fortaleza',
  'America/Recife',
  'America/Bahia',
  'America/Maceio',
  'America/Araguaina',
  'America/Noronha',
  'America/Argentina/Buenos_Aires',
  'America/Santiago',
  'America/Bogota',
  'America/Lima',
  'America/Mexico_City',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/Lisbon',
  'Europe/London',
  'Europe/Madrid',
  'Europe/Berlin',
  'Africa/Luanda',
  'Africa/Maputo',
  'Asia/Tokyo',
  'UTC',
] as const;
