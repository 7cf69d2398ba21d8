import { describe, expect, it } from 'vitest';
import type { Holiday, WeeklySchedule } from '@contracts/business-hours';
import { isOpenAt, nextOpeningAfter, partOfDay, type Schedule } from './business-hours.clock';

const closedWeek: WeeklySchedule = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };
const office = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const weekdays: WeeklySchedule = { ...closedWeek, mon: office, tue: office, wed: office, thu: office, fri: office };
const schedule = (weekly: Partial<WeeklySchedule>, holidays: Holiday[] = [], timeZone = 'America/Sao_Paulo'): Schedule => ({
  timeZone,
  weekly: { ...closedWeek, ...weekly },
  holidays,
});
const at = (iso: string) => new Date(iso);
const next = (s: Schedule, iso: string) => nextOpeningAfter(s, at(iso))?.toISOString() ?? null;

// São Paulo is UTC-3 all year (no daylight saving since 2019): 08:00 local = 11:00Z.
describe('isOpenAt', () => {
  const s = schedule(weekdays);

  it('follows the weekday intervals, start included and end excluded', () => {
    // Monday 2026-11-23.
    expect(isOpenAt(s, at('2026-11-23T10:59:59Z'))).toBe(false); // 07:59:59
    expect(isOpenAt(s, at('2026-11-23T11:00:00Z'))).toBe(true); // 08:00
    expect(isOpenAt(s, at('2026-11-23T14:59:00Z'))).toBe(true); // 11:59
    expect(isOpenAt(s, at('2026-11-23T15:00:00Z'))).toBe(false); // 12:00, lunch
    expect(isOpenAt(s, at('2026-11-23T16:00:00Z'))).toBe(true); // 13:00
    expect(isOpenAt(s, at('2026-11-23T21:00:00Z'))).toBe(false); // 18:00
    expect(isOpenAt(s, at('2026-11-22T15:00:00Z'))).toBe(false); // Sunday noon
  });

  it('uses the local day at the midnight edges, with 24:00 closing at midnight', () => {
    const monday = schedule({ mon: [{ start: '00:00', end: '24:00' }] });
    expect(isOpenAt(monday, at('2026-11-23T02:59:59Z'))).toBe(false); // Sunday 23:59:59 local, already Monday in UTC
    expect(isOpenAt(monday, at('2026-11-23T03:00:00Z'))).toBe(true); // Monday 00:00
    expect(isOpenAt(monday, at('2026-11-24T02:59:59Z'))).toBe(true); // Monday 23:59:59, Tuesday in UTC
    expect(isOpenAt(monday, at('2026-11-24T03:00:00Z'))).toBe(false); // Tuesday 00:00
  });

  it('closes all day on a holiday without intervals', () => {
    // Friday 2026-12-25.
    const s2 = schedule(weekdays, [{ date: '2026-12-25', name: 'Natal', intervals: [] }]);
    expect(isOpenAt(s2, at('2026-12-25T14:00:00Z'))).toBe(false);
    expect(isOpenAt(s2, at('2026-12-18T14:00:00Z'))).toBe(true); // the Friday before
  });

  it('uses only the holiday hours on a holiday with intervals, even on a closed weekday', () => {
    const s2 = schedule(weekdays, [
      { date: '2026-12-24', name: 'Véspera de Natal', intervals: [{ start: '08:00', end: '12:00' }] },
      { date: '2026-11-21', name: 'Mutirão de sábado', intervals: [{ start: '09:00', end: '13:00' }] },
    ]);
    expect(isOpenAt(s2, at('2026-12-24T14:00:00Z'))).toBe(true); // 11:00
    expect(isOpenAt(s2, at('2026-12-24T16:30:00Z'))).toBe(false); // 13:30: open on a normal Thursday
    expect(isOpenAt(s2, at('2026-11-21T12:00:00Z'))).toBe(true); // Saturday 09:00
  });
});

