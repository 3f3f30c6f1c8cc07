/**
 * The published figures as the public gets them: computed at most once per interval however many
 * clients ask (one computation in flight; everyone asking meanwhile waits for it), as JSON and
 * CSV bodies with an ETag of each body, so a client that has them gets 304.
 *
 * Notes
 * - A computation whose figures equal the last one's keeps the last bodies (and their
 *   `generatedAt`), so the ETag only changes when a figure does.
 * - A new London day always recomputes (the periods move).
 * - With an interval of 0 the counters are brought up to date on every request and the figures
 *   recomputed from them (bounded work: one row per category per day).
 */
import { createHash } from 'node:crypto';
import type { CouncilConfig } from '../../shared/council-config';
import { performanceCsvRows, toCsv } from '../../shared/performance-csv';
import { londonDate } from '../../shared/working-days';
import type { Store } from '../store/store';
import { publishedPerformance, type PublishedPerformance } from './published';

export interface FiguresBodies {
  perf: PublishedPerformance;
  json: string;
  csv: string;
  /** Strong ETags of the two bodies. */
  jsonEtag: string;
  csvEtag: string;
}

export interface FiguresCache {
  get(): Promise<FiguresBodies>;
  /** The interval, in seconds (also the responses' max-age). */
  readonly seconds: number;
}

interface Entry extends FiguresBodies {
  today: string;
  at: number;
  /** Hash of the figures without `generatedAt`. */
  sameAs: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 27);

export function figuresCache(
  store: Store,
  council: CouncilConfig,
  clock: () => Date,
  seconds: number,
): FiguresCache {
  let entry: Entry | null = null;
  let inflight: Promise<Entry> | null = null;

  async function compute(): Promise<Entry> {
    const now = clock();
    const perf = await publishedPerformance(store, council, now);
    const sameAs = sha(JSON.stringify({ ...perf, generatedAt: '' }));
    const today = londonDate(now);
    if (entry && entry.sameAs === sameAs) return { ...entry, today, at: Date.now() };
    const json = JSON.stringify(perf);
    const csv = toCsv(performanceCsvRows(perf));
    return {
      perf,
      json,
      csv,
      jsonEtag: `"${sha(json)}"`,
      csvEtag: `"${sha(csv)}"`,
      today,
      at: Date.now(),
      sameAs,
    };
  }

  return {
    seconds,
    async get() {
      const fresh =
        entry &&
        seconds > 0 &&
        Date.now() - entry.at < seconds * 1000 &&
        entry.today === londonDate(clock());
      if (fresh) return entry!;
      inflight ??= compute()
        .then((e) => (entry = e))
        .finally(() => (inflight = null));
      return inflight;
    },
  };
}

/** Whether an If-None-Match header names this ETag (or is `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
