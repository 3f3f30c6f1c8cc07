/**
 * When a queue sends by itself, for the report outbox and the messages queue alike: at start,
 * when the phone comes online, when the app becomes visible again, and when the earliest backoff
 * timer is due. Each queue's auto-send adds its own triggers through the hooks (the outbox's
 * health probe, the messages queue's "a new message was saved").
 *
 * Notes
 * - Written against minimal structural types (no DOM lib): the page passes `window` and
 *   `document`, and the module compiles in the WebWorker-lib projects of both queues.
 * - `online` and becoming visible are "force" drains: they skip our own backoff (the reason for
 *   the last failure, often no signal, may be gone) but never the server's Retry-After.
 * - While `navigator.onLine` is false nothing is attempted; the `online` event restarts sending,
 *   and a slow safety timer (`maxDelayMs`) covers a missed event.
 * - When another tab or the service worker holds the send lock (`busy`), we look again after
 *   `busyRetryMs` rather than at every change it broadcasts.
 * - Every scheduling has a generation: a slow nextWakeUp() that a newer one has overtaken sets no
 *   timer, so the latest answer always wins.
 */

export interface EventSourceLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface VisibilitySourceLike extends EventSourceLike {
  readonly visibilityState: string;
}

export interface SendTriggerOptions {
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

export type SendTriggerSettings = Required<SendTriggerOptions>;

/** The options with their defaults filled in. */
export function triggerSettings(opts: SendTriggerOptions): SendTriggerSettings {
  return {
    isOnline:
      opts.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false),
    now: opts.now ?? Date.now,
    onError: opts.onError ?? (() => undefined),
    busyRetryMs: opts.busyRetryMs ?? 2_000,
    maxDelayMs: opts.maxDelayMs ?? 5 * 60_000,
  };
}

/** What the triggers send: the outbox or the messages queue. */
export interface DrainableQueue<R extends { busy: boolean }> {
  drain(opts: { force: boolean }): Promise<R>;
  /** When the earliest waiting record is due (ms epoch), or null when none waits. */
  nextWakeUp(): Promise<number | null>;
}

export interface SendTriggerHooks {
  /** After each scheduling; `current()` turns false once a newer one has started or on stop. */
  afterSchedule?: (wake: number | null, current: () => boolean) => Promise<void>;
  /** Before the forced drain on `online` or visible again. */
  onResume?: () => void;
  /** The app was hidden. */
  onHidden?: () => void;
  /** A run found the phone offline (nothing is attempted). */
  onOffline?: () => void;
}

export interface SendTriggers<R> {
  /** Drains (unless offline or stopped), then schedules the next wake-up. */
  run(force: boolean): Promise<void>;
  /** Sets the timer for the earliest wake-up (not before a busy sender's retry). */
  schedule(): Promise<void>;
  /** One drain, unless offline or stopped; the caller schedules what comes next. */
  drainOnce(force: boolean): Promise<R | null>;
  stopped(): boolean;
  /** Clears the timer and the event listeners. */
  stop(): void;
}

/**
 * Listens for `online` and visible-again and keeps the backoff timer; the caller subscribes to
 * the queue's changes and makes the first run.
 */
export function startSendTriggers<R extends { busy: boolean }>(
  queue: DrainableQueue<R>,
  win: EventSourceLike,
  doc: VisibilitySourceLike | undefined,
  settings: SendTriggerSettings,
  hooks: SendTriggerHooks = {},
): SendTriggers<R> {
  const { isOnline, now, onError, busyRetryMs, maxDelayMs } = settings;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
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
      wake = await queue.nextWakeUp();
    } catch (e) {
      onError(e);
      wake = now() + maxDelayMs;
    }
    if (stopped || mine !== generation) return;
    if (wake === null) clearTimeout(timer);
    else setTimer(Math.max(wake, busyUntil) - now());
    await hooks.afterSchedule?.(wake, () => !stopped && mine === generation);
  };

  const drainOnce = async (force: boolean): Promise<R | null> => {
    if (stopped || !isOnline()) return null;
    try {
      const result = await queue.drain({ force });
      busyUntil = result.busy ? now() + busyRetryMs : 0;
      return result;
    } catch (e) {
      onError(e);
      return null;
    }
  };

  const run = async (force: boolean) => {
    if (stopped) return;
    if (!isOnline()) {
      setTimer(maxDelayMs);
      hooks.onOffline?.();
      return;
    }
    await drainOnce(force);
    if (!stopped) await schedule();
  };

  const onOnline = () => {
    hooks.onResume?.();
    void run(true);
  };
  const onVisibility = () => {
    if (doc?.visibilityState !== 'visible') return hooks.onHidden?.();
    hooks.onResume?.();
    void run(true);
  };
  win.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisibility);

  return {
    run,
    schedule,
    drainOnce,
    stopped: () => stopped,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      win.removeEventListener('online', onOnline);
      doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
