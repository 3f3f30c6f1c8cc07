/**
 * `npm run bench -- scale`: years of reports at flat cost. For each size (10k, 100k, 1M reports
 * over five years; SCALE_SIZES=10000,100000 to choose) and each store (SQLite, and PostgreSQL when
 * reachable; SCALE_STORES=sqlite to choose), fills a fresh store by bulk inserts (scale-fill.ts),
 * brings the figures' counters up to date, then prints: the public figures cold (computed) and
 * warm (cached), the open list, the staff queue's first and a deep page, the database size, and
 * services.json p99 while 16 clients pull the figures. Never fails on a time.
 *
 * Notes
 * - HTTP load comes from worker threads (their own event loops) over keep-alive connections to a
 *   loopback port, so the clients do not run on the server's event loop; on 2 cores they share
 *   the CPU with it.
 * - Rate limits are set out of the way (one address sends everything); shedding stays on.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { CouncilConfig } from '../../src/shared/council-config';
import { buildApp } from '../../src/server/app';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { refreshCounts } from '../../src/server/stats/published';
import { openPostgresStore } from '../../src/server/store/postgres';
import { openSqliteStore } from '../../src/server/store/sqlite';
import type { Store } from '../../src/server/store/store';
import { fillPostgres, fillSqlite } from './scale-fill';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Plain CommonJS run by the worker (eval): `concurrency` loops GET `path` until `count` answers
// or the deadline, and report every latency.
const GET_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, concurrency, count, maxMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const times = []; const statuses = {};
let started = 0; const deadline = Date.now() + maxMs;
function one() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ port, path, agent, host: '127.0.0.1' }, (res) => {
      res.resume();
      res.on('end', () => {
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
        resolve();
      });
    });
    req.on('error', () => { statuses.error = (statuses.error || 0) + 1; resolve(); });
  });
}
async function loop() { while (started < count && Date.now() < deadline) { started++; await one(); } }
Promise.all(Array.from({ length: concurrency }, loop)).then(() => {
  agent.destroy(); parentPort.postMessage({ times, statuses });
});
`;

interface Timings {
  times: number[];
  statuses: Record<string, number>;
}

function load(port: number, path: string, concurrency: number, count: number, maxMs = 60_000) {
  return new Promise<Timings>((resolve, reject) => {
    const w = new Worker(GET_WORKER, {
      eval: true,
      workerData: { port, path, concurrency, count, maxMs },
    });
    w.once('message', (m: Timings) => resolve(m));
    w.once('error', reject);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.max(1, Math.ceil((p * s.length) / 100)) - 1]! : NaN;
};
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');

async function timed<T>(f: () => Promise<T>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

interface Place {
  name: 'sqlite' | 'postgres';
  store(): Promise<Store>;
  fill(count: number): Promise<void>;
  size(): Promise<number>;
  drop(): Promise<void>;
}

function sqlitePlace(council: CouncilConfig, now: Date): Place {
  const dir = mkdtempSync(join(tmpdir(), 'nr-scale-'));
  const file = join(dir, 'reports.sqlite');
  return {
    name: 'sqlite',
    store: async () => openSqliteStore(file),
    fill: async (count) => fillSqlite(file, council, count, now),
    size: async () =>
      [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresPlace(council: CouncilConfig, now: Date): Promise<Place | null> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const schema = `scale_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    name: 'postgres',
    store: () => openPostgresStore({ connectionString: PG_URL, searchPath: schema }),
    fill: (count) => fillPostgres(PG_URL, schema, council, count, now),
    async size() {
      const r = await admin.query<{ n: string }>(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
           JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return Number(r.rows[0]!.n);
    },
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function runOne(place: Place, council: CouncilConfig, count: number) {
  const out: string[] = [];
  const store = await place.store();
  let t0 = performance.now();
  await place.fill(count);
  const fillS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await refreshCounts(store, council);
  const countS = (performance.now() - t0) / 1000;
  const load0 = { rateLimitMax: 100_000_000 };
  const warmApp = await buildApp({
    council,
    store,
    distDir: join(tmpdir(), 'nr-no-dist'),
    ownsStore: false,
    load: { ...load0, figuresCacheSeconds: 10 },
  });
  const coldApp = await buildApp({
    council,
    store,
    distDir: join(tmpdir(), 'nr-no-dist'),
    ownsStore: false,
    load: { ...load0, figuresCacheSeconds: 0 },
  });
  try {
    const warmPort = await listen(warmApp);
    const coldPort = await listen(coldApp);
    const cold = await load(coldPort, '/api/performance.json', 1, 30);
    const warm = await load(warmPort, '/api/performance.json', 1, 300);
    const openList = await load(warmPort, '/open311/v2/requests.json?status=open', 1, 30);
    const first = await timed(() => store.queue.page({ filter: 'open', limit: 50, offset: 0 }), 10);
    const total = (await store.queue.page({ filter: 'open', limit: 1, offset: 0 })).total;
    const deepOffset = Math.max(0, Math.floor(total * 0.9));
    const deep = await timed(
      () => store.queue.page({ filter: 'open', limit: 50, offset: deepOffset }),
      10,
    );
    const [pullers, services] = await Promise.all([
      load(warmPort, '/api/performance.json', 16, 1_000_000, 10_000),
      load(warmPort, '/open311/v2/services.json', 1, 1_000_000, 10_000),
    ]);
    const size = await place.size();
    out.push(
      `| ${place.name} | ${count.toLocaleString('en-GB')} | ${fillS.toFixed(0)} s + ${countS.toFixed(0)} s | ` +
        `${ms(pct(cold.times, 50))} / ${ms(pct(cold.times, 99))} | ${ms(pct(warm.times, 50))} / ${ms(pct(warm.times, 99))} | ` +
        `${ms(pct(openList.times, 50))} | ${ms(pct(first, 50))} | ${ms(pct(deep, 50))} (offset ${deepOffset.toLocaleString('en-GB')}) | ` +
        `${(size / 1024 / 1024).toFixed(0)} MB | ${ms(pct(services.times, 99))} (${services.times.length} req; pullers ${pullers.times.length}, ${JSON.stringify(pullers.statuses)}) |`,
    );
  } finally {
    await warmApp.close();
    await coldApp.close();
    await store.close();
  }
  return out;
}

export async function runScaleBench() {
  const loaded = await loadCouncilConfig(DEMO_COUNCIL_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  const council = loaded.value;
  const sizes = (process.env.SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const stores = (process.env.SCALE_STORES ?? 'sqlite,postgres').split(',');
  const now = new Date();
  console.log(
    [
      `Scale: reports over five years by bulk insert (Node ${process.version}). Targets at 1M on SQLite: figures warm <= 20 ms median, requests.json?status=open <= 50 ms, services.json p99 <= 250 ms with 16 pullers.`,
      '| store | reports | fill + counters | figures cold median / p99 | figures warm median / p99 | requests.json?status=open median | staff queue first page | staff queue deep page | DB size | services.json p99 with 16 pulling figures |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ].join('\n'),
  );
  for (const count of sizes) {
    for (const name of stores) {
      const place =
        name === 'postgres' ? await postgresPlace(council, now) : sqlitePlace(council, now);
      if (!place) {
        console.log(`| postgres | ${count} | skipped: no PostgreSQL at ${PG_URL} |`);
        continue;
      }
      try {
        for (const line of await runOne(place, council, count)) console.log(line);
      } finally {
        await place.drop();
      }
    }
  }
}