describe('nextOpeningAfter', () => {
  const s = schedule(weekdays);

  it('is the instant itself when open', () => {
    expect(next(s, '2026-11-23T12:34:56Z')).toBe('2026-11-23T12:34:56.000Z');
  });

  it('finds the next interval of the same day and of the next day', () => {
    expect(next(s, '2026-11-23T15:30:00Z')).toBe('2026-11-23T16:00:00.000Z'); // lunch → 13:00
    expect(next(s, '2026-11-23T22:00:00Z')).toBe('2026-11-24T11:00:00.000Z'); // Monday 19:00 → Tuesday 08:00
    expect(next(s, '2026-11-24T02:30:00Z')).toBe('2026-11-24T11:00:00.000Z'); // Monday 23:30 local
  });

  it('skips the weekend', () => {
    // Friday 2026-11-27 18:30 → Monday 2026-11-30 08:00.
    expect(next(s, '2026-11-27T21:30:00Z')).toBe('2026-11-30T11:00:00.000Z');
    expect(next(s, '2026-11-28T15:00:00Z')).toBe('2026-11-30T11:00:00.000Z'); // from Saturday
  });

  it('skips a closed holiday and opens on a special-hours holiday', () => {
    const s2 = schedule(weekdays, [
      { date: '2026-12-24', name: 'Véspera de Natal', intervals: [{ start: '09:00', end: '12:00' }] },
      { date: '2026-12-25', name: 'Natal', intervals: [] },
    ]);
    expect(next(s2, '2026-12-23T22:00:00Z')).toBe('2026-12-24T12:00:00.000Z'); // Thursday opens at 09:00, not 08:00
    expect(next(s2, '2026-12-24T15:00:00Z')).toBe('2026-12-28T11:00:00.000Z'); // Christmas Eve noon → Monday
  });

  it('is null when closed for the next 14 days', () => {
    expect(nextOpeningAfter(schedule({}), at('2026-11-23T12:00:00Z'))).toBeNull();
    const later = (date: string) => schedule({}, [{ date, name: 'Plantão', intervals: [{ start: '10:00', end: '11:00' }] }]);
    expect(next(later('2026-12-03'), '2026-11-23T12:00:00Z')).toBe('2026-12-03T13:00:00.000Z'); // 10 days ahead
    expect(next(later('2026-12-13'), '2026-11-23T12:00:00Z')).toBeNull(); // 20 days ahead
  });

  it('treats touching intervals as one stretch', () => {
    const split = schedule({ mon: [{ start: '12:00', end: '18:00' }, { start: '08:00', end: '12:00' }] });
    expect(isOpenAt(split, at('2026-11-23T15:00:00Z'))).toBe(true); // 12:00
    expect(next(split, '2026-11-23T15:00:00Z')).toBe('2026-11-23T15:00:00.000Z');
    expect(next(split, '2026-11-23T21:00:00Z')).toBe('2026-11-30T11:00:00.000Z'); // Monday 18:00 → next Monday 08:00
  });
});

