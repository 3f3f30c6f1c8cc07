/**
 * Sends the messages queue by itself: at start, when the phone comes online, when the app is
 * visible again, when the earliest backoff timer is due, and soon after a message is saved.
 *
 * Notes
 * - Start, `online`, visible-again and a new message are "force" drains: they skip our own
 *   backoff (the last failure, often no signal, may be over) but never the server's Retry-After.
 * - While `navigator.onLine` is false nothing is attempted; a slow timer covers a missed event.
 * - When another tab or the service worker holds the send lock, we look again after a moment.
 * - Structural types only (no DOM lib), like the outbox's auto-send.
 */
import type { EventSourceLike, VisibilitySourceLike } from '../outbox/auto-send';
import type { Messages } from './queue';

export interface MessagesAutoSendOptions {
  isOnline?: () => boolean;
  now?: () => number;
  onError?: (error: unknown) => void;
  /** How soon to look again when another sender holds the lock (default 2 s). */
  busyRetryMs?: number;
  /** Longest timer (default 5 min), also the safety poll while offline. */
  maxDelayMs?: number;
}

export function startMessagesAutoSend(
  queue: Messages,
  win: EventSourceLike,
  doc?: VisibilitySourceLike,
  opts: MessagesAutoSendOptions = {},
): () => void {
  const now = opts.now ?? Date.now;
  const isOnline =
    opts.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const onError = opts.onError ?? (() => undefined);
  const busyRetryMs = opts.busyRetryMs ?? 2_000;
  const maxDelayMs = opts.maxDelayMs ?? 5 * 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busyUntil = 0;
  let generation = 0;
  let known = new Set<string>();

  const setTimer = (delay: number, force = false) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(force), Math.min(Math.max(delay, 0), maxDelayMs));
  };

  const schedule = async () => {
    const mine = ++generation;
    let wake: number | null;
    try {
      wake = await queue.nextWakeUp();
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
      const result = await queue.drain({ force });
      busyUntil = result.busy ? now() + busyRetryMs : 0;
    } catch (e) {
      onError(e);
    }
    if (!stopped) await schedule();
  };

  /** A message saved here or elsewhere: send it now rather than at the next timer. */
  const onChange = async () => {
    if (stopped) return;
    try {
      const { records } = await queue.list();
      const fresh = records.filter(
        (r) => r.state === 'queued' && r.attempts === 0 && !known.has(r.id),
      );
      known = new Set(records.map((r) => r.id));
      if (fresh.length) await run(true);
      else await schedule();
    } catch (e) {
      onError(e);
    }
  };

  const onOnline = () => void run(true);
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') void run(true);
  };
  const unsubscribe = queue.subscribe(() => void onChange());
  win.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisibility);
  void queue
    .list()
    .then(({ records }) => void (known = new Set(records.map((r) => r.id))))
    .catch(() => undefined)
    .then(() => run(true));

  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    win.removeEventListener('online', onOnline);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
