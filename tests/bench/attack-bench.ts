/**
 * Image attack: the server's peak memory and an unrelated request's latency while reports full of
 * large photos and thin-strip PNGs arrive at once, against the real server in its own process.
 * Target: peak RSS under 400 MB; the health check keeps answering. Never fails on a figure.
 *
 * Notes
 * - Each attacking report carries 5 photos of 7,000 x 7,000 pixels (49 megapixels, just under the
 *   limit) that compress to little on the wire; strips are 1 x 49,999,999 PNGs.
 * - Memory is the server process's own (VmHWM and sampled VmRSS from /proc), not this one's.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { startServer } from '../e2e/harness';
import { bombPng } from '../fixtures/photos';
import { multipartWithFiles } from '../server/media-helpers';

const REPORTS = 4;
const PHOTOS = 5;
const STRIPS = 4;
const TARGET_MB = 400;

const FIELDS: Array<[string, string]> = [
  ['service_code', 'fly-tipping'],
  ['lat', '51.8003'],
  ['long', '-0.2051'],
  ['description', 'Six black bags and a mattress by the garages.'],
  ['attribute[size]', 'car_boot'],
  ['attribute[waste_types][]', 'household'],
  ['attribute[hazards][]', 'none'],
  ['attribute[land_type]', 'back_alley'],
  ['attribute[witnessed]', 'no'],
];

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function post(url: string, files: Array<{ name: string; bytes: Buffer }>) {
  const body = multipartWithFiles(
    FIELDS,
    files.map((f) => ({ ...f, type: 'image/png' })),
  );
  const started = performance.now();
  const res = await fetch(`${url}/open311/v2/requests.json`, {
    method: 'POST',
    body: new Uint8Array(body.payload),
    headers: { 'content-type': body.contentType },
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

export interface AttackFigures {
  startMb: number;
  peakMb: number;
  statuses: Record<string, number>;
  slowestReportMs: number;
  healthP99Ms: number;
  healthMaxMs: number;
}

export async function runAttackBench(): Promise<AttackFigures> {
  const big = await sharp({
    create: { width: 7000, height: 7000, channels: 3, background: { r: 90, g: 120, b: 60 } },
  })
    .png({ compressionLevel: 9 })
    .toBuffer();
  const strip = bombPng(1, 49_999_999);
  const server = await startServer();
  const pid = server.pid()!;
  try {
    const startMb = memoryMb(pid, 'VmRSS');
    let attacking = true;
    const health: number[] = [];
    const probe = (async () => {
      while (attacking) {
        const t0 = performance.now();
        await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const results = await Promise.all([
      ...Array.from({ length: REPORTS }, (_, i) =>
        post(
          server.url,
          Array.from({ length: PHOTOS }, (_, j) => ({ name: `big-${i}-${j}.png`, bytes: big })),
        ),
      ),
      ...Array.from({ length: STRIPS }, (_, i) =>
        post(server.url, [{ name: `strip-${i}.png`, bytes: strip }]),
      ),
    ]);
    attacking = false;
    await probe;
    const statuses: Record<string, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const sorted = [...health].sort((a, b) => a - b);
    return {
      startMb,
      peakMb: memoryMb(pid, 'VmHWM'),
      statuses,
      slowestReportMs: Math.max(...results.map((r) => r.ms)),
      healthP99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      healthMaxMs: sorted.at(-1) ?? 0,
    };
  } finally {
    await server.stop();
  }
}

export function printAttack(f: AttackFigures) {
  console.log('\nImage attack (4 reports of 5 x 49-Mpx PNGs + 4 1 x 49,999,999 strips at once)');
  console.log(`  server RSS at start        ${f.startMb.toFixed(0)} MB`);
  console.log(
    `  server peak RSS            ${f.peakMb.toFixed(0)} MB   (target < ${TARGET_MB} MB: ${f.peakMb < TARGET_MB ? 'met' : 'NOT met'})`,
  );
  console.log(`  answers                    ${JSON.stringify(f.statuses)}`);
  console.log(`  slowest report             ${(f.slowestReportMs / 1000).toFixed(1)} s`);
  console.log(
    `  health check meanwhile     p99 ${f.healthP99Ms.toFixed(0)} ms, max ${f.healthMaxMs.toFixed(0)} ms`,
  );
}
