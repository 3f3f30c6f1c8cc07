/**
 * Who sends, and when: one drain at a time in this instance, one sender at a time across tabs
 * and the service worker.
 *
 * Notes
 * - Across contexts: the Web Lock `outbox-send`, requested with ifAvailable, so a second sender
 *   returns at once (`busy`) instead of queueing behind the first. Holding the lock also tells
 *   drain.ts that any record still marked `sending` belongs to a sender that is gone.
 * - Within this instance: a drain requested while one runs is folded into one more pass after it
 *   (with `force` if any caller asked for it), and the caller gets the combined result. Only the
 *   first caller's signal stops a drain.
 * - stop() (the outbox closing) aborts an attempt in flight; its record stays `sending` and is
 *   taken over by the next sender.
 */
import { drainPass, emptyResult, type DrainContext, type DrainResult } from './drain';
import type { LockManagerLike } from './types';

export class Sender {
  private running: Promise<DrainResult> | null = null;
  private again: { force: boolean } | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: DrainContext,
    private readonly locks: LockManagerLike | null,
    private readonly lockName: string,
  ) {}

  drain(opts: { signal?: AbortSignal; force?: boolean } = {}): Promise<DrainResult> {
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

  private async loop(force: boolean, callerSignal?: AbortSignal): Promise<DrainResult> {
    const total = emptyResult();
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
        total.sent.push(...r.sent);
        total.failed.push(...r.failed);
        total.attention.push(...r.attention);
        total.busy ||= r.busy;
        pass = stop.signal.aborted ? null : this.again;
      }
    } catch (e) {
      // Stopped mid-drain (the outbox closed): what was recorded stands.
      if (!this.stopping.signal.aborted) throw e;
    } finally {
      // Synchronous with the last check of `again`, so no call can slip between.
      this.running = null;
      this.again = null;
      for (const s of sources) s.removeEventListener('abort', abort);
    }
    return total;
  }

  private async lockedPass(force: boolean, signal: AbortSignal): Promise<DrainResult> {
    if (!this.locks) return drainPass(this.ctx, { force, exclusive: false, signal });
    const r = await this.locks.request(this.lockName, { ifAvailable: true }, async (lock) =>
      lock ? drainPass(this.ctx, { force, exclusive: true, signal }) : null,
    );
    return r ?? { ...emptyResult(), busy: true };
  }
}
