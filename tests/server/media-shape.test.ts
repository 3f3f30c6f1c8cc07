/**
 * Images are bounded by shape as well as by pixels, and decodes across the server go through one
 * small gate: a 1-pixel-wide strip under the pixel limit is refused before decoding, and decodes
 * past the gate's queue are answered 503 with Retry-After instead of piling up.
 */
import { describe, expect, it } from 'vitest';
import { DecodeGate } from '../../src/server/media/decode-gate';
import { HttpError } from '../../src/server/http/errors';
import { bombPng } from '../fixtures/photos';
import { describeEachStore, flyTipping } from './helpers';
import { postWithFiles } from './media-helpers';

describeEachStore('image shape', (t) => {
  it.each([
    [1, 49_999_999],
    [2_000_000, 1],
    [15_000, 1_000],
    [100, 400_000],
    [30_000, 1_000],
  ])(
    'refuses a %i x %i pixel PNG before decoding it',
    async (width, height) => {
      const res = await postWithFiles(t.app, flyTipping(), [
        { name: 'strip.png', type: 'image/png', bytes: bombPng(width, height) },
      ]);
      expect(res.statusCode, res.body).toBe(413);
      expect(res.body).toMatch(/pixels/);
    },
    20_000,
  );

  it('stored nothing', async () => {
    expect(await t.store.reports.count()).toBe(0);
  });
});

describe('decode gate', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('runs at most `running` at once, queues `waiting` more, and refuses the rest with 503', async () => {
    const gate = new DecodeGate({ running: 2, waiting: 1 });
    let active = 0;
    let peak = 0;
    const holds = [deferred(), deferred(), deferred()];
    const work = (i: number) =>
      gate.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await holds[i]!.promise;
        active--;
        return i;
      });
    const started = [work(0), work(1), work(2)];
    const refused = await work(0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).statusCode).toBe(503);
    expect(Number((refused as HttpError).headers?.['retry-after'])).toBeGreaterThan(0);
    for (const h of holds) h.resolve();
    expect(await Promise.all(started)).toEqual([0, 1, 2]);
    expect(peak).toBe(2);
    // Free again once the queue has drained.
    expect(await gate.run(async () => 'again')).toBe('again');
  });

  it('frees its place when the work throws', async () => {
    const gate = new DecodeGate({ running: 1, waiting: 0 });
    await expect(gate.run(() => Promise.reject(new Error('bad image')))).rejects.toThrow();
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
