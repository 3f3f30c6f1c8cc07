// Runs the whole suite N times in a row (`npm run test:repeat -- N`, extra arguments go to
// vitest, e.g. `-- 5 --project unit`) and prints each run's duration and result, then every test
// that failed in any run with how many times: a flake shows up here before CI finds it.
// The app is built once (the code does not change between runs); each run's JSON report and
// output are kept under test-results/repeat/. Exits 1 if any run failed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [first, ...rest] = process.argv.slice(2);
const runs = Number.parseInt(first ?? '3', 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('Usage: npm run test:repeat -- <runs, at least 1> [vitest arguments]');
  process.exit(2);
}
const out = join(root, 'test-results', 'repeat');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const minutes = (ms) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

console.log('Building the app once for every run...');
const build = spawnSync(npx, ['vite', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

/** One `vitest run`, its output to a file; resolves with its duration and exit code. */
function runOnce(i) {
  const json = join(out, `run-${i}.json`);
  const log = createWriteStream(join(out, `run-${i}.log`));
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      npx,
      [
        'vitest',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
        ...rest,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end();
      resolve({ i, code: code ?? 1, ms: Date.now() - started, json });
    });
  });
}

/** The failed tests of one run ("file > title"), a file that failed outside its tests included. */
function failures(json) {
  if (!existsSync(json)) return ['(no report: vitest did not finish)'];
  const report = JSON.parse(readFileSync(json, 'utf8'));
  const failed = [];
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name);
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests) failed.push(`${name} > ${t.fullName}`);
    if (file.status === 'failed' && tests.length === 0) failed.push(`${name} (the file itself)`);
  }
  return failed;
}

const results = [];
for (let i = 1; i <= runs; i++) {
  console.log(`Run ${i} of ${runs}...`);
  const r = await runOnce(i);
  const failed = failures(r.json);
  if (r.code !== 0 && failed.length === 0) failed.push('(outside any test: an unhandled error)');
  const ok = r.code === 0 && failed.length === 0;
  results.push({ ...r, failed, ok });
  console.log(`Run ${i}: ${ok ? 'passed' : 'FAILED'} in ${minutes(r.ms)}`);
}

console.log('\nRun  Result  Duration     Failed tests');
for (const r of results) {
  const result = r.ok ? 'passed' : 'FAILED';
  console.log(
    `${String(r.i).padEnd(4)} ${result.padEnd(7)} ${minutes(r.ms).padEnd(12)} ${r.failed.length}`,
  );
}

const counts = new Map();
for (const r of results) for (const f of r.failed) counts.set(f, (counts.get(f) ?? 0) + 1);
if (counts.size > 0) {
  console.log(`\nFailed in any run (of ${runs}):`);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [test, n] of sorted) console.log(`${String(n).padStart(3)}  ${test}`);
  console.log(`\nOutput of each run: ${relative(root, out)}/run-<n>.log`);
} else {
  console.log(`\nNo test failed in ${runs} run${runs === 1 ? '' : 's'}.`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
