/**
 * Fetches the published statistics. The service worker answers from its last copy when the
 * network is down (src/sw/sw.ts), so this works offline after one visit online. A page the server
 * rendered carries the figures it showed (`embeddedPerformance`).
 */
import type { Performance } from '../../shared/performance';
import { PERFORMANCE_DATA_ID, type EmbeddedPerformance } from '../../shared/page-data';
import { err, ok, type Result } from '../../shared/result';

export const PERFORMANCE_URL = '/api/performance.json';

export interface LoadedPerformance {
  performance: Performance & { demoData?: boolean };
}

function looksLikePerformance(v: unknown): v is Performance {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.generatedAt === 'string' &&
    typeof p.minimumSample === 'number' &&
    Array.isArray(p.categories) &&
    p.categories.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as CategoryLike).serviceCode === 'string' &&
        Array.isArray((c as CategoryLike).months) &&
        typeof (c as CategoryLike).last90Days === 'object',
    )
  );
}
interface CategoryLike {
  serviceCode: unknown;
  months: unknown;
  last90Days: unknown;
}

/** The figures (and their ETag) the server rendered the page with, or undefined. */
export function embeddedPerformance(
  doc: Document = document,
): (LoadedPerformance & { etag: string }) | undefined {
  const text = doc.getElementById(PERFORMANCE_DATA_ID)?.textContent;
  if (!text) return undefined;
  try {
    const body = JSON.parse(text) as Partial<EmbeddedPerformance> | null;
    if (typeof body?.etag !== 'string' || !looksLikePerformance(body.performance)) return undefined;
    return { etag: body.etag, performance: body.performance };
  } catch {
    return undefined;
  }
}

/**
 * The figures, or null when they are still those of `etag` (the server answers 304, sending
 * nothing again).
 */
export async function loadPerformance(
  signal?: AbortSignal,
  etag?: string,
): Promise<Result<LoadedPerformance | null, 'network' | 'invalid'>> {
  let body: unknown;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (etag) headers['if-none-match'] = etag;
    const res = await fetch(PERFORMANCE_URL, { signal, headers });
    if (etag && res.status === 304) return ok(null);
    if (!res.ok) return err('network');
    body = await res.json();
  } catch {
    return err('network');
  }
  if (!looksLikePerformance(body)) return err('invalid');
  return ok({ performance: body });
}
