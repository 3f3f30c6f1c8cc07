/**
 * The Idempotency-Key extension (ARCHITECTURE.md, "The contract"): the header's format, the
 * request hash that tells a true repeat from a different report, and the claim rules.
 *
 * Notes
 * - The hash covers the wire fields sorted by name (the values of one name keep their order), so
 *   the same report sent URL-encoded or as multipart, in any field order, is the same request.
 *   The sha256 of each photo or recording joins it, in the order sent (a report without media
 *   adds nothing, so its hash is its fields' alone).
 * - The key doubles as the reporter's secret: only its sha256 is stored with the report.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { IDEMPOTENCY_HEADER } from '../../shared/open311';
import { HttpError, badRequest } from '../http/errors';
import type { FormFields } from '../http/form-body';
import type { IdempotencyRecord, Store } from '../store/store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A 'processing' claim older than this belongs to a request that died; it may be taken over. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;
/**
 * At start: releases the claims a killed server left 'processing' (claimed, never committed, so
 * no report exists for them), so the phone's retry is stored at once instead of meeting 409 until
 * the claim is STALE_CLAIM_MS old. Returns how many were released.
 *
 * - SQLite: one server process owns the file (the admin CLI opens it too, but never claims a
 *   key), so every claim already there when the server starts was left by a process that died.
 * - PostgreSQL: several instances share the database, and a claim here may be another instance's
 *   request still at work. Releasing it would let a retry take the key here and make the other
 *   instance's commit fail (its completion is bound to its claim token, so it would roll back and
 *   answer 409): no duplicate, but a resident's good request thrown away on every deploy. So
 *   PostgreSQL keeps the lease: a claim older than STALE_CLAIM_MS is taken over by the next retry.
 *   Marking claims with an instance id would not help a restart, which comes back as a new
 *   instance unless each is given a stable name.
 */
export async function releaseAbandonedClaims(store: Store, startedAt: Date): Promise<number> {
  if (store.dialect !== 'sqlite') return 0;
  return store.idempotency.releaseProcessingBefore(startedAt);
}

/** Keys are kept at least as long as a phone may hold a report. */
export const KEY_RETENTION_DAYS = 30;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The Idempotency-Key header, lower-cased, or null when absent; a 400 when malformed. */
export function readIdempotencyKey(headers: IncomingHttpHeaders): string | null {
  const value = headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !UUID.test(value.trim())) {
    throw badRequest(
      'Idempotency-Key must be one UUID, like 3f2b8c1e-6d4a-4b7e-9c2d-1a5e8f0b7c6d.',
    );
  }
  return value.trim().toLowerCase();
}

/** The hash that identifies a request body (fields and media bytes' hashes) for the key checks. */
export function requestHash(fields: FormFields, mediaHashes: string[] = []): string {
  const sorted = fields
    .map((f, i) => [f, i] as const)
    .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
    .map(([f]) => f);
  return sha256(JSON.stringify(mediaHashes.length ? [sorted, mediaHashes] : sorted));
}

/** The secret hash stored with a report created under this key. */
export const secretHash = (key: string) => sha256(key.toLowerCase());

/** Whether a presented X-Report-Secret matches the stored hash (constant time). */
export function secretMatches(presented: unknown, stored: string | null): boolean {
  if (!stored || typeof presented !== 'string' || !UUID.test(presented.trim())) return false;
  const a = Buffer.from(secretHash(presented.trim()), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const inFlight = () =>
  new HttpError(
    409,
    ['A report with this Idempotency-Key is still being processed. Try again in a moment.'],
    { 'retry-after': '1' },
  );

export const keyReused = () =>
  new HttpError(422, [
    'This Idempotency-Key was already used for a different report. Use a new key for a new report.',
  ]);

export type ClaimDecision =
  { kind: 'replay'; status: number; body: string } | { kind: 'take-over' } | { kind: 'retry' };

/** What to do when the key is already in the ledger; throws 409 or 422 where the rules say so. */
export function decideOnExisting(
  existing: IdempotencyRecord,
  hash: string,
  now: Date,
): ClaimDecision {
  if (existing.state === 'complete') {
    if (existing.request_hash !== hash) throw keyReused();
    if (existing.response_status === null || existing.response_body === null)
      return { kind: 'retry' };
    return { kind: 'replay', status: existing.response_status, body: existing.response_body };
  }
  if (Date.parse(existing.created_at) < now.getTime() - STALE_CLAIM_MS)
    return { kind: 'take-over' };
  if (existing.request_hash !== hash) throw keyReused();
  throw inFlight();
}
