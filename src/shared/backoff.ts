/**
 * When to try again (a report from the outbox, a push from the server): full-jitter exponential backoff with the server's Retry-After as a
 * floor. Full jitter (a uniformly random delay up to the exponential ceiling) spreads the phones of
 * a whole street coming back online after an outage instead of having them retry in step.
 */

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };
/** A Retry-After further away than this is treated as this (a misconfigured proxy must not stall reports for days). */
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * Delay before the next attempt after `attempts` earlier failed attempts:
 * random() * min(cap, base * 2^attempts).
 */
export function backoffDelay(
  attempts: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Retry-After (delta-seconds or an HTTP date) -> the earliest time (ms epoch) to try again, or
 * null when absent or unreadable. Capped at RETRY_AFTER_MAX_MS from now.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  let at: number;
  if (/^\d+$/.test(text)) at = nowMs + Number(text) * 1000;
  else {
    // An HTTP date names its day and month ("Sat, 21 Nov 2026 10:02:30 GMT"); Date.parse alone
    // would also take "-5" as a year.
    const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(date)) return null;
    at = date;
  }
  return Math.min(Math.max(at, nowMs), nowMs + RETRY_AFTER_MAX_MS);
}

/** The next attempt time: the jittered delay, but never before the server's Retry-After. */
export function nextAttemptTime(
  nowMs: number,
  attempts: number,
  random: () => number,
  retryAfterAt: number | null,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const jittered = nowMs + backoffDelay(attempts, random, policy);
  return retryAfterAt === null ? jittered : Math.max(jittered, retryAfterAt);
}
