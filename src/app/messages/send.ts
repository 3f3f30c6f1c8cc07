/**
 * One attempt to hand one message to the council, and what the answer means.
 *
 * Notes
 * - Never called inside an IndexedDB transaction (the caller claims, sends, then records). The
 *   request, its time limit and the shapes of `retry` and `aborted` are the outbox's
 *   (src/app/outbox/fetch-answer.ts); what an answer means is this queue's own.
 * - `sent`: the council has it. For a survey that is 201 or 200 (the same answer again, replayed)
 *   and also a 409 saying the report was already answered: it was counted once, and trying again
 *   can never change that. For a case review, a 2xx naming the case review.
 * - `refused`: the council read it and will never take it as it is (400, 403, 404, 422, 413, 415,
 *   and a survey's 409 "not closed yet"); its message is kept for the resident.
 * - `retry`: everything else (no answer, 5xx, 408, 429, another 409, a body we cannot read such
 *   as a captive portal's page). Safe because each message carries its own idempotency.
 */
import { parseRetryAfter } from '../outbox/backoff';
import {
  apiUrl,
  fetchAnswer,
  parseJson,
  type AbortedOutcome,
  type RetryOutcome,
} from '../outbox/fetch-answer';
import { REPORT_SECRET_HEADER } from '../../shared/open311';
import type { MessageAnswer, MessagePayload } from './schema';

export type MessageOutcome =
  | { kind: 'sent'; status: number; answer: MessageAnswer }
  | { kind: 'refused'; status: number; message: string }
  | RetryOutcome
  | AbortedOutcome;

export interface SendMessageRequest {
  fetch: typeof fetch;
  baseUrl: string;
  payload: MessagePayload;
  now: () => number;
  timeoutMs: number;
  signal?: AbortSignal;
}

const REFUSED = new Set([400, 403, 404, 409, 413, 415, 422]);

function request(payload: MessagePayload): { path: string; init: RequestInit } {
  if (payload.kind === 'survey') {
    return {
      path: '/api/surveys',
      init: {
        method: 'POST',
        headers: { [REPORT_SECRET_HEADER]: payload.reportSecret },
        body: new URLSearchParams({
          service_request_id: payload.reference,
          satisfaction: payload.satisfaction,
          comment: payload.comment,
        }),
      },
    };
  }
  return {
    path: '/api/case-reviews',
    init: {
      method: 'POST',
      body: new URLSearchParams([
        ['application_id', payload.applicationId],
        ['name', payload.name],
        ['email', payload.email],
        ['phone', payload.phone],
        ['address', payload.address],
        ['details', payload.details],
        ['consent', 'yes'],
        ...payload.reports.map(([ref, secret]): [string, string] => [`report[${ref}]`, secret]),
      ]),
    },
  };
}

/** The descriptions of an Open311 error body, or null when it is not one. */
function descriptions(json: unknown): string | null {
  if (!Array.isArray(json) || json.length === 0) return null;
  const texts = json.map((e) => (e as { description?: unknown } | null)?.description);
  if (!texts.every((d): d is string => typeof d === 'string')) return null;
  return texts.join(' ');
}

function answerOf(payload: MessagePayload, json: unknown, nowMs: number): MessageAnswer | null {
  if (payload.kind === 'survey') {
    // The stored answer names the report; a 200 page from a Wi-Fi portal does not.
    const id = (json as { service_request_id?: unknown } | null)?.service_request_id;
    return typeof id === 'string' && id ? { kind: 'survey', outcome: 'thanks' } : null;
  }
  const v = json as {
    case_review_id?: unknown;
    service_request_ids?: unknown;
    received_datetime?: unknown;
  } | null;
  if (typeof v?.case_review_id !== 'string' || !v.case_review_id) return null;
  const at = typeof v.received_datetime === 'string' ? Date.parse(v.received_datetime) : NaN;
  return {
    kind: 'case-review',
    reference: v.case_review_id,
    receivedAt: new Date(Number.isNaN(at) ? nowMs : at).toISOString(),
    reports: Array.isArray(v.service_request_ids) ? v.service_request_ids.map(String) : [],
  };
}

export async function sendMessage(req: SendMessageRequest): Promise<MessageOutcome> {
  if (req.signal?.aborted) return { kind: 'aborted' };
  const { path, init } = request(req.payload);
  const answer = await fetchAnswer(
    req.fetch,
    apiUrl(req.baseUrl, path),
    () => ({ ...init, cache: 'no-store' }),
    req.timeoutMs,
    req.signal,
  );
  if (!answer.ok) {
    if (answer.callerAborted) return { kind: 'aborted' };
    const e = answer.error;
    return {
      kind: 'retry',
      errorKind: 'network',
      status: null,
      message: answer.timedOut ? 'no answer in time' : `no answer: ${(e as Error)?.message ?? e}`,
      retryAfterAt: null,
    };
  }
  const { response: res, text } = answer;
  const json = parseJson(text) ?? null;
  const status = res.status;
  if (status >= 200 && status < 300) {
    const answer = answerOf(req.payload, json, req.now());
    if (answer) return { kind: 'sent', status, answer };
  }
  const described = descriptions(json);
  if (req.payload.kind === 'survey' && status === 409 && described?.includes('already')) {
    return { kind: 'sent', status, answer: { kind: 'survey', outcome: 'already' } };
  }
  if (REFUSED.has(status) && (described !== null || status === 413 || status === 415)) {
    // A case review's 409 is not a refusal of its content (the same id still in flight).
    if (!(status === 409 && req.payload.kind === 'case-review')) {
      return { kind: 'refused', status, message: described ?? `HTTP ${status}` };
    }
  }
  return {
    kind: 'retry',
    errorKind: 'server',
    status,
    message: described ?? `HTTP ${status}`,
    retryAfterAt: parseRetryAfter(res.headers.get('retry-after'), req.now()),
  };
}
