/**
 * The council's street gazetteer: streets with a point each, for "Can't use the map?". The list
 * is small (a few dozen to a few thousand streets), so the app keeps all of it for offline use
 * and searches it with the same function the server's `?q=` uses.
 */
import { z } from 'zod';

export const StreetSchema = z.object({
  /** Stable id (e.g. a USRN); sent as Open311 `address_id`. */
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(120),
  /** Town or area, e.g. "Hatfield". */
  locality: z.string().min(1).max(80),
  lat: z.number().min(-90).max(90),
  long: z.number().min(-180).max(180),
});
export type Street = z.infer<typeof StreetSchema>;

export const GazetteerSchema = z.object({ streets: z.array(StreetSchema) });
export type Gazetteer = z.infer<typeof GazetteerSchema>;

/** The words of a name or query: lower case, accents and punctuation dropped. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Streets matching every word of the query (each as the start of a word of the street's name or
 * locality), names starting with the query first, then alphabetical.
 */
export function searchStreets(streets: readonly Street[], query: string, limit = 20): Street[] {
  const q = words(query);
  if (q.length === 0) return [];
  const scored = streets
    .map((s) => {
      const name = words(s.name);
      const all = [...name, ...words(s.locality)];
      if (!q.every((w) => all.some((x) => x.startsWith(w)))) return null;
      const starts = name[0]?.startsWith(q[0]!) ? 0 : 1;
      return { s, starts };
    })
    .filter((x): x is { s: Street; starts: number } => x !== null)
    .sort((a, b) => a.starts - b.starts || a.s.name.localeCompare(b.s.name, 'en-GB'));
  return scored.slice(0, limit).map((x) => x.s);
}

/** How a chosen street reads as Open311 `address_string`. */
export const streetAddress = (s: Street) => `${s.name}, ${s.locality}`;
