/**
 * How long the demo history (about 900 reports with their updates) takes to write into a fresh
 * SQLite store, as `npm start` does on a first demo start. Target: well under 2 s. Never fails on
 * a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { seedDemoHistory } from '../../src/server/seed/seed';
import { openSqliteStore } from '../../src/server/store/sqlite';

export async function runSeedBench(): Promise<void> {
  const council = await loadCouncilConfig(DEMO_COUNCIL_PATH);
  if (!council.ok) throw new Error(council.error);
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-seed-'));
  const store = openSqliteStore(join(dir, 'reports.sqlite'));
  try {
    const seeded = await seedDemoHistory(store, council.value);
    console.log('\nDemo history: written once into a fresh SQLite store');
    console.log(`  reports   ${seeded.reports}`);
    console.log(`  time      ${Math.round(seeded.ms)} ms (target under 2000 ms)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
