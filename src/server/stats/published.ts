/**
 * The published response-time statistics: the counters the store keeps per category per day
 * (stats-repository.ts), brought up to date and turned into figures by the shared
 * `figuresFromCounts`, so the JSON and the CSV (`performanceCsvRows` of the same result) always
 * agree, and the tests' fixtures go through exactly the code the page shows.
 *
 * Notes
 * - Every active category is published, in the configuration's order, with its targets.
 * - Counters are kept for every configured category, active or not, with its targets (a change
 *   of targets rebuilds them; see the repository).
 * - Reading reads one row per category per day of the published periods (about 13 months), and
 *   one summed row per category for what is open, whatever the number of reports.
 */
import type { CouncilConfig } from '../../shared/council-config';
import {
  figuresFromCounts,
  firstPublishedDay,
  type Performance,
  type ServiceTargets,
} from '../../shared/performance';
import type { Store } from '../store/store';

/** The published figures, plus whether demo history is among the reports counted. */
export type PublishedPerformance = Performance & { demoData: boolean };

function targetsOf(services: CouncilConfig['services']): Record<string, ServiceTargets> {
  return Object.fromEntries(
    services.map((s) => [
      s.service_code,
      { firstResponseDays: s.target.firstResponseDays, resolutionDays: s.target.resolutionDays },
    ]),
  );
}

export function publishedTargets(council: CouncilConfig): Record<string, ServiceTargets> {
  return targetsOf(council.services.filter((s) => s.active));
}

/** Brings the counters up to date; returns how many queued changes it took. */
export function refreshCounts(store: Store, council: CouncilConfig): Promise<number> {
  return store.stats.refresh(targetsOf(council.services));
}

/** The figures from the counters as they are (call `refreshCounts` first to include every change). */
export async function figuresNow(
  store: Store,
  council: CouncilConfig,
  now: Date,
): Promise<PublishedPerformance> {
  const [counts, seeded] = await Promise.all([
    store.stats.read(firstPublishedDay(now), now),
    store.meta.get(DEMO_MARKER),
  ]);
  const perf = figuresFromCounts({
    ...counts,
    targets: publishedTargets(council),
    now,
    minimumSample: council.statistics.minimumSample,
  });
  return { ...perf, demoData: seeded !== null };
}

export async function publishedPerformance(
  store: Store,
  council: CouncilConfig,
  now: Date,
): Promise<PublishedPerformance> {
  await refreshCounts(store, council);
  return figuresNow(store, council, now);
}

/** The `app_meta` key set when the demo history was written (seed/). */
export const DEMO_MARKER = 'demo-history-v1';
