/** The recording probe never throws, whatever the bytes: cut short, flipped or random. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeAudio } from '../../src/server/media/audio-probe';
import { withoutContainerMetadata } from '../../src/server/media/audio-metadata';
import { fixture } from './media-helpers';

describe('probeAudio', () => {
  const real = [fixture('tone-2s.m4a'), fixture('tone-2s.webm')];

  it('reads both fixtures with about two seconds', () => {
    for (const b of real) {
      const r = probeAudio(b);
      expect(r.ok && r.value.durationSeconds).toBeGreaterThan(1.5);
      expect(r.ok && r.value.durationSeconds).toBeLessThan(2.5);
    }
  });

  it('answers a result for damaged and random bytes, never an exception', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        (which, cut, flips) => {
          const b = Buffer.from(real[which]!.subarray(0, cut % (real[which]!.length + 1)));
          for (const [at, v] of flips) if (b.length) b[at % b.length] = v;
          const r = probeAudio(b);
          expect(typeof r.ok).toBe('boolean');
          expect(withoutContainerMetadata(b, which ? 'webm' : 'mp4').length).toBe(b.length);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(probeAudio(Buffer.from(bytes)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
