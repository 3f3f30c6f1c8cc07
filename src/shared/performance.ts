/**
 * The published response-time statistics, computed from per category per day counters
 * (report-fact.ts says what each report adds): the server keeps the counters in the store and
 * reads them; the tests call `computePerformance` with rows, which builds the same counters in
 * memory; the JSON and the CSV (performance-csv.ts) are two views of one result, so they cannot
 * disagree.
 *
 * Notes
 * - Honest by design: below `minimumSample` a median, percentile or share is not given, only
 *   `{ tooFew: true, count }` (a council must not top a table on one report). Counts are always given.
 * - Periods are London calendar dates: the last 90 days (today and the 89 days before) and each of
 *   the last 12 calendar months (the current one to date). A report belongs to the period in which
 *   it was received; `openNow` of a period is how many of its reports are still open.
 * - Times are whole working days (`workingDaysBetween`): received on a Friday, answered on Monday
 *   is 1. Closing a report counts as a response when there was none before it.
 * - Within target: answered (or closed) on or before the due date. The due date for the first
 *   response is the stored one when given (it follows the risk band), else the category's target.
 *   A report still waiting after its due date is already a miss and counts as one; a report not
 *   yet due is left out until it is answered.
 * - Nearest-rank percentile: sort the n values ascending; the p-th percentile is the value at
 *   rank ceil(p / 100 * n) (1-based). The median is the 50th, so for an even n it is the lower of
 *   the two middle values. Always a value that really occurred. The counters hold every whole
 *   number of working days with its count, so percentiles from them are exact, not estimates.
 */
import { addCalendarDays, addMonths, londonDate } from './working-days';
import {
  applyKeys,
  reportFact,
  type Counts,
  type PerformanceRow,
  type ServiceTargets,
} from './report-fact';

export type { PerformanceRow, ServiceTargets } from './report-fact';

/** Default minimum sample below which no median, percentile or share is published. */
export const DEFAULT_MINIMUM_SAMPLE = 10;
/** A report open longer than this many calendar days counts as "open after 12 weeks". */
export const OPEN_TOO_LONG_DAYS = 84;

/** Stands in for a figure whose sample is below the minimum. */
export interface TooFew {
  tooFew: true;
  count: number;
}
/** A median, percentile or share: a number, or too few reports to say. */
export type Figure = number | TooFew;

/** Working days to an event: how many reports had it, and the median and 90th percentile. */
export interface Timing {
  count: number;
  median: Figure;
  p90: Figure;
}
/** A share (0 to 1, three decimals) of a sample. */
export interface Share {
  sample: number;
  share: Figure;
}

/** The figures of one category over one period. */
export interface PeriodPerformance {
  /** "last-90-days" or a month, "YYYY-MM". */
  period: string;
  /** First and last London dates of the period, inclusive. */
  from: string;
  to: string;
  received: number;
  firstResponse: Timing;
  resolution: Timing;
  withinTarget: { firstResponse: Share; resolution: Share };
  /** Reports received in the period that are still open. */
  openNow: number;
  /** Of those, received more than 84 calendar days ago. */
  openAfter12Weeks: number;
  /** Survey answers and the share satisfied (4 or 5 of 5). */
  satisfaction: { responses: number; satisfied: Figure };
}

/** One category: its targets, what is open now, the last 90 days and the last 12 months. */
export interface CategoryPerformance {
  serviceCode: string;
  target: ServiceTargets;
  /** All its reports open now, whenever received. */
  openNow: number;
  /** All its reports open now and received more than 84 calendar days ago. */
  openAfter12Weeks: number;
  last90Days: PeriodPerformance;
  /** Oldest first; the last is the current month to date. */
  months: PeriodPerformance[];
}

/** The published statistics. */
export interface Performance {
  generatedAt: string;
  /** London date the figures were computed on. */
  today: string;
  minimumSample: number;
  categories: CategoryPerformance[];
}

/** What `computePerformance` needs. */
export interface PerformanceInput {
  rows: readonly PerformanceRow[];
  /** One entry per published category, in the order to publish them. */
  targets: Readonly<Record<string, ServiceTargets>>;
  now: Date;
  minimumSample?: number;
}

/** The counters of one category's reports received on one London day (report-fact.ts). */
export interface DayCounts {
  serviceCode: string;
  day: string;
  counts: Counts;
}

/** A category's open reports, whenever received. */
export interface OpenTotals {
  openNow: number;
  openAfter12Weeks: number;
}

/** What `figuresFromCounts` needs: the days of every published period, and the open totals. */
export interface CountsInput {
  /** At least every day of every published period (`firstPublishedDay` on); others are ignored. */
  days: readonly DayCounts[];
  /** Per category; a category not here has none open. */
  open: Readonly<Record<string, OpenTotals>>;
  targets: Readonly<Record<string, ServiceTargets>>;
  now: Date;
  minimumSample?: number;
}

/** Nearest-rank percentile of ascending values (see module notes); undefined when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

/** Nearest-rank percentile of a histogram (value to count); the same value as `nearestRank`. */
function histogramRank(hist: ReadonlyMap<number, number>, count: number, p: number) {
  if (count === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p * count) / 100));
  let seen = 0;
  for (const v of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(v)!;
    if (seen >= rank) return v;
  }
  return undefined;
}

