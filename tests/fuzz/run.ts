/**
 * `npm run fuzz -- --cases N [--seed S]`: the fuzz suite's properties at scale against the real
 * app (tests/fuzz/README.md). Prints cases per second, answers by status, 5xx, hangs and the
 * slowest request; exits 1 on any failure, printing the seed and the shrunk counterexample.
 */
import { parseArgs } from 'node:util';
import { openFuzzApp } from './fuzz-app';
import { formatOutcome, runFuzz } from './fuzz-run';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' } },
});
const cases = Number(values.cases);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --cases N [--seed S] (N and S whole numbers)');
  process.exit(2);
}

const fuzz = await openFuzzApp();
console.log(`fuzzing ${cases} cases with seed ${seed}`);
const outcome = await runFuzz(fuzz, {
  cases,
  seed,
  progress: (t) => console.log(`  ${t.cases} cases, ${t.fiveXx} 5xx, ${t.hangs} hangs`),
});
console.log(formatOutcome(outcome));
await fuzz.close();
process.exit(outcome.failure ? 1 : 0);
