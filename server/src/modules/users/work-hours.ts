import { WEEKDAYS, type WorkHours } from '@contracts/users';

/** Weekday and HH:MM of an instant in a time zone (work hours are kept in the workspace's zone). */
export function localClock(at: Date, timeZone: string): { day: (typeof WEEKDAYS)[number]; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
  return { day, time: `${get('hour')}:${get('minute')}` };
}

/** USER-3: null means no restriction; otherwise the instant must fall in one of the day's ranges. */
export function withinWorkHours(hours: WorkHours | null | undefined, at: Date, timeZone: string): boolean {
  if (!hours) return true;
  const { day, time } = localClock(at, timeZone);
  return (hours[day] ?? []).some((r) => r.start <= time && time < r.end);
}
