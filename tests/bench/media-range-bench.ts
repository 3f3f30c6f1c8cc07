/**
 * Serving a long recording as a player does: a 20 MB file fetched as twenty 1 MB byte ranges, one
 * after another, from the real server (`src/server/server.ts` in its own process, SQLite and media
 * in a temp DATA_DIR) over loopback; then the same file whole in one 200 for comparison. Prints the
 * time and the server process's peak RSS for each. Part of `npm run bench -- media`; run alone with
 * `npx tsx tests/bench/media-range-bench.ts` (after `npm run build`). Never fails on a time.
 *
 * Notes
 * - The recording is a real one sent through POST requests.json; its stored file is then replaced
 *   by a 20 MB file of the same name (the upload limit is 12 MB, and serving never looks inside).
 * - Peak RSS is the kernel's VmHWM for the server's process, reset through /proc/PID/clear_refs
 *   before each part, so start-up does not count; where that cannot be reset, it says so.
 * - The bytes received are hashed and compared with the file, so a wrong slice is reported.
 */
import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { startServer } from '../e2e/harness';
import { RISK_NO } from '../e2e/media-helpers';
import { noise } from '../server/media-helpers';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MB = 1024 * 1024;
const FILE_BYTES = 20 * MB;
const RANGE_BYTES = 1 * MB;

export interface RangeFigures {
  rangeCount: number;
  rangeMs: number;
  rangePeakRss: number | null;
  wholeMs: number;
  wholePeakRss: number | null;
  rssBefore: number | null;
  /** False when the kernel's peak could not be reset (the peaks then include start-up). */
  peakReset: boolean;
  bytesMatch: boolean;
}

/** Every risk question answered "no", as form fields. */
const RISK = Object.entries(RISK_NO).map(([code, no]): [string, string] => [
  `attribute[${code}]`,
  no,
]);

/** A field of /proc/PID/status in bytes (VmRSS, VmHWM), or null off Linux. */
function procBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The real server (as the e2e tests start it) on `dataDir`, with its process id. */
async function startBenchServer(dataDir: string) {
  const server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
  return { url: server.url, pid: server.pid()!, stop: server.stop };
}

export async function measureRanges(): Promise<RangeFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nr-bench-ranges-'));
  const server = await startBenchServer(dataDir);
  try {
    // A real recording through the intake API.
    const form = new FormData();
    for (const [name, value] of noise(RISK)) form.append(name, value);
    const clip = readFileSync(join(ROOT, 'tests', 'fixtures', 'media', 'tone-2s.webm'));
    form.append('media', new Blob([clip], { type: 'audio/webm' }), 'clip.webm');
    const sent = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      body: form,
      headers: { 'idempotency-key': randomUUID() },
    });
    if (sent.status !== 201) throw new Error(`could not send the recording: ${await sent.text()}`);
    const db = new Database(join(dataDir, 'reports.sqlite'), { readonly: true });
    const row = db.prepare('SELECT id, file_name FROM media').get() as {
      id: string;
      file_name: string;
    };
    db.close();
    // A 20 MB file in its place: the clip, then noise.
    const big = randomFillSync(Buffer.alloc(FILE_BYTES));
    clip.copy(big);
    writeFileSync(join(dataDir, 'media', row.file_name), big);
    const expected = createHash('sha256').update(big).digest('hex');
    const url = `${server.url}/api/media/${row.id}`;
    const rssBefore = procBytes(server.pid, 'VmRSS');

    const peakReset = resetPeak(server.pid);
    const hash = createHash('sha256');
    const rangeStart = performance.now();
    let rangeCount = 0;
    for (let start = 0; start < FILE_BYTES; start += RANGE_BYTES) {
      const end = Math.min(start + RANGE_BYTES, FILE_BYTES) - 1;
      const res = await fetch(url, { headers: { range: `bytes=${start}-${end}` } });
      if (res.status !== 206) throw new Error(`range ${start}-${end}: ${res.status}`);
      hash.update(Buffer.from(await res.arrayBuffer()));
      rangeCount++;
    }
    const rangeMs = performance.now() - rangeStart;
    const rangePeakRss = procBytes(server.pid, 'VmHWM');
    const rangesMatch = hash.digest('hex') === expected;

    resetPeak(server.pid);
    const wholeStart = performance.now();
    const whole = await fetch(url);
    const wholeBytes = Buffer.from(await whole.arrayBuffer());
    const wholeMs = performance.now() - wholeStart;
    const wholePeakRss = procBytes(server.pid, 'VmHWM');
    const wholeMatch =
      whole.status === 200 && createHash('sha256').update(wholeBytes).digest('hex') === expected;

    return {
      rangeCount,
      rangeMs,
      rangePeakRss,
      wholeMs,
      wholePeakRss,
      rssBefore,
      peakReset,
      bytesMatch: rangesMatch && wholeMatch,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mb = (n: number | null) => (n === null ? 'n/a' : `${(n / MB).toFixed(1)} MB`);

export function printRanges(f: RangeFigures): void {
  const rate = (ms: number) => `${((FILE_BYTES / MB / ms) * 1000).toFixed(0)} MB/s`;
  const peak = f.peakReset ? 'server peak RSS' : 'server peak RSS since start (could not reset)';
  console.log(
    `  20 MB recording as ${f.rangeCount} x 1 MB ranges (206), one after another over loopback: ${Math.round(f.rangeMs)} ms (${rate(f.rangeMs)}), ${peak} ${mb(f.rangePeakRss)} (RSS before ${mb(f.rssBefore)})`,
  );
  console.log(
    `  the same 20 MB whole in one 200: ${Math.round(f.wholeMs)} ms (${rate(f.wholeMs)}), ${peak} ${mb(f.wholePeakRss)}; bytes received ${f.bytesMatch ? 'match the file' : 'DO NOT match the file'}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('\nMedia ranges');
  printRanges(await measureRanges());
}
