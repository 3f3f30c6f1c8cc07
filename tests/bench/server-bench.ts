/**
 * Intake API throughput: valid POST requests.json (URL-encoded, a fresh Idempotency-Key each) at
 * the real app on a loopback port with SQLite in a temp dir, and the same load at a bare Fastify
 * route that returns a fixed body. Prints reports/s and p99 latency for both and their ratio.
 * Never fails on a time. Run alone with `npx tsx tests/bench/server-bench.ts`.
 *
 * Notes
 * - The load comes from a worker thread (its own event loop) with keep-alive HTTP connections, so
 *   the client does not steal the server's event loop; on a 2-core machine they share the CPU.
 * - Bounded by a request count and a time limit, after a short warm-up that is not measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { openSqliteStore } from '../../src/server/store/sqlite';

export interface LoadFigures {
  requests: number;
  ok: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
}

export interface ServerBenchOptions {
  /** Measured requests per target (default 6000). */
  requests?: number;
  /** Requests in flight at once (default 32). */
  concurrency?: number;
  /** Time limit per target, in seconds (default 20). */
  maxSeconds?: number;
  warmup?: number;
}

const FORM = new URLSearchParams([
  ['service_code', 'fly-tipping'],
  ['lat', '51.8003'],
  ['long', '-0.2051'],
  ['description', 'Six black bags and a mattress by the garages.'],
  ['attribute[size]', 'car_boot'],
  ['attribute[waste_types][]', 'household'],
  ['attribute[hazards][]', 'none'],
  ['attribute[land_type]', 'back_alley'],
  ['attribute[witnessed]', 'no'],
  ['email', 'resident@example.com'],
]).toString();

// Plain CommonJS run by the worker (eval), so it needs no TypeScript loader.
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { port, path, body, concurrency, count, maxMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send() {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'idempotency-key': randomUUID(),
    } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
(async () => {
  const latencies = new Float64Array(count);
  const statuses = {};
  let issued = 0;
  let done = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  async function loop() {
    while (issued < count && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const status = await send();
      latencies[done++] = performance.now() - t0;
      statuses[status] = (statuses[status] || 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  parentPort.postMessage({ latencies: Array.from(latencies.subarray(0, done)), statuses, elapsedMs });
})();
`;

interface WorkerAnswer {
  latencies: number[];
  statuses: Record<string, number>;
  elapsedMs: number;
}

function load(port: number, path: string, count: number, concurrency: number, maxMs: number) {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { port, path, body: FORM, concurrency, count, maxMs },
    });
    worker.once('message', (m: WorkerAnswer) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(
  app: FastifyInstance,
  path: string,
  okStatus: number,
  o: Required<ServerBenchOptions>,
): Promise<LoadFigures> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await load(port, path, o.warmup, o.concurrency, o.maxSeconds * 1000);
  const run = await load(port, path, o.requests, o.concurrency, o.maxSeconds * 1000);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const ok = run.statuses[String(okStatus)] ?? 0;
  return {
    requests: run.latencies.length,
    ok,
    perSecond: ok / (run.elapsedMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    statuses: run.statuses,
  };
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

/** Runs both loads, prints the figures and returns them. */
export async function runServerBench(options: ServerBenchOptions = {}) {
  const o: Required<ServerBenchOptions> = {
    requests: options.requests ?? 6000,
    concurrency: options.concurrency ?? 32,
    maxSeconds: options.maxSeconds ?? 20,
    warmup: options.warmup ?? 500,
  };
  const council = await loadCouncilConfig(DEMO_COUNCIL_PATH);
  if (!council.ok) throw new Error(council.error);
  const dir = mkdtempSync(join(tmpdir(), 'nr-bench-'));
  const store = openSqliteStore(join(dir, 'reports.sqlite'));
  // One address sends every request: the rate limit is out of the way (docs/scale.md).
  const app = await buildApp({
    council: council.value,
    store,
    distDir: join(dir, 'no-dist'),
    load: { rateLimitMax: 100_000_000 },
  });
  const bare = Fastify({ logger: false });
  bare.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_r, b, done) => done(null, b),
  );
  const fixed = JSON.stringify([
    { service_request_id: 'DBC-00000000', service_notice: 'Fixed body', account_id: null },
  ]);
  bare.post('/bare', async (_request, reply) =>
    reply.code(201).type('application/json').send(fixed),
  );

  try {
    const api = await measure(app, '/open311/v2/requests.json', 201, o);
    const stored = await store.reports.count();
    await app.close();
    const base = await measure(bare, '/bare', 201, o);
    await bare.close();

    const line = (name: string, f: LoadFigures, unit: string) =>
      `  ${name.padEnd(13)} ${fmt(f.perSecond).padStart(7)} ${unit.padEnd(10)} p50 ${fmt(f.p50Ms, 1).padStart(6)} ms   p99 ${fmt(f.p99Ms, 1).padStart(6)} ms   (${f.ok} of ${f.requests} answered ${201})`;
    const ratio = api.perSecond / base.perSecond;
    console.log(
      [
        `Intake API: POST /open311/v2/requests.json on SQLite, ${o.concurrency} in flight, up to ${o.requests} requests or ${o.maxSeconds} s each (Node ${process.version})`,
        line('intake API', api, 'reports/s'),
        line('bare Fastify', base, 'req/s'),
        `  ratio         the intake API runs at ${fmt(ratio * 100, 1)}% of a bare Fastify route (target: at least 1,000 reports/s)`,
        `  stored        ${stored} reports in SQLite (warm-up included)`,
      ].join('\n'),
    );
    return { api, bare: base, ratio, stored };
  } finally {
    await app.close().catch(() => undefined);
    await bare.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runServerBench();
}
