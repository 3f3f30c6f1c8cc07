/** navigator.geolocation as a promise that gives up when the signal aborts (e.g. a timeout). */
import { err, ok, type Result } from '../../shared/result';

export type GeoError = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export function currentPosition(
  signal: AbortSignal,
  geo: Geolocation | undefined = navigator.geolocation,
): Promise<Result<{ lat: number; long: number }, GeoError>> {
  return new Promise((resolve) => {
    if (!geo) return resolve(err('unsupported'));
    if (signal.aborted) return resolve(err('timeout'));
    let done = false;
    const finish = (r: Result<{ lat: number; long: number }, GeoError>) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => finish(err('timeout'));
    signal.addEventListener('abort', onAbort);
    geo.getCurrentPosition(
      (p) => finish(ok({ lat: p.coords.latitude, long: p.coords.longitude })),
      (e) =>
        finish(
          err(
            e.code === e.PERMISSION_DENIED
              ? 'denied'
              : e.code === e.TIMEOUT
                ? 'timeout'
                : 'unavailable',
          ),
        ),
      { enableHighAccuracy: true, maximumAge: 60_000 },
    );
  });
}

/** Six decimal places is about 10 cm: more than a phone knows. */
export const formatCoordinate = (n: number) => n.toFixed(6);
