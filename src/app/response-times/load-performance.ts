/**
 * Fetches the published statistics. The service worker answers from its last copy when the
 * network is down (src/sw/sw.ts), so this works offline after one visit online.
 */
import type { Performance } from '../../shared/performance';
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

export async function loadPerformance(
  signal?: AbortSignal,
): Promise<Result<LoadedPerformance, 'network' | 'invalid'>> {
  let body: unknown;
  try {
    const res = await fetch(PERFORMANCE_URL, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) return err('network');
    body = await res.json();
  } catch {
    return err('network');
  }
  if (!looksLikePerformance(body)) return err('invalid');
  return ok({ performance: body });
}
