/**
 * One attempt to hand one opened centre report to the council: the resident outbox's request
 * (send.ts: the same body, Idempotency-Key and reading of the answer) plus the centre's fields,
 * with the centre session's cookie, marked as a background request so it does not count as the
 * user's activity (the server's idle limit).
 *
 * Photos and recordings go as in the resident outbox: `media` file parts of the same multipart
 * POST (`buildBody`), so the server checks them with the report and hashes their bytes into the
 * Idempotency-Key's request hash; a retry sends the same bytes and gets the first answer back.
 *
 * A 401 means the centre session has ended (idle limit, signed out elsewhere): the report is not
 * at fault and stays queued; the caller stops and asks the user to sign in again.
 */
import { buildBody, interpret, requestsUrl, type SendOutcome } from './send';
import type { MediaInput } from './schema';
import type { SealedPayload } from './sealed-schema';

export const CENTRE_BACKGROUND_HEADER = 'X-Centre-Background';

export type SealedSendOutcome = SendOutcome | { kind: 'signed-out' };

export interface SealedSendRequest {
  fetch: typeof fetch;
  baseUrl: string;
  id: string;
  payload: SealedPayload;
  /** The report's photos and recordings, unsealed, in order. */
  media: MediaInput[];
  now: () => number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export async function sendSealed(req: SealedSendRequest): Promise<SealedSendOutcome> {
  if (req.signal?.aborted) return { kind: 'aborted' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onAbort);
  try {
    const body = buildBody(req.payload.report, req.media);
    for (const [k, v] of Object.entries(req.payload.centre)) body.append(k, v);
    let response: Response;
    let text: string;
    try {
      response = await req.fetch(requestsUrl(req.baseUrl), {
        method: 'POST',
        body,
        headers: {
          'Idempotency-Key': req.id,
          Accept: 'application/json',
          [CENTRE_BACKGROUND_HEADER]: '1',
        },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
      text = await response.text();
    } catch (e) {
      if (req.signal?.aborted && !timedOut) return { kind: 'aborted' };
      const message = timedOut
        ? `no answer within ${Math.round(req.timeoutMs / 1000)} s`
        : `network error: ${e instanceof Error ? e.message : String(e)}`;
      return { kind: 'retry', errorKind: 'network', status: null, message, retryAfterAt: null };
    }
    if (response.status === 401) return { kind: 'signed-out' };
    return interpret(response.status, text, response.headers.get('retry-after'), req.now());
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}
