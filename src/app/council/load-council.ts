/**
 * The council's configuration from the API (`/api/council.json`), validated with the shared
 * schema before use. The service worker keeps a copy (stale-while-revalidate), so a second visit
 * gets it offline.
 */
import {
  CouncilConfigSchema,
  formatConfigError,
  type CouncilConfig,
} from '../../shared/council-config';
import { err, ok, type Result } from '../../shared/result';

export const COUNCIL_URL = '/api/council.json';

export type CouncilLoadError = { kind: 'network' } | { kind: 'invalid'; detail: string };

export async function loadCouncil(
  signal?: AbortSignal,
  fetchFn: typeof fetch = fetch,
): Promise<Result<CouncilConfig, CouncilLoadError>> {
  let body: unknown;
  try {
    const res = await fetchFn(COUNCIL_URL, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) return err({ kind: 'network' });
    body = await res.json();
  } catch {
    return err({ kind: 'network' });
  }
  const parsed = CouncilConfigSchema.safeParse(body);
  if (!parsed.success) return err({ kind: 'invalid', detail: formatConfigError(parsed.error) });
  return ok(parsed.data);
}
