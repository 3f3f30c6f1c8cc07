/**
 * Sends the queued pushes, off the request path: posting an update only queues deliveries
 * (push-repository.ts) and kicks this worker, which encrypts each payload for its subscription
 * (aes128gcm, web-push) and posts it to the subscription's push service.
 *
 * Notes
 * - Answers: 2xx sent; 404 or 410 the subscription is gone (removed with its deliveries); 429,
 *   5xx and network failures are tried again with full-jitter backoff (Retry-After as a floor)
 *   up to MAX_ATTEMPTS; any other 4xx will not get better by retrying and is dropped (logged).
 * - A kick runs a pass at once; a timer also runs one every `pollMs`, for retries and for
 *   deliveries queued by another instance. Passes never overlap; a failing pass is logged and the
 *   next one tries again.
 * - Requests go through fetch with a time limit, so a stalled push service holds up nothing else.
 */
import type { FastifyBaseLogger } from 'fastify';
import webpush from 'web-push';
import type { PushPayload } from '../../shared/push';
import { nextAttemptTime, parseRetryAfter, type BackoffPolicy } from '../../shared/backoff';
import type { Store } from '../store/store';
import type { DueDelivery } from './push-repository';
import { endpointAllowed, type PushSettings, type VapidKeys } from './settings';

export const MAX_ATTEMPTS = 8;
const BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 };
const BATCH = 20;
const LEASE_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A push older than this is of no use to the resident; push services may drop it. */
const TTL_SECONDS = 24 * 60 * 60;

export interface PushWorker {
  readonly publicKey: string;
  /** Runs a pass soon (after the current one, if running). */
  kick(): void;
  /** Runs passes until nothing is due now (tests). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface PushWorkerOptions {
  store: Store;
  keys: VapidKeys;
  settings: PushSettings;
  log: FastifyBaseLogger;
  pollMs?: number;
  random?: () => number;
}

/** What the push says: the reference, the language and who is told, nothing of the report. */
export function payloadFor(delivery: DueDelivery): PushPayload {
  const s = delivery.subscription;
  return { ref: s.report_id, lang: s.lang, key: 'update', audience: s.audience };
}

type Outcome = 'sent' | 'gone' | 'retry' | 'drop';

async function send(
  delivery: DueDelivery,
  o: PushWorkerOptions,
): Promise<{ outcome: Outcome; retryAfter: string | null; detail: string }> {
  const s = delivery.subscription;
  if (!endpointAllowed(s.endpoint, o.settings)) {
    return { outcome: 'gone', retryAfter: null, detail: 'endpoint not allowed' };
  }
  const details = webpush.generateRequestDetails(
    { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
    JSON.stringify(payloadFor(delivery)),
    {
      vapidDetails: { subject: o.settings.vapidSubject, ...o.keys },
      TTL: TTL_SECONDS,
      contentEncoding: 'aes128gcm',
    },
  );
  const headers = Object.fromEntries(
    Object.entries(details.headers).map(([k, v]) => [k, String(v)]),
  );
  try {
    const response = await fetch(details.endpoint, {
      method: 'POST',
      headers,
      body: details.body as Buffer,
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const st = response.status;
    const retryAfter = response.headers.get('retry-after');
    if (st >= 200 && st < 300) return { outcome: 'sent', retryAfter, detail: String(st) };
    if (st === 404 || st === 410) return { outcome: 'gone', retryAfter, detail: String(st) };
    if (st === 429 || st >= 500) return { outcome: 'retry', retryAfter, detail: String(st) };
    return { outcome: 'drop', retryAfter, detail: String(st) };
  } catch (error) {
    return { outcome: 'retry', retryAfter: null, detail: (error as Error).message };
  }
}

export function startPushWorker(o: PushWorkerOptions): PushWorker {
  const random = o.random ?? Math.random;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const settle = async (d: DueDelivery) => {
    const { outcome, retryAfter, detail } = await send(d, o);
    const sub = d.subscription.id;
    if (outcome === 'sent') return o.store.push.done(sub, d.update_id);
    if (outcome === 'gone') return o.store.push.remove(sub);
    const attempts = d.attempts + 1;
    if (outcome === 'drop' || attempts >= MAX_ATTEMPTS) {
      o.log.warn(
        `Push for ${d.subscription.report_id} given up after ${attempts} tries: ${detail}`,
      );
      return o.store.push.done(sub, d.update_id);
    }
    const now = Date.now();
    const at = nextAttemptTime(now, d.attempts, random, parseRetryAfter(retryAfter, now), BACKOFF);
    return o.store.push.retryAt(sub, d.update_id, attempts, new Date(at));
  };

  const pass = async () => {
    for (;;) {
      const now = new Date();
      const due = await o.store.push.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
      await Promise.all(due.map(settle));
      if (due.length < BATCH || stopped) return;
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          o.log.error({ err: error }, 'Push delivery pass failed');
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  };

  const timer = setInterval(() => void run(), o.pollMs ?? 5_000);
  timer.unref();

  return {
    publicKey: o.keys.publicKey,
    kick: () => {
      if (!stopped) void run();
    },
    async drain() {
      await run();
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
