/** Point-in-area tests on GeoJSON polygons ([longitude, latitude]), used by app and server alike. */
import type { Area } from './council-config';

export interface LatLong {
  lat: number;
  long: number;
}

type Ring = ReadonlyArray<readonly [number, number]>;

/** Ray casting; points exactly on an edge may fall either side, which is fine at street scale. */
function inRing(p: LatLong, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.long < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function inPolygon(p: LatLong, rings: ReadonlyArray<Ring>): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(p, outer)) return false;
  return !holes.some((h) => inRing(p, h));
}

/** True when the point lies inside the area (holes excluded). */
export function isInside(p: LatLong, area: Area): boolean {
  if (area.type === 'Polygon') return inPolygon(p, area.coordinates);
  return area.coordinates.some((poly) => inPolygon(p, poly));
}
