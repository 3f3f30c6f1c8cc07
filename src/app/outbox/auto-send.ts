/**
 * Sends the outbox by itself: at start, when the phone comes online, when the app becomes visible
 * again, and when the earliest backoff timer is due.
 *
 * Notes
 * - Written against minimal structural types (no DOM lib): the UI passes `window` and `document`
 *   (as two arguments or as `{ window, document }`).
 * - Start, `online` and becoming visible are "force" drains: they skip our own backoff (the
 *   reason for the last failure, often no signal, may be gone) but never the server's Retry-After.
 * - When another tab or the service worker holds the send lock, we look again every few seconds
 *   rather than at every change it broadcasts.
 * - While `navigator.onLine` is false nothing is attempted; the `online` event restarts sending
 *   (and a slow safety timer covers a missed event).
 */
import type { Outbox } from './types';

export interface EventSourceLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface VisibilitySourceLike extends EventSourceLike {
  readonly visibilityState: string;
}

/** `window` (with `document` as the third argument), or `{ window, document }`. */
export type AutoSendTarget =
  EventSourceLike | { window: EventSourceLike; document?: VisibilitySourceLike };

export interface AutoSendOptions {
  /** Default: navigator.onLine where it exists. */
  isOnline?: () => boolean;
  now?: () => number;
  /** Drain errors (storage failures) go here; default: ignored, the next trigger tries again. */
  onError?: (error: unknown) => void;
  /** How soon to look again when another sender holds the lock (default 2 s). */
  busyRetryMs?: number;
  /** Longest timer (default 5 min): also the safety poll while offline. */
  maxDelayMs?: number;
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
  const now = opts.now ?? Date.now;
  const isOnline =
    opts.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const onError = opts.onError ?? (() => undefined);
  const busyRetryMs = opts.busyRetryMs ?? 2_000;
  const maxDelayMs = opts.maxDelayMs ?? 5 * 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let busyUntil = 0;
  let generation = 0;

  const setTimer = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(false), Math.min(Math.max(delay, 0), maxDelayMs));
  };

  const schedule = async () => {
    const mine = ++generation;
    let wake: number | null;
    try {
      wake = await outbox.nextWakeUp();
    } catch (e) {
      onError(e);
      wake = now() + maxDelayMs;
    }
    if (stopped || mine !== generation) return;
    if (wake === null) clearTimeout(timer);
    else setTimer(Math.max(wake, busyUntil) - now());
  };

  const run = async (force: boolean) => {
    if (stopped) return;
    if (!isOnline()) {
      setTimer(maxDelayMs);
      return;
    }
    try {
      const result = await outbox.drain({ force });
      busyUntil = result.busy ? now() + busyRetryMs : 0;
    } catch (e) {
      onError(e);
    }
    if (!stopped) await schedule();
  };

  const onOnline = () => void run(true);
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') void run(true);
  };
  const unsubscribe = outbox.subscribe((change) => {
    if (change.kind !== 'reports' || stopped) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void schedule(), CHANGE_DEBOUNCE_MS);
  });
  win.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisibility);
  void run(true);

  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(debounce);
    unsubscribe();
    win.removeEventListener('online', onOnline);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
