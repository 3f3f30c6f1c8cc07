/**
 * Sends the outbox by itself: at start, when the phone comes online, when the app becomes visible
 * again, and when the earliest backoff timer is due (send-triggers.ts, shared with the messages
 * queue), and when a health probe finds the server back.
 *
 * Notes
 * - Written against minimal structural types (no DOM lib): the UI passes `window` and `document`
 *   (as two arguments or as `{ window, document }`).
 * - Start is a "force" drain like `online` and visible-again (see send-triggers.ts).
 * - The server coming back (after an outage, a restart, a dead Wi-Fi that still says "online")
 *   fires no event, and after a few failures the backoff can be minutes. So while the page is
 *   visible and a report is waiting after a failure with no answer at all (`network`), a cheap
 *   `probe` (GET /api/health) runs every few seconds, jittered; when it answers, the outbox is
 *   drained at once (force: skipping our backoff, never the server's Retry-After). A report the
 *   server answered with 5xx or 429 is left to its backoff: the server is up, just not coping.
 *   If a probe-triggered drain still gets no answer (health works but the report does not go),
 *   the probe interval doubles up to `probeMaxMs`, so such a phone cannot hammer the council.
 */
import {
  startSendTriggers,
  triggerSettings,
  type EventSourceLike,
  type SendTriggerOptions,
  type VisibilitySourceLike,
} from './send-triggers';
import type { Outbox } from './types';

export type { EventSourceLike, VisibilitySourceLike } from './send-triggers';

/** `window` (with `document` as the third argument), or `{ window, document }`. */
export type AutoSendTarget =
  EventSourceLike | { window: EventSourceLike; document?: VisibilitySourceLike };

export interface AutoSendOptions extends SendTriggerOptions {
  /**
   * Resolves true when the council's server answers (e.g. GET /api/health is 2xx). Without it,
   * only events and the backoff timer send.
   */
  probe?: () => Promise<boolean>;
  /** How often to probe while a report waits after a network failure (default 5 s, jittered 50-100 %). */
  probeEveryMs?: number;
  /** The longest probe interval after probe-triggered drains that still failed (default 60 s). */
  probeMaxMs?: number;
  /** For the probe's jitter (default Math.random). */
  random?: () => number;
}

const CHANGE_DEBOUNCE_MS = 100;

/** Starts automatic sending; returns a function that stops it. */
export function startAutoSend(
  outbox: Outbox,
  target: AutoSendTarget,
  document?: VisibilitySourceLike,
  opts: AutoSendOptions = {},
): () => void {
  const win = 'addEventListener' in target ? target : target.window;
  const doc = document ?? ('addEventListener' in target ? undefined : target.document);
  const settings = triggerSettings(opts);
  const { now, isOnline, onError } = settings;
  const probeBaseMs = opts.probeEveryMs ?? 5_000;
  const probeMaxMs = Math.max(opts.probeMaxMs ?? 60_000, probeBaseMs);
  const random = opts.random ?? Math.random;
  let probeEveryMs = probeBaseMs;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  const clearProbe = () => {
    clearTimeout(probeTimer);
    probeTimer = undefined;
  };

  /**
   * Probes only while it can help: visible, online, a no-answer failure, a distant wake-up. An
   * armed probe is left alone (changes while sending must not keep postponing it).
   */
  const armProbe = async (wake: number | null, current: () => boolean) => {
    const delay = Math.floor(probeEveryMs * (0.5 + 0.5 * Math.min(Math.max(random(), 0), 1)));
    const useful =
      !!opts.probe &&
      wake !== null &&
      wake - now() > delay &&
      doc?.visibilityState !== 'hidden' &&
      isOnline();
    if (!useful) return clearProbe();
    if (probeTimer !== undefined) return;
    let waiting: boolean;
    try {
      waiting = await hasNetworkFailure();
    } catch (e) {
      onError(e);
      return;
    }
    if (!current() || probeTimer !== undefined) return;
    if (!waiting) return;
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      void runProbe();
    }, delay);
  };

  const hasNetworkFailure = async () =>
    (await outbox.list()).records.some(
      (r) => r.state === 'queued' && r.lastErrorKind === 'network',
    );

  const runProbe = async () => {
    if (triggers.stopped() || !opts.probe || doc?.visibilityState === 'hidden') return;
    let up = false;
    try {
      up = await opts.probe();
    } catch {
      up = false;
    }
    if (triggers.stopped()) return;
    if (up) {
      const result = await triggers.drainOnce(true);
      const stillFailing = !!result && result.sent.length === 0 && result.failed.length > 0;
      probeEveryMs = stillFailing ? Math.min(probeEveryMs * 2, probeMaxMs) : probeBaseMs;
    } else {
      // Still unreachable: keep watching at the base rate (a refused connection costs nothing).
      probeEveryMs = probeBaseMs;
    }
    if (!triggers.stopped()) await triggers.schedule();
  };

  const triggers = startSendTriggers(outbox, win, doc, settings, {
    afterSchedule: armProbe,
    onOffline: clearProbe,
    onHidden: clearProbe,
    onResume: () => void (probeEveryMs = probeBaseMs),
  });
  const unsubscribe = outbox.subscribe((change) => {
    if (change.kind !== 'reports' || triggers.stopped()) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void triggers.schedule(), CHANGE_DEBOUNCE_MS);
  });
  void triggers.run(true);

  return () => {
    triggers.stop();
    clearProbe();
    clearTimeout(debounce);
    unsubscribe();
  };
}

/**
 * The probe the app uses: GET the server's health check, never from a cache, and true only for a
 * 2xx within `timeoutMs` (the health check also answers 503 when its database is down).
 */
export function healthProbe(
  url = '/api/health',
  timeoutMs = 5_000,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): () => Promise<boolean> {
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const r = await fetchImpl(url, { cache: 'no-store', signal: controller.signal });
      await r.body?.cancel().catch(() => undefined);
      return r.ok;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
}
