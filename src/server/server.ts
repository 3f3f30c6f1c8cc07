/**
 * `npm start` (and `node dist-server/server.js` in production): reads the settings, loads the
 * council configuration, opens the store and the media store and listens. SIGINT/SIGTERM stop
 * accepting connections, let in-flight requests finish (SHUTDOWN_GRACE_SECONDS at most), stop the
 * background jobs, close the store and exit 0. A broken setting or council file exits 1 naming
 * each problem.
 */
import { mkdirSync } from 'node:fs';
import { buildApp } from './app';
import { loadCouncilConfig } from './config/load-council';
import { demoBanner, ensureDemoAccounts, seedDemoHistory, type SeedOutcome } from './seed/seed';
import { readSettings } from './settings';
import { openStore } from './store/open-store';
import type { Store } from './store/store';
import { startRetentionJob } from './privacy/retention-job';

const startedAt = performance.now();

function fail(heading: string, problems: string[]): never {
  console.error(`${heading}\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}

const settings = readSettings(process.env);
if (!settings.ok)
  fail('Neighbourhood Reporter cannot start: the environment has problems:', settings.error);
const s = settings.value;

const council = await loadCouncilConfig(s.councilConfig);
if (!council.ok) {
  fail(
    `Neighbourhood Reporter cannot start: the council configuration (${s.councilConfig}) has problems:`,
    council.error.split('\n'),
  );
}

mkdirSync(s.dataDir, { recursive: true });
let store: Store;
try {
  store = await openStore(s.store);
} catch (error) {
  fail('Neighbourhood Reporter cannot start: the database cannot be opened:', [
    (error as Error).message,
  ]);
}

// Demo mode (seed/mode.ts): the demo staff account and API key, and once the demo history.
let seeded: SeedOutcome | null = null;
if (s.demoMode.demo) {
  try {
    await ensureDemoAccounts(store);
    if (s.demoMode.seedHistory) seeded = await seedDemoHistory(store, council.value);
  } catch (error) {
    await store.close().catch(() => undefined);
    fail('Neighbourhood Reporter cannot start: the demo data cannot be written:', [
      (error as Error).message,
    ]);
  }
}

// TILE_URL points the map at another tile server (tests serve tiles on loopback).
const councilConfig = s.tileUrl
  ? { ...council.value, map: { ...council.value.map, tileUrl: s.tileUrl } }
  : council.value;

const app = await buildApp({
  council: councilConfig,
  store,
  distDir: s.distDir,
  media: s.media,
  logger: { level: s.logLevel },
  trustProxy: s.trustProxy,
  publicUrl: s.publicUrl ?? undefined,
  centreIdleMs: s.centreIdleMs,
  centreOfflineDays: s.centreOfflineDays,
  push: s.push,
  load: s.load,
});

// Retention schedule of the council configuration (docs/privacy.md), daily by default.
startRetentionJob(app, s.retentionJob);

let stopping = false;
// While stopping, answers close their connection, so keep-alive clients do not hold shutdown up.
app.addHook('onSend', async (_request, reply) => {
  if (stopping) reply.header('connection', 'close');
});
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    console.error(
      `Neighbourhood Reporter: requests still running ${s.shutdownGraceMs / 1000} s after ${signal}; exiting.`,
    );
    process.exit(1);
  }, s.shutdownGraceMs);
  force.unref();
  await app.close();
  console.log(`Neighbourhood Reporter stopped (${signal}).`);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  await app.listen({ port: s.port, host: s.host });
} catch (error) {
  await app.close().catch(() => undefined);
  fail('Neighbourhood Reporter cannot start: cannot listen:', [(error as Error).message]);
}
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : s.port;
const shownHost = s.host.includes(':') ? `[${s.host}]` : s.host;
console.log(`Neighbourhood Reporter listening on http://${shownHost}:${port}`);
// Without PUBLIC_URL our own URLs name the listening address (right for a local start only).
if (!s.publicUrl) app.publicUrl = `http://${shownHost}:${port}`;
console.log(
  `Started in ${Math.round(performance.now() - startedAt)} ms (process up ${Math.round(process.uptime() * 1000)} ms); media in ${app.mediaFiles.where}.`,
);
if (s.demoMode.demo) console.log(demoBanner(`http://${shownHost}:${port}`, seeded).join('\n'));
