/**
 * `npm start`: reads the settings, loads the council configuration, opens the store and listens.
 * SIGINT/SIGTERM stop accepting connections, let in-flight requests finish, close the store and
 * exit 0. A broken setting or council file exits 1 naming each problem.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app';
import { loadCouncilConfig } from './config/load-council';
import { KEY_RETENTION_DAYS } from './reports/idempotency';
import { demoBanner, ensureDemoAccounts, seedDemoHistory, type SeedOutcome } from './seed/seed';
import { readSettings } from './settings';
import { openStore } from './store/open-store';
import type { Store } from './store/store';

const SHUTDOWN_GRACE_MS = 10_000;
const DAY_MS = 86_400_000;

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

// Keys older than a phone may hold a report are no longer needed; purge at start and daily.
const purge = () =>
  store.idempotency
    .purgeCreatedBefore(new Date(Date.now() - (KEY_RETENTION_DAYS + 1) * DAY_MS))
    .catch((error: unknown) => console.error('Could not purge old idempotency keys:', error));
await purge();
const purgeTimer = setInterval(purge, DAY_MS);
purgeTimer.unref();
// Expired staff sessions are of no use; purge them at start and hourly.
const purgeSessions = () =>
  store.sessions
    .purgeExpired(new Date())
    .catch((error: unknown) => console.error('Could not purge expired staff sessions:', error));
await purgeSessions();
const purgeCentreSessions = () =>
  store.centres
    .purgeExpiredSessions(new Date())
    .catch((error: unknown) => console.error('Could not purge expired centre sessions:', error));
await purgeCentreSessions();
setInterval(purgeCentreSessions, DAY_MS / 24).unref();
setInterval(purgeSessions, DAY_MS / 24).unref();

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
  mediaDir: join(s.dataDir, 'media'),
  logger: { level: s.logLevel },
  trustProxy: s.trustProxy,
  centreIdleMs: s.centreIdleMs,
  centreOfflineDays: s.centreOfflineDays,
  load: s.load,
});

let stopping = false;
// While stopping, answers close their connection, so keep-alive clients do not hold shutdown up.
app.addHook('onSend', async (_request, reply) => {
  if (stopping) reply.header('connection', 'close');
});
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(purgeTimer);
  const force = setTimeout(() => {
    console.error(
      `Neighbourhood Reporter: requests still running ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; exiting.`,
    );
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
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
if (s.demoMode.demo) console.log(demoBanner(`http://${shownHost}:${port}`, seeded).join('\n'));
