/**
 * One attempt to hand one report to the council: the request and what its answer means.
 *
 * Notes
 * - Never called inside an IndexedDB transaction (the caller reads first, sends, then writes).
 * - The answer is sorted three ways. `sent`: a 2xx whose body is the Open311 created-request
 *   document (at least its service_request_id). `rejected`: the server read the report and
 *   refuses it (400/403/404/422 with an Open311 error body, or 413/415 whatever the body): only
 *   the resident can fix that. `retry`: everything else (no answer, 5xx, 408, 409 = the same key
 *   still in flight, 429, a body we cannot read such as a captive portal's page). Retrying is
 *   safe because of the Idempotency-Key.
 * - A request that takes longer than `timeoutMs` is abandoned and retried later (fetch-answer.ts).
 * - `postReport` is the request itself, shared with the sealed outbox (sealed-send.ts), which
 *   adds the centre's fields and headers.
 */
import { z } from 'zod';
import {
  CreatedRequestSchema,
  MEDIA_FIELD,
  OPEN311_BASE,
  Open311ErrorSchema,
  fieldsFromSubmission,
} from '../../shared/open311';
import type { ReportSubmissionInput } from '../../shared/report';
import { parseRetryAfter } from './backoff';
import {
  apiUrl,
  fetchAnswer,
  parseJson,
  type AbortedOutcome,
  type RetryOutcome,
} from './fetch-answer';
import type { MediaInput } from './schema';

export type SendOutcome =
  | { kind: 'sent'; status: number; reference: string; serviceNotice: string | null }
  | { kind: 'rejected'; status: number; message: string }
  | RetryOutcome
  /** The caller's signal aborted the attempt: not a failure of the report. */
  | AbortedOutcome;

export interface SendRequest {
  fetch: typeof fetch;
  baseUrl: string;
  id: string;
  report: ReportSubmissionInput;
  media: MediaInput[];
  now: () => number;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The created-request answer, read leniently: once the council has given a reference the report
 * is sent, even if another field differs from the contract (retrying would never end).
 */
const CreatedSchema = z
  .array(
    CreatedRequestSchema.element
      .pick({ service_request_id: true })
      .extend({ service_notice: z.string().nullish() }),
  )
  .min(1);

/** Statuses that mean "this report, as it is, will never be accepted". */
const REJECTED_WITH_BODY = new Set([400, 403, 404, 422]);
const REJECTED_ALWAYS = new Set([413, 415]);

export function requestsUrl(baseUrl: string): string {
  return apiUrl(baseUrl, `${OPEN311_BASE}/requests.json`);
}

/** The multipart body: the wire fields, then each photo or recording as a `media` file part. */
export function buildBody(report: ReportSubmissionInput, media: MediaInput[]): FormData {
  const body = new FormData();
  for (const [key, value] of fieldsFromSubmission(report)) body.append(key, value);
  for (const m of media) body.append(MEDIA_FIELD, new Blob([m.bytes], { type: m.type }), m.name);
  return body;
}

export async function sendReport(req: SendRequest): Promise<SendOutcome> {
  if (req.signal?.aborted) return { kind: 'aborted' };
  const answer = await postReport(req, () => buildBody(req.report, req.media));
  if (!answer.ok) return answer.outcome;
  const { response, text } = answer;
  return interpret(response.status, text, response.headers.get('retry-after'), req.now());
}

/**
 * POSTs a report's multipart body to requests.json under its Idempotency-Key, within the time
 * limit: the answer's text, or the outcome of having none (the caller's abort, or a retry).
 */
export async function postReport(
  req: Pick<SendRequest, 'fetch' | 'baseUrl' | 'id' | 'timeoutMs' | 'signal'>,
  body: () => FormData,
  extra: { headers?: Record<string, string>; credentials?: RequestCredentials } = {},
): Promise<
  | { ok: true; response: Response; text: string }
  | { ok: false; outcome: RetryOutcome | AbortedOutcome }
> {
  const answer = await fetchAnswer(
    req.fetch,
    requestsUrl(req.baseUrl),
    () => ({
      method: 'POST',
      body: body(),
      headers: { 'Idempotency-Key': req.id, Accept: 'application/json', ...extra.headers },
      ...(extra.credentials ? { credentials: extra.credentials } : {}),
      cache: 'no-store',
    }),
    req.timeoutMs,
    req.signal,
  );
  if (answer.ok) return answer;
  if (answer.callerAborted && !answer.timedOut) return { ok: false, outcome: { kind: 'aborted' } };
  const e = answer.error;
  const message = answer.timedOut
    ? `no answer within ${Math.round(req.timeoutMs / 1000)} s`
    : `network error: ${e instanceof Error ? e.message : String(e)}`;
  return {
    ok: false,
    outcome: { kind: 'retry', errorKind: 'network', status: null, message, retryAfterAt: null },
  };
}

/** An HTTP answer -> what it means for the report. */
export function interpret(
  status: number,
  text: string,
  retryAfter: string | null,
  nowMs: number,
): SendOutcome {
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const created = CreatedSchema.safeParse(json);
    if (created.success) {
      const [first] = created.data;
      return {
        kind: 'sent',
        status,
        reference: first!.service_request_id,
        serviceNotice: first!.service_notice || null,
      };
    }
    return retry(status, `HTTP ${status} with an answer that is not a created report`, null);
  }
  const errors = Open311ErrorSchema.safeParse(json);
  const described = errors.success ? errors.data.map((e) => e.description).join('; ') : null;
  if (REJECTED_ALWAYS.has(status) || (REJECTED_WITH_BODY.has(status) && described)) {
    return { kind: 'rejected', status, message: described || `HTTP ${status}` };
  }
  return retry(
    status,
    described ? `HTTP ${status}: ${described}` : `HTTP ${status}`,
    parseRetryAfter(retryAfter, nowMs),
  );
}

function retry(status: number, message: string, retryAfterAt: number | null): SendOutcome {
  return { kind: 'retry', errorKind: 'server', status, message, retryAfterAt };
}
