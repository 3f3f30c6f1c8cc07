/**
 * One request to the council with a time limit, and the answer's text; shared by every queue's
 * send (the report outbox, the sealed outbox, the messages queue) with the outcome shapes they
 * have in common. What an answer means stays with each queue.
 *
 * Notes
 * - Never called inside an IndexedDB transaction: the caller claims, sends, then records.
 * - The time limit covers the whole body as well as the headers (a captive portal or a dying
 *   connection can stall half-way); a request that takes longer is abandoned and retried later.
 * - The caller's signal (the queue closing, the drain stopped) and the time limit both abort the
 *   fetch, but mean different things: an aborted attempt is not the record's failure (no
 *   backoff), a timed-out one is. Both flags are returned and each queue decides.
 */

/** No answer, or one we cannot use yet: try again later (after the backoff and any Retry-After). */
export interface RetryOutcome {
  kind: 'retry';
  errorKind: 'network' | 'server';
  status: number | null;
  message: string;
  retryAfterAt: number | null;
}

/** The caller's signal aborted the attempt: not a failure of the record. */
export interface AbortedOutcome {
  kind: 'aborted';
}

export type FetchedAnswer =
  | { ok: true; response: Response; text: string }
  | { ok: false; error: unknown; timedOut: boolean; callerAborted: boolean };

/**
 * Fetches `url` and reads the body as text within `timeoutMs`, also stopped by `signal`. `init` is
 * built inside the attempt, so an error building it counts as a failed attempt.
 */
export async function fetchAnswer(
  fetchImpl: typeof fetch,
  url: string,
  init: () => RequestInit,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<FetchedAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    const response = await fetchImpl(url, { ...init(), signal: controller.signal });
    const text = await response.text();
    return { ok: true, response, text };
  } catch (error) {
    return { ok: false, error, timedOut, callerAborted: !!signal?.aborted };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The request path joined to the API's origin ('' = same origin), without a doubled slash. */
export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
