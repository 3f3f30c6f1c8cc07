/**
 * England and Wales bank holidays: the published list as data, with the usual rules behind it.
 *
 * Notes
 * - The list (`bank-holidays-england-wales.json`, same event shape as the GOV.UK bank holidays
 *   JSON feed) is the authority for the years it covers, because one-off holidays (the 2020 VE day
 *   move, the 2022 jubilee and state funeral, the 2023 coronation) cannot be computed. How to
 *   update it: docs/bank-holidays.md. It lives beside this file, not in a `data/` folder, because
 *   the repository ignores every folder named `data`.
 * - Outside the listed years the regular rules are used, so a due date is never counted as if
 *   there were no holidays at all; a one-off announced later is missing until the list is updated.
 * - The same rules are what the unit tests check the list against.
 */
import feed from './bank-holidays-england-wales.json';

/** One bank holiday, as in the GOV.UK feed's events. */
export interface BankHoliday {
  /** YYYY-MM-DD */
  date: string;
  title: string;
  /** "Substitute day" when the holiday moved off a weekend, otherwise empty. */
  notes: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function load(): readonly BankHoliday[] {
  let previous = '';
  for (const e of feed.events) {
    const m = DATE.exec(e.date);
    const year = Number(m?.[1]);
    if (!m || iso(utcDay(year, Number(m[2]), Number(m[3]))) !== e.date) {
      throw new Error(`bank holiday list: "${e.date}" is not a date like 2026-12-25`);
    }
    if (year < feed.firstYear || year > feed.lastYear) {
      throw new Error(`bank holiday list: ${e.date} is outside ${feed.firstYear}-${feed.lastYear}`);
    }
    if (e.date <= previous) {
      throw new Error(`bank holiday list: ${e.date} is out of order or repeated`);
    }
    previous = e.date;
  }
  return feed.events.map((e) => ({ date: e.date, title: e.title, notes: e.notes }));
}

/** Every listed bank holiday, in date order. */
export const BANK_HOLIDAYS: readonly BankHoliday[] = load();

/** The years the list covers, and up to which year it was compared with the GOV.UK feed. */
export const BANK_HOLIDAY_YEARS = {
  first: feed.firstYear,
  last: feed.lastYear,
  checkedAgainstFeedThrough: feed.checkedAgainstFeedThrough,
} as const;

/** Easter Sunday (Gregorian) by the anonymous computus (Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utcDay(year, month, day));
}

function shift(date: string, days: number): string {
  return iso(new Date(Date.parse(date) + days * DAY_MS));
}

/** First (n = 1) or last (n = -1) Monday of a month. */
function monday(year: number, month: number, n: 1 | -1): string {
  if (n === 1) {
    const dow = utcDay(year, month, 1).getUTCDay();
    return iso(utcDay(year, month, 1 + ((8 - dow) % 7)));
  }
  const last = utcDay(year, month + 1, 0);
  return iso(utcDay(year, month, last.getUTCDate() - ((last.getUTCDay() + 6) % 7)));
}

/**
 * The regular holidays of a year by the usual rules: New Year's Day, Good Friday, Easter Monday,
 * early May, spring and summer bank holidays, Christmas and Boxing Day, with substitute weekdays
 * when a fixed date falls on a weekend. Knows nothing of one-off changes.
 */
export function regularBankHolidays(year: number): BankHoliday[] {
  const out: BankHoliday[] = [];
  const add = (date: string, title: string, notes = '') => out.push({ date, title, notes });
  const newYear = utcDay(year, 1, 1).getUTCDay();
  if (newYear === 6) add(`${year}-01-03`, 'New Year’s Day', 'Substitute day');
  else if (newYear === 0) add(`${year}-01-02`, 'New Year’s Day', 'Substitute day');
  else add(`${year}-01-01`, 'New Year’s Day');
  const easter = easterSunday(year);
  add(shift(easter, -2), 'Good Friday');
  add(shift(easter, 1), 'Easter Monday');
  add(monday(year, 5, 1), 'Early May bank holiday');
  add(monday(year, 5, -1), 'Spring bank holiday');
  add(monday(year, 8, -1), 'Summer bank holiday');
  const christmas = utcDay(year, 12, 25).getUTCDay();
  const sub = 'Substitute day';
  if (christmas === 5) {
    add(`${year}-12-25`, 'Christmas Day');
    add(`${year}-12-28`, 'Boxing Day', sub);
  } else if (christmas === 6) {
    add(`${year}-12-27`, 'Christmas Day', sub);
    add(`${year}-12-28`, 'Boxing Day', sub);
  } else if (christmas === 0) {
    add(`${year}-12-26`, 'Boxing Day');
    add(`${year}-12-27`, 'Christmas Day', sub);
  } else {
    add(`${year}-12-25`, 'Christmas Day');
    add(`${year}-12-26`, 'Boxing Day');
  }
  return out;
}

const byYear = new Map<number, ReadonlySet<string>>();

/** The bank-holiday dates of a year: the list where it covers the year, otherwise the rules. */
export function bankHolidaysIn(year: number): ReadonlySet<string> {
  let set = byYear.get(year);
  if (!set) {
    const listed = year >= BANK_HOLIDAY_YEARS.first && year <= BANK_HOLIDAY_YEARS.last;
    const events = listed
      ? BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`))
      : regularBankHolidays(year);
    set = new Set(events.map((h) => h.date));
    byYear.set(year, set);
  }
  return set;
}

/** Whether a YYYY-MM-DD date is an England and Wales bank holiday. */
export function isBankHoliday(date: string): boolean {
  return bankHolidaysIn(Number(date.slice(0, 4))).has(date);
}
