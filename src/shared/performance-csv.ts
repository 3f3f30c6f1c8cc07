/**
 * The published statistics as CSV: stable column names, one row per category per period, a
 * figure with too few reports as an empty cell named in the `note` column.
 */
import type { CategoryPerformance, Performance, PeriodPerformance, TooFew } from './performance';

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
