import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANK_HOLIDAYS,
  BANK_HOLIDAY_YEARS,
  bankHolidaysIn,
  easterSunday,
  isBankHoliday,
  regularBankHolidays,
} from '../../../src/shared/bank-holidays';
import {
  addMonths,
  addWorkingDays,
  addWorkingDaysToDate,
  isWorkingDay,
  londonDate,
  londonOffsetMinutes,
  workingDaysBetween,
} from '../../../src/shared/working-days';

// ---- An independent reading of the rules, written differently from src on purpose ----------

/** Easter by the Gregorian epact method (Knuth, TAOCP 1.3.2 ex. 14), not the src computus. */
function easterByEpact(y: number): string {
  const g = (y % 19) + 1;
  const c = Math.floor(y / 100) + 1;
  const x = Math.floor((3 * c) / 4) - 12;
  const z = Math.floor((8 * c + 5) / 25) - 5;
  const d = Math.floor((5 * y) / 4) - x - 10;
  let e = (11 * g + 20 + z - x) % 30;
  if ((e === 25 && g > 11) || e === 24) e++;
  let n = 44 - e;
  if (n < 21) n += 30;
  n = n + 7 - ((d + n) % 7);
  return n > 31 ? `${y}-04-${String(n - 31).padStart(2, '0')}` : `${y}-03-${n}`;
}

