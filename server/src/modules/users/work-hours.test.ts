import { describe, expect, it } from 'vitest';
import { localClock, withinWorkHours } from './work-hours';

const weekdays = { sun: [], mon: [{ start: '08:00', end: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [] };

describe('work hours', () => {
  it('reads the clock in the workspace time zone', () => {
    // 2026-11-23 is a Monday; 11:30 UTC is 08:30 in São Paulo (UTC-3, no DST since 2019).
    expect(localClock(new Date('2026-11-23T11:30:00Z'), 'America/Sao_Paulo')).toEqual({ day: 'mon', time: '08:30' });
    expect(localClock(new Date('2026-11-23T02:00:00Z'), 'America/Sao_Paulo')).toEqual({ day: 'sun', time: '23:00' });
  });

  it('allows any time when there is no schedule', () => {
    expect(withinWorkHours(null, new Date(), 'America/Sao_Paulo')).toBe(true);
  });

  it('checks the start inclusive and the end exclusive', () => {
    const tz = 'America/Sao_Paulo';
    expect(withinWorkHours(weekdays, new Date('2026-11-23T10:59:00Z'), tz)).toBe(false); // 07:59
    expect(withinWorkHours(weekdays, new Date('2026-11-23T11:00:00Z'), tz)).toBe(true); // 08:00
    expect(withinWorkHours(weekdays, new Date('2026-11-23T20:59:00Z'), tz)).toBe(true); // 17:59
    expect(withinWorkHours(weekdays, new Date('2026-11-23T21:00:00Z'), tz)).toBe(false); // 18:00
    expect(withinWorkHours(weekdays, new Date('2026-11-24T12:00:00Z'), tz)).toBe(false); // Tuesday: no range
  });

  it('accepts 24:00 as the end of the day', () => {
    const allMonday = { ...weekdays, mon: [{ start: '00:00', end: '24:00' }] };
    expect(withinWorkHours(allMonday, new Date('2026-11-24T02:59:00Z'), 'America/Sao_Paulo')).toBe(true); // Mon 23:59
  });
});
