/**
 * Public Spaces Protection Orders: which zones a reported place falls in, for the categories a
 * zone names (e.g. street drinking). The app uses it to tell the resident what the order
 * prohibits there; the server uses it to store a flag on the report, computed from the location
 * and never taken from the client.
 */
import type { CouncilConfig, Service } from './council-config';
import { isInside, type LatLong } from './geo';

/** Attribute the server adds to reports in categories a PSPO zone names: yes, no or unknown. */
export const IN_PSPO_ZONE_CODE = 'in_pspo_zone';
/** Attribute the server adds when the place is inside a zone: the zone ids, comma-separated. */
export const PSPO_ZONE_CODE = 'pspo_zone';
/** Codes only the server may set; a client that sends them is refused. */
export const COMPUTED_CODES: readonly string[] = [IN_PSPO_ZONE_CODE, PSPO_ZONE_CODE];

type Zones = Pick<CouncilConfig, 'pspoZones'>;

/** Whether any zone is relevant to this category (so the flag is stored for it). */
export function pspoApplies(council: Zones, serviceCode: string): boolean {
  return council.pspoZones.some((z) => z.services.includes(serviceCode));
}

/** The zones relevant to this category that contain the point. */
export function pspoZonesAt(
  council: Zones,
  serviceCode: string,
  point: LatLong,
): CouncilConfig['pspoZones'] {
  return council.pspoZones.filter(
    (z) => z.services.includes(serviceCode) && isInside(point, z.area),
  );
}

/** The attributes the server computes for a report (empty for categories no zone names). */
export function computedAttributes(
  council: Zones,
  service: Pick<Service, 'service_code'>,
  point: LatLong | null,
): Record<string, string> {
  if (!pspoApplies(council, service.service_code)) return {};
  if (!point) return { [IN_PSPO_ZONE_CODE]: 'unknown' };
  const zones = pspoZonesAt(council, service.service_code, point);
  return zones.length
    ? { [IN_PSPO_ZONE_CODE]: 'yes', [PSPO_ZONE_CODE]: zones.map((z) => z.id).join(',') }
    : { [IN_PSPO_ZONE_CODE]: 'no' };
}
