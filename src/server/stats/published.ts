/**
 * The published response-time statistics: rows from the store, figures from the shared
 * `computePerformance`, so the JSON and the CSV (`performanceCsvRows` of the same result) always
 * agree, and the tests' fixtures go through exactly the code the page shows.
 *
 * Notes
 * - Every active category is published, in the configuration's order, with its targets.
 * - Rows are loaded from a day before the earliest period (the 12th month back or the 90th day
 *   back, whichever is earlier), plus every report still open, whenever it arrived.
 */
import type { CouncilConfig } from '../../shared/council-config';
import {
  computePerformance,
  type Performance,
  type ServiceTargets,
} from '../../shared/performance';
import { addCalendarDays, addMonths, londonDate, londonTime } from '../../shared/working-days';
import type { Store } from '../store/store';

/** The published figures, plus whether demo history is among the reports counted. */
export type PublishedPerformance = Performance & { demoData: boolean };

export function publishedTargets(council: CouncilConfig): Record<string, ServiceTargets> {
  return Object.fromEntries(
    council.services
      .filter((s) => s.active)
      .map((s) => [
        s.service_code,
        { firstResponseDays: s.target.firstResponseDays, resolutionDays: s.target.resolutionDays },
      ]),
  );
}

/** The first instant any published period can start at, with a day to spare. */
export function rowsSince(now: Date): Date {
  const today = londonDate(now);
  const firstMonth = addMonths(`${today.slice(0, 7)}-01`, -11);
  const first90 = addCalendarDays(today, -89);
  const earliest = firstMonth < first90 ? firstMonth : first90;
  return new Date(londonTime(addCalendarDays(earliest, -1), 0));
}

export async function publishedPerformance(
  store: Store,
  council: CouncilConfig,
  now: Date,
): Promise<PublishedPerformance> {
  const [rows, seeded] = await Promise.all([
    store.stats.performanceRows(rowsSince(now)),
    store.meta.get(DEMO_MARKER),
  ]);
  const perf = computePerformance({
    rows,
    targets: publishedTargets(council),
    now,
    minimumSample: council.statistics.minimumSample,
  });
  return { ...perf, demoData: seeded !== null };
}

/** The `app_meta` key set when the demo history was written (seed/). */
export const DEMO_MARKER = 'demo-history-v1';
