/**
 * One gate for every image decode in the server: at most `running` at once, `waiting` more queued
 * in order, and the rest answered 503 with Retry-After (clients retry; the app's outbox does).
 *
 * Notes
 * - sharp works on the libuv thread pool, which file reads and writes share. Keeping decodes to
 *   fewer threads than the pool has leaves threads free, so a burst of large photos cannot stall
 *   media downloads or saving reports.
 * - By default one decode runs per four threads of the pool (UV_THREADPOOL_SIZE, 4 unless set):
 *   the rest of the pool stays free for file I/O, and peak memory under a burst of 49-megapixel
 *   photos stays under 400 MB (`npm run bench -- attack`).
 */
import { HttpError } from '../http/errors';

export interface DecodeGateSize {
  running: number;
  waiting: number;
}

const RETRY_AFTER_SECONDS = 5;

export function defaultGateSize(env: NodeJS.ProcessEnv = process.env): DecodeGateSize {
  const pool = Number(env.UV_THREADPOOL_SIZE) || 4;
  const running = Math.max(1, Math.floor(pool / 4));
  return { running, waiting: running * 8 };
}

export class DecodeGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: DecodeGateSize = defaultGateSize()) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size.running) {
      if (this.queue.length >= this.size.waiting) {
        throw new HttpError(
          503,
          [
            `The server is busy preparing other photos; send the report again in ${RETRY_AFTER_SECONDS} seconds.`,
          ],
          { 'retry-after': String(RETRY_AFTER_SECONDS) },
        );
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      // Hand the place straight to the next in line, or give it back.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