const day = (s: string) => new Date(`${s}T12:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const plus = (s: string, n: number) => fmt(new Date(day(s).getTime() + n * 86_400_000));
const dow = (s: string) => day(s).getUTCDay();

/** Dates of the regular holidays of a year, by walking the calendar. */
function expectedRegular(y: number): string[] {
  const mondays = (month: string) =>
    Array.from({ length: 31 }, (_, i) => `${y}-${month}-${String(i + 1).padStart(2, '0')}`)
      .filter((s) => fmt(day(s)) === s && dow(s) === 1)
      .sort();
  const weekdayOnOrAfter = (s: string, taken: string[]) => {
    let d = s;
    while (dow(d) === 0 || dow(d) === 6 || taken.includes(d)) d = plus(d, 1);
    return d;
  };
  const easter = easterByEpact(y);
  const may = mondays('05');
  const xmas = weekdayOnOrAfter(`${y}-12-25`, []);
  const boxing = weekdayOnOrAfter(`${y}-12-26`, [xmas]);
  return [
    weekdayOnOrAfter(`${y}-01-01`, []),
    plus(easter, -2),
    plus(easter, 1),
    may[0]!,
    may[may.length - 1]!,
    mondays('08').at(-1)!,
    xmas,
    boxing,
  ].sort();
}

/** One-off changes to the regular pattern in 2018-2030, and nothing else. */
const SPECIAL_ADDED = ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'];
const SPECIAL_REMOVED = ['2020-05-04', '2022-05-30'];

describe('bank holiday list', () => {
  const listed = BANK_HOLIDAYS.map((h) => h.date);

  it('covers 2018 to 2030, in order, without repeats, only on weekdays', () => {
    expect(BANK_HOLIDAY_YEARS.first).toBe(2018);
    expect(BANK_HOLIDAY_YEARS.last).toBe(2030);
    expect([...listed].sort()).toEqual(listed);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((d) => dow(d) === 0 || dow(d) === 6)).toEqual([]);
    for (let y = 2018; y <= 2030; y++) {
      expect(listed.filter((d) => d.startsWith(`${y}-`)).length, String(y)).toBeGreaterThanOrEqual(
        8,
      );
    }
  });

  it('matches the regular rules, apart from the listed one-off changes', () => {
    for (let y = 2018; y <= 2030; y++) {
      const inYear = (d: string) => d.startsWith(`${y}-`);
      const data = listed.filter(inYear);
      const rules = expectedRegular(y);
      expect(
        data.filter((d) => !rules.includes(d)),
        `added in ${y}`,
      ).toEqual(SPECIAL_ADDED.filter(inYear));
      expect(
        rules.filter((d) => !data.includes(d)),
        `missing in ${y}`,
      ).toEqual(SPECIAL_REMOVED.filter(inYear));
    }
  });

  it('has the one-off holidays and the substitute days', () => {
    for (const d of [...SPECIAL_ADDED, '2022-01-03', '2023-01-02', '2020-12-28', '2026-12-28']) {
      expect(isBankHoliday(d), d).toBe(true);
    }
    // Christmas 2021 and 2027 fall on a Saturday: Monday and Tuesday instead.
    for (const d of ['2021-12-27', '2021-12-28', '2027-12-27', '2027-12-28']) {
      expect(isBankHoliday(d), d).toBe(true);
    }
    expect(BANK_HOLIDAYS.find((h) => h.date === '2027-12-27')).toEqual({
      date: '2027-12-27',
      title: 'Christmas Day',
      notes: 'Substitute day',
    });
    for (const d of ['2020-05-04', '2022-05-30', '2027-12-25', '2027-12-29']) {
      expect(isBankHoliday(d), d).toBe(false);
    }
  });

  it('computes Easter correctly (known dates, and agreement with a second method)', () => {
    const known = {
      1943: '1943-04-25',
      2008: '2008-03-23',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [y, d] of Object.entries(known)) expect(easterSunday(Number(y))).toBe(d);
    for (let y = 1900; y <= 2400; y++) expect(easterSunday(y)).toBe(easterByEpact(y));
  });

  it('falls back to the regular rules outside the listed years', () => {
    for (let y = 1990; y <= 2100; y++) {
      expect(
        regularBankHolidays(y).map((h) => h.date),
        String(y),
      ).toEqual(expectedRegular(y));
    }
    expect([...bankHolidaysIn(2031)]).toEqual(expectedRegular(2031));
    expect(isBankHoliday('2031-04-14')).toBe(true); // Easter Monday 2031
    expect(isBankHoliday('2017-12-25')).toBe(true);
  });
});

describe('London dates', () => {
  it.each([
    ['a summer evening at 23:30 UTC is already the next day', '2026-07-01T23:30:00Z', '2026-07-02'],
    ['a winter evening at 23:30 UTC is the same day', '2026-01-15T23:30:00Z', '2026-01-15'],
    ['an offset is honoured', '2026-06-01T00:30:00+01:00', '2026-06-01'],
    ['the night before BST starts is GMT', '2026-03-28T23:30:00Z', '2026-03-28'],
    ['just before 01:00 UTC on the switch day', '2026-03-29T00:59:59Z', '2026-03-29'],
    ['the evening BST started', '2026-03-29T23:30:00Z', '2026-03-30'],
    ['the night before BST ends is still BST', '2026-10-24T23:30:00Z', '2026-10-25'],
    ['the evening BST ended is GMT again', '2026-10-25T23:30:00Z', '2026-10-25'],
    ['a bare date is a London date already', '2026-12-25', '2026-12-25'],
  ])('%s', (_name, instant, expected) => {
    expect(londonDate(instant)).toBe(expected);
  });

  it('switches at 01:00 UTC on the last Sundays of March and October', () => {
    const at = (s: string) => londonOffsetMinutes(new Date(s));
    expect(at('2026-03-29T00:59:59.999Z')).toBe(0);
    expect(at('2026-03-29T01:00:00.000Z')).toBe(60);
    expect(at('2026-10-25T00:59:59.999Z')).toBe(60);
    expect(at('2026-10-25T01:00:00.000Z')).toBe(0);
    expect(at('2027-03-28T01:00:00.000Z')).toBe(60); // 2027: 28 March and 31 October
    expect(at('2027-10-31T00:30:00.000Z')).toBe(60);
  });

  it('agrees with the platform time-zone database for any instant 2018-2035', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2035, 11, 31) }),
        (t) => londonDate(new Date(t)) === intl.format(new Date(t)),
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses what it cannot place in time', () => {
    for (const bad of ['2026-07-01T10:00:00', '2026-02-30', 'yesterday', '']) {
      expect(() => londonDate(bad), bad).toThrow(RangeError);
    }
    expect(() => londonDate(new Date(NaN))).toThrow(RangeError);
    expect(() => isWorkingDay('2026-13-01')).toThrow(RangeError);
  });

  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2026-11-21', -6)).toBe('2026-05-21');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Thursday before Easter
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-04-07')).toBe(true);
    expect(isWorkingDay('2026-05-25')).toBe(false); // Spring bank holiday
  });

  it.each([
    // from, days, due instant (17:00 London), why
    ['2026-04-02T10:00:00+01:00', 1, '2026-04-07T16:00:00.000Z', 'Thu before Easter -> Tue after'],
    ['2026-04-02T10:00:00+01:00', 2, '2026-04-08T16:00:00.000Z', 'Easter weekend, 2 days'],
    ['2026-04-03T09:00:00+01:00', 1, '2026-04-08T16:00:00.000Z', 'Good Friday counts from Tue'],
    ['2026-04-04T12:00:00+01:00', 0, '2026-04-07T16:00:00.000Z', 'Saturday, 0 days: next working'],
    ['2026-04-02T10:00:00+01:00', 0, '2026-04-02T16:00:00.000Z', 'a working day, 0 days'],
    ['2026-05-22T15:00:00+01:00', 1, '2026-05-26T16:00:00.000Z', 'late-May bank holiday weekend'],
    ['2027-12-23T11:00:00Z', 2, '2027-12-29T17:00:00.000Z', 'Christmas 2027 substitutes, GMT'],
    ['2027-12-24T11:00:00Z', 1, '2027-12-29T17:00:00.000Z', 'Christmas Eve, 1 day'],
    ['2027-12-31T11:00:00Z', 1, '2028-01-04T17:00:00.000Z', 'New Year 2028 substitute (Mon 3)'],
    ['2026-07-03T22:59:00Z', 1, '2026-07-06T16:00:00.000Z', 'Friday 23:59 London is Friday'],
    ['2026-07-03T23:30:00Z', 1, '2026-07-07T16:00:00.000Z', 'Fri 23:30 UTC is Saturday in London'],
    ['2026-03-27T12:00:00Z', 1, '2026-03-30T16:00:00.000Z', 'due the day after BST starts'],
    ['2026-10-23T12:00:00+01:00', 1, '2026-10-26T17:00:00.000Z', 'due the day after BST ends'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (from, days, due) => {
    expect(addWorkingDays(from, days)).toBe(due);
  });

  it('refuses negative or fractional days', () => {
    expect(() => addWorkingDays('2026-04-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-02', 1.5)).toThrow(RangeError);
  });

  it.each([
    ['2026-04-02T09:00:00+01:00', '2026-04-02T16:00:00+01:00', 0, 'same day'],
    ['2026-04-07T09:00:00+01:00', '2026-04-02T16:00:00+01:00', 0, 'end before start'],
    ['2026-04-02T09:00:00+01:00', '2026-04-07T09:00:00+01:00', 1, 'across Easter'],
    ['2026-04-02T09:00:00+01:00', '2026-04-08T09:00:00+01:00', 2, 'across Easter, 2'],
    ['2026-04-04T09:00:00+01:00', '2026-04-07T09:00:00+01:00', 0, 'Saturday to Tuesday'],
    ['2026-04-04T09:00:00+01:00', '2026-04-05T09:00:00+01:00', 0, 'Saturday to Sunday'],
    ['2026-05-22T09:00:00+01:00', '2026-05-26T09:00:00+01:00', 1, 'late-May weekend'],
    ['2027-12-23T09:00:00Z', '2028-01-04T09:00:00Z', 5, '24, 29, 30, 31 Dec, 4 Jan'],
    ['2026-07-03T23:30:00Z', '2026-07-06T08:00:00+01:00', 0, 'Sat in London to Monday'],
    ['2026-07-02T23:30:00Z', '2026-07-03T22:30:00Z', 0, 'both Friday in London'],
    ['2025-12-31T10:00:00Z', '2026-12-31T10:00:00Z', 253, 'all of 2026: 261 weekdays - 8'],
  ])('workingDaysBetween(%s, %s) = %i (%s)', (start, end, expected) => {
    expect(workingDaysBetween(start, end)).toBe(expected);
  });

  const anyInstant = fc.integer({ min: Date.UTC(2017, 6, 1), max: Date.UTC(2031, 6, 1) });

  it('counts what a day-by-day walk counts', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 400 }), (t, span) => {
        const start = new Date(t);
        const end = new Date(t + span * 86_400_000 + 3_600_000 * (span % 24));
        let from = londonDate(start);
        while (!isWorkingDay(from)) from = plus(from, 1);
        let walked = 0;
        for (let d = plus(from, 1); d <= londonDate(end); d = plus(d, 1)) {
          if (isWorkingDay(d)) walked++;
        }
        return workingDaysBetween(start, end) === walked;
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with addWorkingDays: n working days after t are n working days after t', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 60 }), (t, n) => {
        const due = addWorkingDays(new Date(t), n);
        return (
          workingDaysBetween(new Date(t), due) === n &&
          londonDate(due) === addWorkingDaysToDate(new Date(t), n) &&
          isWorkingDay(londonDate(due))
        );
      }),
      { numRuns: 400 },
    );
  });
});
