/**
 * One attempt to hand one opened centre report to the council: the resident outbox's request
 * (send.ts `postReport`: the same body, Idempotency-Key, time limit and reading of the answer)
 * plus the centre's fields, with the centre session's cookie, marked as a background request so
 * it does not count as the user's activity (the server's idle limit).
 *
 * Photos and recordings go as in the resident outbox: `media` file parts of the same multipart
 * POST (`buildBody`), so the server checks them with the report and hashes their bytes into the
 * Idempotency-Key's request hash; a retry sends the same bytes and gets the first answer back.
 *
 * A 401 means the centre session has ended (idle limit, signed out elsewhere): the report is not
 * at fault and stays queued; the caller stops and asks the user to sign in again.
 */
import { buildBody, interpret, postReport, type SendOutcome } from './send';
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
  const body = buildBody(req.payload.report, req.media);
  for (const [k, v] of Object.entries(req.payload.centre)) body.append(k, v);
  const answer = await postReport(req, () => body, {
    headers: { [CENTRE_BACKGROUND_HEADER]: '1' },
    credentials: 'same-origin',
  });
  if (!answer.ok) return answer.outcome;
  const { response, text } = answer;
  if (response.status === 401) return { kind: 'signed-out' };
  return interpret(response.status, text, response.headers.get('retry-after'), req.now());
}
