/**
 * The published figures as they were computed before the store kept counters: every report of
 * the periods loaded (the same SQL) and each figure worked out from the rows. The tests hold the
 * counters' figures to be identical to these on the same data.
 */
import { isClosed, ReportStatus } from '../../src/shared/statuses';
import {
  addCalendarDays,
  addMonths,
  addWorkingDaysToDate,
  calendarDaysBetween,
  londonDate,
  londonTime,
  workingDaysBetween,
  type Instant,
} from '../../src/shared/working-days';
import {
  DEFAULT_MINIMUM_SAMPLE,
  OPEN_TOO_LONG_DAYS,
  type Figure,
  type Performance,
  type PerformanceInput,
  type PerformanceRow,
  type PeriodPerformance,
  type ServiceTargets,
  type Share,
  type Timing,
} from '../../src/shared/performance';
import { REPORT_STATUSES } from '../../src/shared/statuses';
import type { CouncilConfig } from '../../src/shared/council-config';
import { publishedTargets } from '../../src/server/stats/published';
import { isoFromDb } from '../../src/server/store/rows';
import type { Database } from './helpers';

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
function nearestRank(sorted: readonly number[], p: number): number | undefined {
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
export function referencePerformance(input: PerformanceInput): Performance {
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

/** The first instant any published period can start at, with a day to spare. */
function rowsSince(now: Date): Date {
  const today = londonDate(now);
  const firstMonth = addMonths(`${today.slice(0, 7)}-01`, -11);
  const first90 = addCalendarDays(today, -89);
  const earliest = firstMonth < first90 ? firstMonth : first90;
  return new Date(londonTime(addCalendarDays(earliest, -1), 0));
}

const OPEN_STATUSES = REPORT_STATUSES.filter((s) => !isClosed(s));

interface RawRow {
  service_code: string;
  requested_datetime: string | Date;
  first_response_at: string | Date | null;
  closed_at: string | Date | null;
  status: string;
  expected_datetime: string | Date | null;
  satisfaction: number | string | null;
}

/** Reports received since the periods' start, plus every report still open, read with raw SQL. */
async function referenceRows(db: Database, since: Date): Promise<PerformanceRow[]> {
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
  const sinceSql =
    db.name === 'postgres' ? `'${since.toISOString()}'::timestamptz` : `'${since.toISOString()}'`;
  const rows = (await db.query(
    `SELECT r.service_code, r.requested_datetime, r.first_response_at, r.closed_at, r.status,
            r.expected_datetime, s.satisfaction
       FROM reports r LEFT JOIN surveys s ON s.report_id = r.id
      WHERE r.requested_datetime >= ${sinceSql} OR r.status IN (${open})`,
  )) as RawRow[];
  return rows.map((r) => {
    const status = ReportStatus.safeParse(r.status);
    return {
      serviceCode: r.service_code,
      requestedAt: isoFromDb(r.requested_datetime),
      firstResponseAt: r.first_response_at === null ? null : isoFromDb(r.first_response_at),
      closedAt: r.closed_at === null ? null : isoFromDb(r.closed_at),
      status: status.success ? status.data : 'open',
      dueFirstResponseAt: r.expected_datetime === null ? null : isoFromDb(r.expected_datetime),
      satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
    };
  });
}

/** The figures the reference computation publishes for this database on `now`. */
export async function referenceFigures(
  db: Database,
  council: CouncilConfig,
  now: Date,
): Promise<Performance> {
  return referencePerformance({
    rows: await referenceRows(db, rowsSince(now)),
    targets: publishedTargets(council),
    now,
    minimumSample: council.statistics.minimumSample,
  });
}
