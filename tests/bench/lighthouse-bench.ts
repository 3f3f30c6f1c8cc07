/**
 * `npm run bench -- lighthouse`: Lighthouse 12 (mobile profile: simulated slow 4G and a 4x slower
 * CPU, storage cleared before each run, so every run is a first visit) against the built app
 * served by the real server, in the system Chromium. Three runs per page; prints the medians
 * beside the targets as a Markdown table (docs/performance.md keeps a copy). Never fails on a
 * figure: a loaded machine gives worse numbers, so say how loaded it was.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, startServer } from '../e2e/harness';

const PAGES = ['/', '/report', '/response-times', '/centre'];
const RUNS = 3;
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--no-first-run',
];

interface Run {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  bytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runOnce(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    bytes: value('total-byte-weight'),
  };
}

export async function runLighthouseBench(): Promise<void> {
  const server = await startServer({ env: { SEED_DEMO: 'true' } });
  const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
  try {
    const rows: string[] = [];
    for (const path of PAGES) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(server.url + path, chrome.port));
      const m = (k: keyof Run) => median(runs.map((r) => r[k]));
      rows.push(
        `| \`${path}\` | ${m('performance')} | ${m('accessibility')} | ${m('bestPractices')} | ` +
          `${(m('fcp') / 1000).toFixed(2)} s | ${(m('lcp') / 1000).toFixed(2)} s | ` +
          `${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} | ${(m('bytes') / 1024).toFixed(0)} KiB |`,
      );
      console.log(`  ${path}: performance ${runs.map((r) => r.performance).join(', ')}`);
    }
    console.log(`\nLighthouse ${lighthouseVersion()} mobile, median of ${RUNS} runs per page:\n`);
    console.log(
      '| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | bytes |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log(
      '\nTargets: performance >= 95, accessibility and best practices 100, FCP <= 1.5 s, ' +
        'LCP <= 2.0 s, TBT <= 150 ms, CLS 0, start page <= 200 KiB.',
    );
  } finally {
    chrome.kill();
    await server.stop();
  }
}

function lighthouseVersion(): string {
  return '12.2.3';
}

if (import.meta.url === `file://${process.argv[1]}`) await runLighthouseBench();