// New York: clocks go forward on 2026-03-08 at 02:00 EST (07:00Z) and back on 2026-11-01 at 02:00 EDT (06:00Z).
describe('daylight saving time (America/New_York)', () => {
  const ny = (weekly: Partial<WeeklySchedule>) => schedule(weekly, [], 'America/New_York');

  it('opens at the same wall-clock time on both sides of a change', () => {
    const sundays = ny({ sun: [{ start: '09:00', end: '17:00' }] });
    expect(isOpenAt(sundays, at('2026-03-01T14:00:00Z'))).toBe(true); // 09:00 EST
    expect(isOpenAt(sundays, at('2026-03-01T13:30:00Z'))).toBe(false);
    expect(isOpenAt(sundays, at('2026-03-08T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isOpenAt(sundays, at('2026-03-08T12:59:00Z'))).toBe(false);
    expect(next(sundays, '2026-03-07T20:00:00Z')).toBe('2026-03-08T13:00:00.000Z');
    expect(next(sundays, '2026-10-31T20:00:00Z')).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST again
  });

  it('opens when the clocks jump forward into an interval that starts in the skipped hour', () => {
    const s = ny({ sun: [{ start: '02:30', end: '04:00' }] });
    expect(isOpenAt(s, at('2026-03-08T06:59:00Z'))).toBe(false); // 01:59 EST
    expect(isOpenAt(s, at('2026-03-08T07:00:00Z'))).toBe(true); // 03:00 EDT
    expect(next(s, '2026-03-08T05:00:00Z')).toBe('2026-03-08T07:00:00.000Z');
    // An interval wholly inside the skipped hour never happens that day.
    const skipped = ny({ sun: [{ start: '02:10', end: '02:40' }] });
    expect(next(skipped, '2026-03-08T05:00:00Z')).toBe('2026-03-15T06:10:00.000Z'); // the next Sunday, 02:10 EDT
  });

  it('opens twice in the repeated hour when the clocks go back', () => {
    const s = ny({ sun: [{ start: '01:30', end: '01:45' }] });
    expect(next(s, '2026-11-01T05:00:00Z')).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(isOpenAt(s, at('2026-11-01T05:50:00Z'))).toBe(false); // 01:50 EDT
    expect(next(s, '2026-11-01T05:50:00Z')).toBe('2026-11-01T06:30:00.000Z'); // 01:30 EST
  });

  it('opens when the clocks go back into an interval that already started', () => {
    const s = ny({ sun: [{ start: '00:30', end: '01:30' }] });
    expect(isOpenAt(s, at('2026-11-01T05:45:00Z'))).toBe(false); // 01:45 EDT
    expect(next(s, '2026-11-01T05:45:00Z')).toBe('2026-11-01T06:00:00.000Z'); // back to 01:00 EST
  });

  it('keeps a 00:00–24:00 day open for its 23 or 25 hours', () => {
    const s = ny({ sun: [{ start: '00:00', end: '24:00' }] });
    expect(isOpenAt(s, at('2026-03-09T03:59:00Z'))).toBe(true); // Sunday 23:59 EDT
    expect(isOpenAt(s, at('2026-03-09T04:00:00Z'))).toBe(false); // Monday 00:00 EDT
    expect(isOpenAt(s, at('2026-11-02T04:59:00Z'))).toBe(true); // Sunday 23:59 EST
    expect(isOpenAt(s, at('2026-11-02T05:00:00Z'))).toBe(false);
  });
});

describe('partOfDay', () => {
  const starts = { morningStart: '06:00:00', afternoonStart: '12:00:00', nightStart: '18:00:00' };
  const part = (iso: string, tz = 'America/Sao_Paulo', s = starts) => partOfDay(at(iso), tz, s);

  it('picks the part whose start is the latest one before the local time', () => {
    expect(part('2026-11-23T08:59:59Z')).toBe('night'); // 05:59:59
    expect(part('2026-11-23T09:00:00Z')).toBe('morning'); // 06:00
    expect(part('2026-11-23T14:59:59Z')).toBe('morning'); // 11:59:59
    expect(part('2026-11-23T15:00:00Z')).toBe('afternoon'); // 12:00
    expect(part('2026-11-23T21:00:00Z')).toBe('night'); // 18:00
    expect(part('2026-11-24T02:59:59Z')).toBe('night'); // 23:59:59
    expect(part('2026-11-24T03:00:00Z')).toBe('night'); // 00:00
  });

  it('reads the time in the given zone and honours seconds', () => {
    expect(part('2026-11-23T15:00:00Z', 'Asia/Tokyo')).toBe('night'); // 00:00 in Tokyo
    expect(part('2026-11-23T09:00:29Z', 'America/Sao_Paulo', { ...starts, morningStart: '06:00:30' })).toBe('night');
    expect(part('2026-11-23T09:00:30Z', 'America/Sao_Paulo', { ...starts, morningStart: '06:00:30' })).toBe('morning');
  });

  it('wraps around midnight for any order of starts', () => {
    const late = { morningStart: '05:00:00', afternoonStart: '13:00:00', nightStart: '01:00:00' };
    expect(part('2026-11-23T03:30:00Z', 'America/Sao_Paulo', late)).toBe('afternoon'); // 00:30: still the afternoon started at 13:00
    expect(part('2026-11-23T04:30:00Z', 'America/Sao_Paulo', late)).toBe('night'); // 01:30
    expect(part('2026-11-23T08:30:00Z', 'America/Sao_Paulo', late)).toBe('morning'); // 05:30
  });
});
