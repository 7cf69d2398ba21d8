import { WEEKDAYS } from '@contracts/users';
import type { BusinessHours, WeeklySchedule } from '@contracts/business-hours';
import { isOpenAt } from './business-hours.clock';
import type { BusinessHoursRow } from './business-hours.repository';

/** Every weekday present, in the order of the week (rows always have them; this keeps the shape exact). */
export const fullWeek = (weekly: Partial<WeeklySchedule>): WeeklySchedule =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, weekly[d] ?? []])) as unknown as WeeklySchedule;

export function presentBusinessHours(row: BusinessHoursRow, now: Date): BusinessHours {
  const weekly = fullWeek(row.weekly);
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly,
    holidays: row.holidays,
    openNow: isOpenAt({ timeZone: row.timeZone, weekly, holidays: row.holidays }, now),
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
