/**
 * The published response-time statistics, computed from plain rows: the server loads the rows
 * with SQL and calls this; the tests call it with a fixture; the JSON and the CSV are two views
 * of one result, so they cannot disagree.
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
 *   the two middle values. Always a value that really occurred.
 */
import { isClosed, type ReportStatus } from './statuses';
import {
  addCalendarDays,
  addMonths,
  addWorkingDaysToDate,
  calendarDaysBetween,
  londonDate,
  workingDaysBetween,
  type Instant,
} from './working-days';

/** Default minimum sample below which no median, percentile or share is published. */
export const DEFAULT_MINIMUM_SAMPLE = 10;
/** A report open longer than this many calendar days counts as "open after 12 weeks". */
export const OPEN_TOO_LONG_DAYS = 84;

/** One report, as the statistics need it. */
export interface PerformanceRow {
  serviceCode: string;
  requestedAt: Instant;
  firstResponseAt: Instant | null;
  closedAt: Instant | null;
  status: ReportStatus;
  /** The first-response due date stored with the report (it follows the risk band), if any. */
  dueFirstResponseAt?: Instant | null;
  /** Survey answer 1 (very dissatisfied) to 5 (very satisfied), or null. */
  satisfaction: number | null;
}

/** A category's published targets, in working days. */
export interface ServiceTargets {
  firstResponseDays: number;
  resolutionDays: number;
}

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

interface Prepared {
  received: string;
  open: boolean;
  firstResponseDays: number | null;
  resolutionDays: number | null;
  firstResponseMet: boolean | null;
  resolutionMet: boolean | null;
  satisfaction: number | null;
}

