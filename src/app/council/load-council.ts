/**
 * The council's configuration from the API (`/api/council.json`). The service worker answers
 * from the network when it can (so a change reaches the phone on the next load) and from the
 * copy it keeps when offline or when the network is too slow (src/sw/sw.ts).
 *
 * Notes
 * - The first render needs only a shape check; the full validation with the shared zod schema
 *   (`verifyCouncil`) runs straight after, from a separate chunk, so zod is not on the start
 *   page's critical path. The server validated the same file with the same schema at start-up,
 *   so a failure here means a broken deployment, and the app then shows "unavailable".
 */
import type { CouncilConfig } from '../../shared/council-config';
import { COUNCIL_DATA_ID } from '../../shared/page-data';
import { err, ok, type Result } from '../../shared/result';

export const COUNCIL_URL = '/api/council.json';

export type CouncilLoadError = { kind: 'network' } | { kind: 'invalid'; detail: string };

/**
 * The configuration the server wrote into the page (src/server/ssr), when it did: no request
 * before the first render. Pages the service worker answers from its copy of index.html have
 * none, and the app fetches it.
 */
export function embeddedCouncil(doc: Document = document): CouncilConfig | undefined {
  const text = doc.getElementById(COUNCIL_DATA_ID)?.textContent;
  if (!text) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return looksLikeCouncil(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

function looksLikeCouncil(body: unknown): body is CouncilConfig {
  if (typeof body !== 'object' || body === null) return false;
  const c = body as Record<string, unknown>;
  return typeof c.name === 'string' && Array.isArray(c.services) && typeof c.contacts === 'object';
}

/** Fetches the configuration and checks its shape (enough to render the first page). */
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
  if (!looksLikeCouncil(body)) {
    return err({ kind: 'invalid', detail: 'not a council configuration' });
  }
  return ok(body);
}

/** Validates the configuration with the shared schema (loaded on demand). */
export async function verifyCouncil(
  body: unknown,
): Promise<Result<CouncilConfig, CouncilLoadError>> {
  const { CouncilConfigSchema, formatConfigError } = await import('../../shared/council-config');
  const parsed = CouncilConfigSchema.safeParse(body);
  if (!parsed.success) return err({ kind: 'invalid', detail: formatConfigError(parsed.error) });
  return ok(parsed.data);
}
