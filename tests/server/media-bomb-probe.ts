/**
 * Run as its own process by media.test.ts: builds the real app on a fresh SQLite file, posts a
 * report with a decompression bomb (a tiny PNG declaring 50,000 x 50,000 pixels) and prints the
 * status and this process's peak resident memory, so the test measures the server alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { openSqliteStore } from '../../src/server/store/sqlite';
import { bombPng } from '../fixtures/photos';
import { postWithFiles } from './media-helpers';

const dir = mkdtempSync(join(tmpdir(), 'nr-bomb-'));
const council = await loadCouncilConfig(DEMO_COUNCIL_PATH);
if (!council.ok) throw new Error(council.error);
const app = await buildApp({
  council: council.value,
  store: openSqliteStore(join(dir, 'reports.sqlite')),
  distDir: join(dir, 'no-dist'),
  mediaDir: join(dir, 'media'),
  // One request on a machine busy with other tests: never shed it as load.
  load: { maxEventLoopDelayMs: 0 },
});
const fields: Array<[string, string]> = [
  ['service_code', 'littering'],
  ['address_string', 'Howardsgate, Welwyn Garden City'],
  ['description', 'Litter everywhere.'],
  ['attribute[amount]', 'small'],
];
const res = await postWithFiles(app, fields, [
  { name: 'bomb.png', type: 'image/png', bytes: bombPng(50_000) },
]);
await app.close();
// maxRSS is in kilobytes.
console.log(
  JSON.stringify({
    status: res.statusCode,
    body: res.body,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