/** Nearest-rank percentile of ascending values (see module notes); undefined when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1];
}

function prepare(row: PerformanceRow, target: ServiceTargets, today: string): Prepared {
  const open = !isClosed(row.status);
  const responded = row.firstResponseAt ?? (open ? null : row.closedAt);
  const closedAt = open ? null : row.closedAt;
  const outcome = (done: Instant | null, due: string, stillWaiting: boolean) =>
    done !== null ? londonDate(done) <= due : stillWaiting && today > due ? false : null;
  const responseDue = row.dueFirstResponseAt
    ? londonDate(row.dueFirstResponseAt)
    : addWorkingDaysToDate(row.requestedAt, target.firstResponseDays);
  const resolutionDue = addWorkingDaysToDate(row.requestedAt, target.resolutionDays);
  const s = row.satisfaction;
  return {
    received: londonDate(row.requestedAt),
    open,
    firstResponseDays: responded === null ? null : workingDaysBetween(row.requestedAt, responded),
    resolutionDays: closedAt === null ? null : workingDaysBetween(row.requestedAt, closedAt),
    firstResponseMet: outcome(responded, responseDue, open),
    resolutionMet: outcome(closedAt, resolutionDue, open),
    satisfaction: s !== null && Number.isInteger(s) && s >= 1 && s <= 5 ? s : null,
  };
}

function timing(values: number[], min: number): Timing {
  const sorted = values.sort((a, b) => a - b);
  const count = sorted.length;
  const fig = (p: number): Figure =>
    count < min ? { tooFew: true, count } : nearestRank(sorted, p)!;
  return { count, median: fig(50), p90: fig(90) };
}

function share(hits: number, sample: number, min: number): Share {
  if (sample < min) return { sample, share: { tooFew: true, count: sample } };
  return { sample, share: Math.round((hits / sample) * 1000) / 1000 };
}

function isOldOpen(r: Prepared, today: string): boolean {
  return r.open && calendarDaysBetween(r.received, today) > OPEN_TOO_LONG_DAYS;
}

function periodOf(
  period: string,
  from: string,
  to: string,
  all: Prepared[],
  today: string,
  min: number,
): PeriodPerformance {
  const rows = all.filter((r) => r.received >= from && r.received <= to);
  const values = (f: (r: Prepared) => number | null) =>
    rows.map(f).filter((v): v is number => v !== null);
  const known = (k: 'firstResponseMet' | 'resolutionMet') => rows.filter((r) => r[k] !== null);
  const met = (k: 'firstResponseMet' | 'resolutionMet') => rows.filter((r) => r[k] === true).length;
  const answers = values((r) => r.satisfaction);
  return {
    period,
    from,
    to,
    received: rows.length,
    firstResponse: timing(
      values((r) => r.firstResponseDays),
      min,
    ),
    resolution: timing(
      values((r) => r.resolutionDays),
      min,
    ),
    withinTarget: {
      firstResponse: share(met('firstResponseMet'), known('firstResponseMet').length, min),
      resolution: share(met('resolutionMet'), known('resolutionMet').length, min),
    },
    openNow: rows.filter((r) => r.open).length,
    openAfter12Weeks: rows.filter((r) => isOldOpen(r, today)).length,
    satisfaction: {
      responses: answers.length,
      satisfied: share(answers.filter((a) => a >= 4).length, answers.length, min).share,
    },
  };
}

/** The published statistics per category, for the last 90 days and each of the last 12 months. */
export function computePerformance(input: PerformanceInput): Performance {
  const min = input.minimumSample ?? DEFAULT_MINIMUM_SAMPLE;
  const today = londonDate(input.now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const categories = Object.entries(input.targets).map(([serviceCode, target]) => {
    const rows = input.rows
      .filter((r) => r.serviceCode === serviceCode)
      .map((r) => prepare(r, target, today));
    const months = Array.from({ length: 12 }, (_, i) => {
      const from = addMonths(thisMonth, i - 11);
      const to = i === 11 ? today : addCalendarDays(addMonths(from, 1), -1);
      return periodOf(from.slice(0, 7), from, to, rows, today, min);
    });
    return {
      serviceCode,
      target: {
        firstResponseDays: target.firstResponseDays,
        resolutionDays: target.resolutionDays,
      },
      openNow: rows.filter((r) => r.open).length,
      openAfter12Weeks: rows.filter((r) => isOldOpen(r, today)).length,
      last90Days: periodOf('last-90-days', addCalendarDays(today, -89), today, rows, today, min),
      months,
    };
  });
  return { generatedAt: input.now.toISOString(), today, minimumSample: min, categories };
}

type Cell = string | number | TooFew;
const COLUMNS: ReadonlyArray<
  readonly [string, (c: CategoryPerformance, p: PeriodPerformance) => Cell]
> = [
  ['service_code', (c) => c.serviceCode],
  ['period', (_, p) => p.period],
  ['from', (_, p) => p.from],
  ['to', (_, p) => p.to],
  ['first_response_target_working_days', (c) => c.target.firstResponseDays],
  ['resolution_target_working_days', (c) => c.target.resolutionDays],
  ['received', (_, p) => p.received],
  ['first_response_count', (_, p) => p.firstResponse.count],
  ['first_response_median_working_days', (_, p) => p.firstResponse.median],
  ['first_response_p90_working_days', (_, p) => p.firstResponse.p90],
  ['resolution_count', (_, p) => p.resolution.count],
  ['resolution_median_working_days', (_, p) => p.resolution.median],
  ['resolution_p90_working_days', (_, p) => p.resolution.p90],
  ['first_response_within_target_sample', (_, p) => p.withinTarget.firstResponse.sample],
  ['first_response_within_target_share', (_, p) => p.withinTarget.firstResponse.share],
  ['resolution_within_target_sample', (_, p) => p.withinTarget.resolution.sample],
  ['resolution_within_target_share', (_, p) => p.withinTarget.resolution.share],
  ['open_now', (_, p) => p.openNow],
  ['open_after_12_weeks', (_, p) => p.openAfter12Weeks],
  ['satisfaction_responses', (_, p) => p.satisfaction.responses],
  ['satisfaction_share_satisfied', (_, p) => p.satisfaction.satisfied],
  ['category_open_now', (c) => c.openNow],
  ['category_open_after_12_weeks', (c) => c.openAfter12Weeks],
];

/** The CSV header: stable column names, then `note`. */
export const PERFORMANCE_CSV_HEADER: readonly string[] = [...COLUMNS.map(([name]) => name), 'note'];

/**
 * The statistics as CSV rows (header first, then one row per category per period: the last 90
 * days, then the months oldest first). A figure with too few reports is an empty cell, named in
 * the `note` column.
 */
export function performanceCsvRows(perf: Performance): string[][] {
  const out: string[][] = [[...PERFORMANCE_CSV_HEADER]];
  for (const c of perf.categories) {
    for (const p of [c.last90Days, ...c.months]) {
      const tooFew: string[] = [];
      const cells = COLUMNS.map(([name, get]) => {
        const v = get(c, p);
        if (typeof v === 'object') {
          tooFew.push(name);
          return '';
        }
        return String(v);
      });
      const note = tooFew.length
        ? `too few reports (fewer than ${perf.minimumSample}) for: ${tooFew.join(' ')}`
        : '';
      out.push([...cells, note]);
    }
  }
  return out;
}

/** RFC 4180 text of rows (CRLF line ends; cells quoted when they need it). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
