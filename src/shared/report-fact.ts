/**
 * What one report adds to the published figures, as named counters of the London day it was
 * received on. The counters of a category's days are all the figures need (performance-figures.ts),
 * so the server keeps them per category per day as reports change (server/stats/aggregates.ts)
 * and never reads the reports themselves to publish.
 *
 * Counters (each report adds 1 to each of its keys):
 * - `r` received; `o` still open.
 * - `fd:N` / `rd:N` answered / closed after N working days (whole days, so the histograms are the
 *   exact values and every percentile from them is exact).
 * - `fm:1` / `fm:0` answered on time / late; `rm:1` / `rm:0` closed on time / late.
 * - `fw:DATE` / `rw:DATE` still open and waiting for the answer / the close due on DATE: a miss
 *   from the day after DATE, so the day the figures are read decides, not the day of writing.
 * - `s:N` survey answer N (1 to 5).
 */
import { isClosed, type ReportStatus } from './statuses';
import { addWorkingDaysToDate, londonDate, workingDaysBetween, type Instant } from './working-days';

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

/** Counter name to count. */
export type Counts = Record<string, number>;

/** A report's contribution: its category, the London day it was received and its counters. */
export interface ReportFact {
  serviceCode: string;
  day: string;
  keys: string[];
}

export function reportFact(row: PerformanceRow, target: ServiceTargets): ReportFact {
  const open = !isClosed(row.status);
  const responded = row.firstResponseAt ?? (open ? null : row.closedAt);
  const closedAt = open ? null : row.closedAt;
  const keys = ['r'];
  if (open) keys.push('o');
  const responseDue = row.dueFirstResponseAt
    ? londonDate(row.dueFirstResponseAt)
    : addWorkingDaysToDate(row.requestedAt, target.firstResponseDays);
  const resolutionDue = addWorkingDaysToDate(row.requestedAt, target.resolutionDays);
  if (responded !== null) {
    keys.push(`fd:${workingDaysBetween(row.requestedAt, responded)}`);
    keys.push(`fm:${londonDate(responded) <= responseDue ? 1 : 0}`);
  } else if (open) keys.push(`fw:${responseDue}`);
  if (closedAt !== null) {
    keys.push(`rd:${workingDaysBetween(row.requestedAt, closedAt)}`);
    keys.push(`rm:${londonDate(closedAt) <= resolutionDue ? 1 : 0}`);
  } else if (open) keys.push(`rw:${resolutionDue}`);
  const s = row.satisfaction;
  if (s !== null && Number.isInteger(s) && s >= 1 && s <= 5) keys.push(`s:${s}`);
  return { serviceCode: row.serviceCode, day: londonDate(row.requestedAt), keys };
}

/** Adds (`sign` 1) or takes back (`sign` -1) a fact's counters; a counter at 0 is removed. */
export function applyKeys(counts: Counts, keys: readonly string[], sign: 1 | -1): void {
  for (const k of keys) {
    const n = (counts[k] ?? 0) + sign;
    if (n === 0) delete counts[k];
    else counts[k] = n;
  }
}
