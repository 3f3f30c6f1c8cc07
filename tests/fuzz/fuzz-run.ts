/**
 * One fuzz run, shared by the test (a small fixed-seed run) and `npm run fuzz` (the same at
 * scale): every generated request is checked against the properties (properties.ts); the first
 * failure is shrunk by fast-check to a smallest request that still breaks one.
 */
import fc from 'fast-check';
import type { FuzzApp } from './fuzz-app';
import type { FuzzRequest } from './fuzz-request';
import { checkOne, describeFailure, newTally, type Tally } from './properties';
import { requestArbitrary } from './request-arbitraries';

export interface FuzzOutcome {
  tally: Tally;
  seed: number;
  ms: number;
  /** The shrunk counterexample and what it broke, or null when every case held. */
  failure: string | null;
}

export async function runFuzz(
  fuzz: FuzzApp,
  opts: { cases: number; seed: number; progress?: (tally: Tally) => void },
): Promise<FuzzOutcome> {
  const tally = newTally();
  const started = performance.now();
  const property = fc.asyncProperty(requestArbitrary(fuzz.targets), async (r: FuzzRequest) => {
    const problems = await checkOne(fuzz, r, tally);
    if (tally.cases % 1000 === 0) opts.progress?.(tally);
    if (problems.length) throw new Error(describeFailure(r, problems));
  });
  const details = await fc.check(property, { numRuns: opts.cases, seed: opts.seed });
  const failure = details.failed
    ? details.errorInstance instanceof Error
      ? `${details.errorInstance.message}\n  (shrunk ${details.numShrinks} times; run ${details.numRuns})`
      : String(details.errorInstance)
    : null;
  return { tally, seed: opts.seed, ms: performance.now() - started, failure };
}

/** The outcome as printed by `npm run fuzz` and in a failing test's message. */
export function formatOutcome(o: FuzzOutcome): string {
  const statuses = [...o.tally.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  const rate = o.tally.cases / (o.ms / 1000);
  return [
    `cases: ${o.tally.cases} in ${(o.ms / 1000).toFixed(1)} s (${rate.toFixed(0)} cases/s), seed ${o.seed}`,
    `statuses: ${statuses}`,
    `5xx: ${o.tally.fiveXx}`,
    `hangs: ${o.tally.hangs}`,
    `slowest: ${o.tally.slowest.ms.toFixed(0)} ms, ${o.tally.slowest.request}`,
    o.failure ? `FAILED (replay with --seed ${o.seed}):\n${o.failure}` : 'every case held',
  ].join('\n');
}
