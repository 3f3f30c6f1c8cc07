/**
 * Calendar dates in Europe/London and working days (weekdays that are not England and Wales bank
 * holidays): the arithmetic behind due dates, response times and case-review windows.
 *
 * Notes
 * - Everything is counted on London calendar dates, because the council's promises are ("within 2
 *   working days"). An instant is turned into a London date once, at the edge.
 * - The UK rule is coded directly instead of relying on `Intl` time-zone data, which is missing or
 *   old on some phones: British Summer Time runs from 01:00 UTC on the last Sunday of March to
 *   01:00 UTC on the last Sunday of October (the tests check this against `Intl` where it exists).
 * - A report arriving on a weekend or bank holiday is treated as arriving on the next working day,
 *   both for due dates and for elapsed working days, so the two always agree:
 *   `workingDaysBetween(t, addWorkingDays(t, n)) === n`.
 * - Strings are either a date (YYYY-MM-DD) or an ISO 8601 instant with a zone (Z or +01:00). A
 *   zone-less date-time is refused: its meaning would depend on the machine it runs on.
 */
import { bankHolidaysIn, isBankHoliday } from './bank-holidays';

/** A moment in time: a Date or an ISO 8601 string with a zone; a bare YYYY-MM-DD is a London date. */
export type Instant = Date | string;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

// Date arithmetic runs for every report the statistics count, on a few thousand distinct dates:
// both conversions remember their answers (bounded, so an odd caller cannot grow them for ever).
const MEMO_LIMIT = 100_000;
const dayNumbers = new Map<string, number>();
const dates = new Map<number, string>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws RangeError when it is not a real date. */
export function dayNumber(date: string): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = DATE.exec(date);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).toISOString().slice(0, 10) === date)
      return remember(dayNumbers, date, t / DAY_MS);
  }
  throw new RangeError(`expected a date like 2026-04-03, got "${date}"`);
}

/** The YYYY-MM-DD date of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): string {
  return dates.get(n) ?? remember(dates, n, new Date(n * DAY_MS).toISOString().slice(0, 10));
}

/** 0 = Sunday ... 6 = Saturday. */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The date `days` calendar days after (or before, if negative) a date. */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The same day `months` months later (or earlier), clamped to the month's end (31 Aug - 6 = 28 Feb). */
export function addMonths(date: string, months: number): string {
  dayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  first.setUTCDate(Math.min(d, last.getUTCDate()));
  return first.toISOString().slice(0, 10);
}

function lastSundayUtc(year: number, monthIndex: number): number {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, last.getUTCDate() - last.getUTCDay(), 1);
}

/** London's offset from UTC at an instant, in minutes: 60 during British Summer Time, else 0. */
export function londonOffsetMinutes(instant: Date): 0 | 60 {
  const t = instant.getTime();
  const y = instant.getUTCFullYear();
  return t >= lastSundayUtc(y, 2) && t < lastSundayUtc(y, 9) ? 60 : 0;
}

function toTime(instant: Instant): number {
  if (instant instanceof Date) {
    const t = instant.getTime();
    if (Number.isNaN(t)) throw new RangeError('expected a valid Date, got an invalid one');
    return t;
  }
  const t = INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(t)) {
    throw new RangeError(
      `expected a date (YYYY-MM-DD) or an ISO 8601 instant with a zone, got "${instant}"`,
    );
  }
  return t;
}

/** The calendar date in London (YYYY-MM-DD) of an instant; a bare date is returned unchanged. */
export function londonDate(instant: Instant): string {
  if (typeof instant === 'string' && DATE.test(instant)) return fromDayNumber(dayNumber(instant));
  const t = toTime(instant);
  return new Date(t + londonOffsetMinutes(new Date(t)) * 60_000).toISOString().slice(0, 10);
}

/** The instant (ISO, UTC) at a given hour of London wall-clock time on a date. */
export function londonTime(date: string, hour: number): string {
  const asUtc = dayNumber(date) * DAY_MS + hour * HOUR_MS;
  // The offset an hour earlier is the right one for every hour but the skipped/repeated 01:00.
  const offset = londonOffsetMinutes(new Date(asUtc - HOUR_MS));
  return new Date(asUtc - offset * 60_000).toISOString();
}

/** Whether a YYYY-MM-DD date is a working day: Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  const wd = weekday(dayNumber(date));
  return wd !== 0 && wd !== 6 && !isBankHoliday(date);
}

/** The first working day after a date. */
export function nextWorkingDay(date: string): string {
  let n = dayNumber(date) + 1;
  while (!isWorkingDay(fromDayNumber(n))) n++;
  return fromDayNumber(n);
}

/** The working day an arrival counts from: its London date, or the next working day after it. */
export function countingDay(instant: Instant): string {
  const date = londonDate(instant);
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The London date `days` working days after an arrival (see `countingDay`). */
export function addWorkingDaysToDate(from: Instant, days: number): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`working days must be a whole number, 0 or more, got ${days}`);
  }
  let date = countingDay(from);
  for (let i = 0; i < days; i++) date = nextWorkingDay(date);
  return date;
}

/** The due instant `days` working days after an arrival: 17:00 London time on the due day (ISO). */
export function addWorkingDays(from: Instant, days: number): string {
  return londonTime(addWorkingDaysToDate(from, days), 17);
}

/** Weekdays in the day numbers [4 (Monday 5 Jan 1970), n], extended to any n. */
function weekdaysThrough(n: number): number {
  const k = n - 4;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7 + 1, 5);
}

/**
 * Whole working days elapsed between two instants, on London dates: the working days after the
 * day counting starts (see `countingDay`) up to and including the end date. 0 on the same day,
 * never negative.
 */
export function workingDaysBetween(start: Instant, end: Instant): number {
  const s = dayNumber(countingDay(start));
  const e = dayNumber(londonDate(end));
  if (e <= s) return 0;
  let count = weekdaysThrough(e) - weekdaysThrough(s);
  const lastYear = Number(fromDayNumber(e).slice(0, 4));
  for (let y = Number(fromDayNumber(s).slice(0, 4)); y <= lastYear; y++) {
    for (const holiday of bankHolidaysIn(y)) {
      const n = dayNumber(holiday);
      const wd = weekday(n);
      if (n > s && n <= e && wd !== 0 && wd !== 6) count--;
    }
  }
  return count;
}
