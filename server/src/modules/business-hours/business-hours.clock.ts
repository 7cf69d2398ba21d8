import { WEEKDAYS, type Weekday } from '@contracts/users';
import type { Holiday, OpeningInterval, WeeklySchedule } from '@contracts/business-hours';

/**
 * ROUTE-5 clock: pure functions over a schedule, in the schedule's time zone. Intervals are
 * local wall-clock times, so a day on which the clocks change is 23 or 25 hours long and
 * "08:00" is a different UTC instant before and after the change.
 */
export interface Schedule {
  timeZone: string;
  weekly: Partial<WeeklySchedule>;
  holidays: Holiday[];
}

export type PartOfDay = 'morning' | 'afternoon' | 'night';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far nextOpeningAfter looks: a schedule closed for longer is treated as never opening. */
export const LOOKAHEAD_DAYS = 14;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Seconds since the local midnight. */
  seconds: number;
  /** The local wall clock read as if it were UTC (milliseconds), to compare with other wall times. */
  wall: number;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const parts = formatterOf(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const [y, mo, d, s] = [get('year'), get('month'), get('day'), get('second')];
  const h = get('hour') % 24;
  const mi = get('minute');
  const midnight = Date.UTC(y, mo - 1, d);
  return {
    date: new Date(midnight).toISOString().slice(0, 10),
    weekday: WEEKDAYS[new Date(midnight).getUTCDay()],
    seconds: h * 3600 + mi * 60 + s,
    wall: midnight + (h * 3600 + mi * 60 + s) * 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
const offsetAt = (ms: number, timeZone: string) => {
  const whole = Math.floor(ms / 1000) * 1000;
  return localTime(whole, timeZone).wall - whole;
};

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function intervalsOn(schedule: Schedule, date: string, weekday: Weekday): OpeningInterval[] {
  const holiday = schedule.holidays.find((h) => h.date === date);
  return holiday ? holiday.intervals : (schedule.weekly[weekday] ?? []);
}

/** Whether the schedule is open at this instant: its local day's intervals (a holiday's replace the weekday's). */
export function isOpenAt(schedule: Schedule, instant: Date): boolean {
  const local = localTime(instant.getTime(), schedule.timeZone);
  const minute = Math.floor(local.seconds / 60);
  return intervalsOn(schedule, local.date, local.weekday).some((r) => minutesOf(r.start) <= minute && minute < minutesOf(r.end));
}

/**
 * Every instant whose local wall time is `minute` on `date`: none when the clocks skip it, two
 * when they go back over it, otherwise one.
 */
function instantsOfWallTime(date: string, minute: number, timeZone: string): number[] {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE;
  const offsets = new Set([offsetAt(wall - 12 * HOUR, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 12 * HOUR, timeZone)]);
  return [...offsets].map((o) => wall - o).filter((ms) => localTime(ms, timeZone).wall === wall);
}

/** Instants in (from, to] at which the zone's offset changes (the first second of the new offset). */
function offsetChanges(from: number, to: number, timeZone: string): number[] {
  const step = 6 * HOUR;
  const changes: number[] = [];
  for (let t = from; t < to; t += step) {
    const end = Math.min(t + step, to);
    const before = offsetAt(t, timeZone);
    if (offsetAt(end, timeZone) === before) continue;
    let lo = Math.floor(t / 1000);
    let hi = Math.floor(end / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * 1000, timeZone) === before) lo = mid;
      else hi = mid;
    }
    changes.push(hi * 1000);
  }
  return changes;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * The first instant at or after `instant` at which the schedule is open (`instant` itself when
 * it is open now), or null when it stays closed for the next 14 days. A schedule can only open
 * where an interval starts or where the clocks jump into an interval, so only those instants
 * are tried.
 */
export function nextOpeningAfter(schedule: Schedule, instant: Date): Date | null {
  if (isOpenAt(schedule, instant)) return new Date(instant.getTime());
  const from = instant.getTime();
  const horizon = from + LOOKAHEAD_DAYS * DAY;
  const tz = schedule.timeZone;
  const candidates = offsetChanges(from, horizon, tz);
  const firstDate = localTime(from, tz).date;
  for (let k = 0; k <= LOOKAHEAD_DAYS + 1; k++) {
    const date = addDays(firstDate, k);
    const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
    for (const r of intervalsOn(schedule, date, weekday)) candidates.push(...instantsOfWallTime(date, minutesOf(r.start), tz));
  }
  const found = candidates
    .filter((ms) => ms > from && ms <= horizon)
    .sort((a, b) => a - b)
    .find((ms) => isOpenAt(schedule, new Date(ms)));
  return found === undefined ? null : new Date(found);
}

const secondsOf = (hhmmss: string) => {
  const [h = 0, m = 0, s = 0] = hhmmss.split(':').map(Number);
  return h * 3600 + m * 60 + s;
};

/**
 * CHAN-6 greeting variant for an instant: each part starts at its time and lasts until the next
 * part's start, around the clock (so night runs from nightStart past midnight to morningStart).
 */
export function partOfDay(
  instant: Date,
  timeZone: string,
  starts: { morningStart: string; afternoonStart: string; nightStart: string },
): PartOfDay {
  const now = localTime(instant.getTime(), timeZone).seconds;
  const parts = (
    [
      ['morning', secondsOf(starts.morningStart)],
      ['afternoon', secondsOf(starts.afternoonStart)],
      ['night', secondsOf(starts.nightStart)],
    ] as const
  )
    .slice()
    .sort((a, b) => a[1] - b[1]);
  const current = parts.filter(([, start]) => start <= now).pop() ?? parts[parts.length - 1];
  return current[0];
}
