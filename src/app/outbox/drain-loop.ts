/**
 * Who sends, and when, for every queue that sends to the council (the report outbox, the messages
 * queue, the sealed outbox): one drain at a time in this instance, one sender at a time across
 * tabs and the service worker. Parameterised by the queue's pass and the shape of its result.
 *
 * Notes
 * - Across contexts: a Web Lock (`outbox-send`, `messages-send`, `centre-outbox-send`), requested
 *   with ifAvailable, so a second sender returns at once (`busy`) instead of queueing behind the
 *   first. Holding the lock also tells the pass (`exclusive`) that any record still marked
 *   `sending` belongs to a sender that is gone, so it may be taken over at once. Without Web Locks
 *   the pass runs unlocked and takes over only records left `sending` for long (a crashed tab).
 * - Within this instance (DrainLoop): a drain requested while one runs is folded into one more
 *   pass after it (with `force` if any caller asked for it), and every caller gets the combined
 *   result. Only the first caller's signal stops a drain.
 * - stop() (the queue closing) aborts an attempt in flight; what was recorded stands, and the
 *   record being sent stays `sending` and is taken over by the next sender.
 */
import type { LockManagerLike } from './types';

/** The Web Locks to use: `locks` when given (null = none), else navigator.locks where it exists. */
export function locksOf(locks: LockManagerLike | null | undefined): LockManagerLike | null {
  if (locks !== undefined) return locks;
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks ?? null;
}

/**
 * Runs `pass` holding the Web Lock `name` if it is free (`exclusive` = true), or unlocked where
 * there are no Web Locks; null when another sender holds the lock.
 */
export async function passUnderLock<R>(
  locks: LockManagerLike | null,
  name: string,
  pass: (exclusive: boolean) => Promise<R>,
): Promise<R | null> {
  if (!locks) return pass(false);
  return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? pass(true) : null));
}

/** Appends each list in `pass` (sent, failed, ...) to the same list in `total`. */
export function appendLists<R extends object>(total: R, pass: R): void {
  for (const key of Object.keys(pass) as Array<keyof R>) {
    const list = pass[key];
    if (Array.isArray(list)) (total[key] as unknown[]).push(...(list as unknown[]));
  }
}

export interface DrainLoopOptions<R> {
  /** One pass: every due record sent once, until none is left or `signal` aborts. */
  pass: (opts: { force: boolean; exclusive: boolean; signal: AbortSignal }) => Promise<R>;
  /** A result with nothing in it. */
  empty: () => R;
  /** Adds one pass's lists to the drain's total (default appendLists; `busy` is combined here). */
  merge?: (total: R, pass: R) => void;
  /** null = no cross-tab lock. */
  locks: LockManagerLike | null;
  lockName: string;
}

/** Single-flight draining with folded re-runs, abort, and the optional Web Lock (see Notes). */
export class DrainLoop<R extends { busy: boolean }> {
  private running: Promise<R> | null = null;
  private again: { force: boolean } | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly opts: DrainLoopOptions<R>) {}

  drain(opts: { signal?: AbortSignal; force?: boolean } = {}): Promise<R> {
    if (this.running) {
      this.again = { force: (this.again?.force ?? false) || !!opts.force };
      return this.running;
    }
    this.running = this.loop(!!opts.force, opts.signal);
    return this.running;
  }

  stop(): void {
    this.stopping.abort();
  }

  private async loop(force: boolean, callerSignal?: AbortSignal): Promise<R> {
    const total = this.opts.empty();
    const stop = new AbortController();
    const abort = () => stop.abort();
    const sources = [callerSignal, this.stopping.signal].filter((s) => s !== undefined);
    for (const s of sources) s.addEventListener('abort', abort);
    if (sources.some((s) => s.aborted)) stop.abort();
    try {
      let pass: { force: boolean } | null = { force };
      while (pass) {
        this.again = null;
        const r = await this.lockedPass(pass.force, stop.signal);
        (this.opts.merge ?? appendLists)(total, r);
        total.busy ||= r.busy;
        pass = stop.signal.aborted ? null : this.again;
      }
    } catch (e) {
      // Stopped mid-drain (the queue closed): what was recorded stands.
      if (!this.stopping.signal.aborted) throw e;
    } finally {
      // Synchronous with the last check of `again`, so no call can slip between.
      this.running = null;
      this.again = null;
      for (const s of sources) s.removeEventListener('abort', abort);
    }
    return total;
  }

  private async lockedPass(force: boolean, signal: AbortSignal): Promise<R> {
    const r = await passUnderLock(this.opts.locks, this.opts.lockName, (exclusive) =>
      this.opts.pass({ force, exclusive, signal }),
    );
    return r ?? { ...this.opts.empty(), busy: true };
  }
}
