export type DateKind = 'date' | 'datetime' | 'time';

// Built-in number formats (ECMA-376 §18.8.30) that show dates or times; 27–36 and 50–58 are the East Asian dates.
const BUILTIN: Record<number, DateKind> = { 14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'time', 19: 'time', 20: 'time', 21: 'time', 22: 'datetime', 45: 'time', 46: 'time', 47: 'time' };
for (let id = 27; id <= 36; id++) BUILTIN[id] = 'date';
for (let id = 50; id <= 58; id++) BUILTIN[id] = 'date';

/**
 * Whether a number format shows a date, a time, both or neither. A custom format is a date
 * when, outside quoted text, escapes and [brackets], it has d, y or m (m alone is a month;
 * next to h or s it is minutes). Elapsed times ([h]:mm) are durations and stay numbers.
 */
export function dateKindOf(numFmtId: number, formatCode?: string): DateKind | null {
  if (formatCode === undefined) return BUILTIN[numFmtId] ?? null;
  if (/\[(h+|m+|s+)\]/i.test(formatCode)) return null;
  const code = formatCode
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/AM\/PM|A\/P/gi, 'h');
  const hasDay = /[dy]/i.test(code);
  const hasTime = /[hs]/i.test(code);
  const hasMonth = /m/i.test(code) && !hasTime;
  if ((hasDay || hasMonth) && hasTime) return 'datetime';
  if (hasDay || hasMonth) return 'date';
  if (hasTime) return 'time';
  return null;
}

const DAY_MS = 86_400_000;

/**
 * An Excel serial date as ISO 8601: yyyy-mm-dd, yyyy-mm-ddThh:mm:ss (a date-time that is
 * not midnight) or hh:mm:ss. The 1900 system counts the 29 February 1900 that never was
 * (serial 60), so serials before it are one day off from the days since 1899-12-30.
 */
export function excelSerialToIso(serial: number, kind: DateKind, date1904: boolean): string {
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  const time = new Date(secondOfDay * 1000).toISOString().slice(11, 19);
  if (kind === 'time') return time;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 61 ? 31 : 30);
  const date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
  return kind === 'datetime' && secondOfDay !== 0 ? `${date}T${time}` : date;
}
