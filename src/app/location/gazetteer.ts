/**
 * The council's street list for "Can't use the map?": fetched whole from /api/gazetteer.json (a
 * few kilobytes) and searched on the phone, so the search works offline once the list has been
 * fetched. The service worker keeps the last copy (fetched at install and refreshed on use).
 */
import { GazetteerSchema, type Street } from '../../shared/gazetteer';
import { err, ok, type Result } from '../../shared/result';

export const GAZETTEER_URL = '/api/gazetteer.json';
let cached: Promise<Result<Street[], 'unavailable'>> | null = null;

/** The whole street list (once per page session; a failure is retried next time). */
export function loadStreets(
  fetcher: typeof fetch = fetch,
): Promise<Result<Street[], 'unavailable'>> {
  cached ??= fetcher(GAZETTEER_URL, { headers: { Accept: 'application/json' } })
    .then(async (r) => {
      if (!r.ok) return err('unavailable' as const);
      const parsed = GazetteerSchema.safeParse(await r.json());
      return parsed.success ? ok(parsed.data.streets) : err('unavailable' as const);
    })
    .catch(() => err('unavailable' as const));
  void cached.then((r) => {
    if (!r.ok) cached = null;
  });
  return cached;
}