function timing(hist: ReadonlyMap<number, number>, min: number): Timing {
  let count = 0;
  for (const n of hist.values()) count += n;
  const fig = (p: number): Figure =>
    count < min ? { tooFew: true, count } : histogramRank(hist, count, p)!;
  return { count, median: fig(50), p90: fig(90) };
}

function share(hits: number, sample: number, min: number): Share {
  if (sample < min) return { sample, share: { tooFew: true, count: sample } };
  return { sample, share: Math.round((hits / sample) * 1000) / 1000 };
}

/** The last day a report open now can have arrived on to count as open after 12 weeks. */
export function lastOldDay(today: string): string {
  return addCalendarDays(today, -OPEN_TOO_LONG_DAYS - 1);
}

function periodOf(
  period: string,
  from: string,
  to: string,
  all: readonly DayCounts[],
  today: string,
  min: number,
): PeriodPerformance {
  const fd = new Map<number, number>();
  const rd = new Map<number, number>();
  const c = { r: 0, o: 0, old: 0, fm: 0, fk: 0, rm: 0, rk: 0, s: 0, sat: 0 };
  const oldBefore = lastOldDay(today);
  for (const d of all) {
    if (d.day < from || d.day > to) continue;
    const old = d.day <= oldBefore;
    for (const [key, n] of Object.entries(d.counts)) {
      const [name, value = ''] = key.split(':') as [string, string?];
      if (name === 'r') c.r += n;
      else if (name === 'o') {
        c.o += n;
        if (old) c.old += n;
      } else if (name === 'fd' || name === 'rd') {
        const hist = name === 'fd' ? fd : rd;
        hist.set(Number(value), (hist.get(Number(value)) ?? 0) + n);
      } else if (name === 'fm' || name === 'rm') {
        c[name === 'fm' ? 'fk' : 'rk'] += n;
        if (value === '1') c[name] += n;
      } else if ((name === 'fw' || name === 'rw') && today > value) {
        c[name === 'fw' ? 'fk' : 'rk'] += n;
      } else if (name === 's') {
        c.s += n;
        if (Number(value) >= 4) c.sat += n;
      }
    }
  }
  return {
    period,
    from,
    to,
    received: c.r,
    firstResponse: timing(fd, min),
    resolution: timing(rd, min),
    withinTarget: {
      firstResponse: share(c.fm, c.fk, min),
      resolution: share(c.rm, c.rk, min),
    },
    openNow: c.o,
    openAfter12Weeks: c.old,
    satisfaction: { responses: c.s, satisfied: share(c.sat, c.s, min).share },
  };
}

/** The first London day of any published period (the 12th month back or the 90th day back). */
export function firstPublishedDay(now: Date): string {
  const today = londonDate(now);
  const firstMonth = addMonths(`${today.slice(0, 7)}-01`, -11);
  const first90 = addCalendarDays(today, -89);
  return firstMonth < first90 ? firstMonth : first90;
}

/** The published statistics per category from the counters of its days (report-fact.ts). */
export function figuresFromCounts(input: CountsInput): Performance {
  const min = input.minimumSample ?? DEFAULT_MINIMUM_SAMPLE;
  const today = londonDate(input.now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const byService = new Map<string, DayCounts[]>();
  for (const d of input.days) {
    if (!byService.has(d.serviceCode)) byService.set(d.serviceCode, []);
    byService.get(d.serviceCode)!.push(d);
  }
  const categories = Object.entries(input.targets).map(([serviceCode, target]) => {
    const days = byService.get(serviceCode) ?? [];
    const months = Array.from({ length: 12 }, (_, i) => {
      const from = addMonths(thisMonth, i - 11);
      const to = i === 11 ? today : addCalendarDays(addMonths(from, 1), -1);
      return periodOf(from.slice(0, 7), from, to, days, today, min);
    });
    const open = input.open[serviceCode] ?? { openNow: 0, openAfter12Weeks: 0 };
    return {
      serviceCode,
      target: {
        firstResponseDays: target.firstResponseDays,
        resolutionDays: target.resolutionDays,
      },
      openNow: open.openNow,
      openAfter12Weeks: open.openAfter12Weeks,
      last90Days: periodOf('last-90-days', addCalendarDays(today, -89), today, days, today, min),
      months,
    };
  });
  return { generatedAt: input.now.toISOString(), today, minimumSample: min, categories };
}

/** A category's open totals from the counters of all its days. */
export function openTotals(days: readonly DayCounts[], now: Date): Record<string, OpenTotals> {
  const last = lastOldDay(londonDate(now));
  const out: Record<string, OpenTotals> = {};
  for (const d of days) {
    const o = d.counts.o ?? 0;
    if (o === 0) continue;
    const t = (out[d.serviceCode] ??= { openNow: 0, openAfter12Weeks: 0 });
    t.openNow += o;
    if (d.day <= last) t.openAfter12Weeks += o;
  }
  return out;
}

/** The published statistics per category, for the last 90 days and each of the last 12 months. */
export function computePerformance(input: PerformanceInput): Performance {
  const days = new Map<string, DayCounts>();
  for (const row of input.rows) {
    const target = input.targets[row.serviceCode];
    if (!target) continue;
    const fact = reportFact(row, target);
    const key = `${fact.serviceCode} ${fact.day}`;
    if (!days.has(key)) days.set(key, { serviceCode: fact.serviceCode, day: fact.day, counts: {} });
    applyKeys(days.get(key)!.counts, fact.keys, 1);
  }
  const all = [...days.values()];
  return figuresFromCounts({ ...input, days: all, open: openTotals(all, input.now) });
}
