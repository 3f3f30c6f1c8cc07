/**
 * The attempt bookkeeping every queue's record carries (state, attempts, backoff times, the claim
 * token) and its rules, shared by the report outbox (drain.ts), the sealed outbox and the
 * messages queue: which record to claim next, whether a claim is still ours, and what a failed
 * attempt that will be retried writes.
 *
 * Notes
 * - `nextAttemptAt` is our own backoff; `notBefore` is the server's Retry-After. A forced drain
 *   ("Send now", back online) skips the first, never the second.
 * - A `sending` record is taken over when its claimer is surely gone: at once when we hold the
 *   send lock (`exclusive`: every other sender would hold it too), otherwise after `staleMs` (a
 *   tab that crashed mid-send).
 * - The claim's `updatedAt` is its token: a failure is recorded only while the record still
 *   carries it (nobody took it over, edited or removed it meanwhile). A success is always
 *   recorded, because the council has it whatever happened here.
 * - Each record is tried at most once per pass (`tried`), so a forced pass cannot loop on a
 *   failing record. Oldest first.
 * - What a refusal or a success writes differs by queue (needs-attention or refused; media freed,
 *   the answer kept, or the record deleted), so it stays with each queue.
 */
import { nextAttemptTime, type BackoffPolicy } from './backoff';
import type { RetryOutcome } from './fetch-answer';

/** The bookkeeping fields the rules below read. */
export interface AttemptFields {
  id: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
  notBefore: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Whether a queued record may be sent now; `force` ("Send now") ignores our own backoff but not
 * the server's Retry-After.
 */
export function isDue(
  r: Pick<AttemptFields, 'state' | 'nextAttemptAt' | 'notBefore'>,
  nowMs: number,
  force: boolean,
): boolean {
  if (r.state !== 'queued') return false;
  const at = force ? r.notBefore : r.nextAttemptAt;
  return at === null || Date.parse(at) <= nowMs;
}

/** Whether a `sending` record has been left so long that its claimer must be gone. */
export function isStaleSending(
  r: Pick<AttemptFields, 'state' | 'updatedAt'>,
  nowMs: number,
  staleMs: number,
): boolean {
  return r.state === 'sending' && nowMs - Date.parse(r.updatedAt) >= staleMs;
}

/** The record to claim next in this pass, oldest first, or undefined when none is due. */
export function nextToClaim<T extends AttemptFields>(
  records: T[],
  opts: { nowMs: number; force: boolean; exclusive: boolean; staleMs: number; tried: Set<string> },
): T | undefined {
  return records
    .filter((r) => !opts.tried.has(r.id))
    .filter(
      (r) =>
        isDue(r, opts.nowMs, opts.force) ||
        (r.state === 'sending' && (opts.exclusive || isStaleSending(r, opts.nowMs, opts.staleMs))),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
}

/** Whether `cur` (read back) still carries our claim, so a failure may be recorded. */
export function stillClaimed(
  cur: Pick<AttemptFields, 'state' | 'updatedAt'>,
  claim: Pick<AttemptFields, 'updatedAt'>,
): boolean {
  return cur.state === 'sending' && cur.updatedAt === claim.updatedAt;
}

/** A record never tried: a new one, or one queued again after the resident edited it. */
export const NOT_TRIED = {
  attempts: 0,
  nextAttemptAt: null,
  notBefore: null,
  lastError: null,
  lastErrorKind: null,
  lastStatus: null,
} as const;

/**
 * What an attempt the drain's own signal stopped writes: queued again with no backoff (not the
 * record's fault), and a network error, because it may have reached the council.
 */
export const INTERRUPTED = {
  state: 'queued',
  lastError: 'sending was interrupted',
  lastErrorKind: 'network',
} as const;

/**
 * What a failed attempt that will be retried writes: queued again after our backoff (from the
 * attempts so far), with the server's Retry-After as a floor. The message is the caller's to keep
 * (in the clear, or sealed).
 */
export function retryFields(
  attempts: number,
  outcome: RetryOutcome,
  nowMs: number,
  random: () => number,
  backoff: BackoffPolicy,
) {
  const next = nextAttemptTime(nowMs, attempts, random, outcome.retryAfterAt, backoff);
  return {
    state: 'queued' as const,
    attempts: attempts + 1,
    nextAttemptAt: iso(next),
    notBefore: outcome.retryAfterAt === null ? null : iso(outcome.retryAfterAt),
    lastErrorKind: outcome.errorKind,
    lastStatus: outcome.status,
  };
}
