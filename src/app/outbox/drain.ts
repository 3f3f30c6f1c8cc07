/**
 * One pass of sending: claim a due report, send it, record the answer; repeat.
 *
 * Notes
 * - Three steps, never one transaction: claim (IndexedDB: mark `sending`, read its media), send
 *   (network, no transaction open), record (IndexedDB). A transaction left open across the fetch
 *   would commit by itself half-way.
 * - The claim is a readwrite transaction, so two tabs without Web Locks cannot both claim the same
 *   record: the second sees `sending`. Which record is claimed, when a `sending` one is taken
 *   over, the claim's token and the retry bookkeeping are the rules all queues share
 *   (attempts.ts); a success is always recorded and `sent` is final.
 */
import { INTERRUPTED, nextToClaim, retryFields, stillClaimed } from './attempts';
import type { BackoffPolicy } from './backoff';
import { ALL_STORES, inTx, type Db } from './db';
import type { OutboxRecord, MediaInput } from './schema';
import { sendReport, type SendOutcome } from './send';
import { deleteMedia, readMedia, readReport, readReports } from './store';

export interface DrainResult {
  /** Ids the council accepted in this drain. */
  sent: string[];
  /** Ids that failed for now and stay queued (network, 5xx, 408, 409, 429). */
  failed: string[];
  /** Ids that now need the resident (refused by the council, or a photo could not be read). */
  attention: string[];
  /** Another tab or the service worker was sending, so this drain sent nothing. */
  busy: boolean;
}

export interface DrainContext {
  db: () => Promise<Db>;
  now: () => number;
  random: () => number;
  fetch: typeof fetch;
  baseUrl: string;
  backoff: BackoffPolicy;
  requestTimeoutMs: number;
  staleSendingMs: number;
  notify: () => void;
}

export const emptyResult = (): DrainResult => ({
  sent: [],
  failed: [],
  attention: [],
  busy: false,
});

const iso = (ms: number) => new Date(ms).toISOString();

interface Claim {
  record: OutboxRecord;
  media: MediaInput[];
  missing: string[];
}

async function claimNext(
  ctx: DrainContext,
  force: boolean,
  exclusive: boolean,
  tried: Set<string>,
): Promise<Claim | null> {
  const db = await ctx.db();
  let changed = false;
  const claim = await inTx(db, ALL_STORES, 'readwrite', async (tx) => {
    const nowMs = ctx.now();
    const { records, quarantined } = await readReports(tx, ctx.now);
    changed = quarantined > 0;
    const candidate = nextToClaim(records, {
      nowMs,
      force,
      exclusive,
      staleMs: ctx.staleSendingMs,
      tried,
    });
    if (!candidate) return null;
    const record: OutboxRecord = { ...candidate, state: 'sending', updatedAt: iso(nowMs) };
    await tx.objectStore('reports').put(record);
    changed = true;
    const media = await readMedia(tx, record, ctx.now);
    return { record, media: media.media, missing: media.missing };
  });
  if (changed) ctx.notify();
  return claim;
}

type Applied = 'sent' | 'failed' | 'attention' | 'aborted' | 'gone';

/** Records the outcome of an attempt (see Notes for when a result is ignored). */
async function record(ctx: DrainContext, claim: Claim, outcome: SendOutcome): Promise<Applied> {
  const db = await ctx.db();
  const applied = await inTx(db, ALL_STORES, 'readwrite', async (tx): Promise<Applied> => {
    const nowMs = ctx.now();
    const { record: cur } = await readReport(tx, claim.record.id, ctx.now);
    if (!cur) return outcome.kind === 'sent' ? 'sent' : 'gone';
    const store = tx.objectStore('reports');
    if (outcome.kind === 'sent') {
      if (cur.state !== 'sent') {
        await store.put({
          ...cur,
          state: 'sent',
          updatedAt: iso(nowMs),
          sentAt: iso(nowMs),
          reference: outcome.reference,
          serviceNotice: outcome.serviceNotice,
          nextAttemptAt: null,
          notBefore: null,
          lastError: null,
          lastErrorKind: null,
          lastStatus: outcome.status,
        } satisfies OutboxRecord);
        // The council has the photos now; free the space on the phone.
        await deleteMedia(tx, cur.id);
      }
      return 'sent';
    }
    if (!stillClaimed(cur, claim.record)) return 'gone';
    const base = { ...cur, updatedAt: iso(nowMs) };
    switch (outcome.kind) {
      case 'aborted':
        await store.put({ ...base, ...INTERRUPTED } satisfies OutboxRecord);
        return 'aborted';
      case 'rejected':
        await store.put({
          ...base,
          state: 'needs-attention',
          nextAttemptAt: null,
          notBefore: null,
          lastError: outcome.message,
          lastErrorKind: 'rejected',
          lastStatus: outcome.status,
        } satisfies OutboxRecord);
        return 'attention';
      case 'retry':
        await store.put({
          ...base,
          ...retryFields(cur.attempts, outcome, nowMs, ctx.random, ctx.backoff),
          lastError: outcome.message,
        } satisfies OutboxRecord);
        return 'failed';
    }
  });
  ctx.notify();
  return applied;
}

async function markUnreadableMedia(ctx: DrainContext, claim: Claim): Promise<Applied> {
  const db = await ctx.db();
  const applied = await inTx(db, ALL_STORES, 'readwrite', async (tx): Promise<Applied> => {
    const { record: cur } = await readReport(tx, claim.record.id, ctx.now);
    if (!cur || !stillClaimed(cur, claim.record)) return 'gone';
    await tx.objectStore('reports').put({
      ...cur,
      state: 'needs-attention',
      updatedAt: iso(ctx.now()),
      nextAttemptAt: null,
      lastError: `${claim.missing.length} of the photos or recordings saved with this report could not be read back`,
      lastErrorKind: 'local',
      lastStatus: null,
    } satisfies OutboxRecord);
    return 'attention';
  });
  ctx.notify();
  return applied;
}

/** Sends every due report once, oldest first, until none is left or `signal` aborts. */
export async function drainPass(
  ctx: DrainContext,
  opts: { force: boolean; exclusive: boolean; signal?: AbortSignal },
): Promise<DrainResult> {
  const result = emptyResult();
  const tried = new Set<string>();
  while (!opts.signal?.aborted) {
    const claim = await claimNext(ctx, opts.force, opts.exclusive, tried);
    if (!claim) break;
    tried.add(claim.record.id);
    let applied: Applied;
    if (claim.missing.length) applied = await markUnreadableMedia(ctx, claim);
    else {
      const outcome = await sendReport({
        fetch: ctx.fetch,
        baseUrl: ctx.baseUrl,
        id: claim.record.id,
        report: claim.record.report,
        media: claim.media,
        now: ctx.now,
        timeoutMs: ctx.requestTimeoutMs,
        signal: opts.signal,
      });
      applied = await record(ctx, claim, outcome);
    }
    if (applied === 'sent') result.sent.push(claim.record.id);
    else if (applied === 'failed') result.failed.push(claim.record.id);
    else if (applied === 'attention') result.attention.push(claim.record.id);
    else if (applied === 'aborted') break;
  }
  return result;
}
