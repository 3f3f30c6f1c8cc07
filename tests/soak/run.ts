/**
 * `npm run soak -- --minutes N [--rate R] [--clients C]`: the real server in its own process (the
 * e2e harness: demo data, a temporary data folder) under a steady mix of traffic (traffic.ts) at
 * R requests a second from C clients for N minutes. The server's RSS is read from /proc every
 * 10 s. Prints a table per minute, then RSS at minute 5 and at the end, the growth between them,
 * requests, 5xx and latency; exits 1 on any 5xx or on growth over 10 % after minute 5.
 *
 * Notes
 * - Each client sends on a fixed schedule and waits for each answer; one that falls behind sends
 *   its missed requests as soon as it can, so every run sends N x 60 x R requests (in bursts when
 *   the machine is busy). The soak looks for leaks and errors, not the ceiling.
 * - MALLOC_ARENA_MAX=2 as recommended for production (docs/security.md).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from '../e2e/harness';
import { cameraJpeg } from '../fixtures/photos';
import { newClient, type Sent, type Shared } from './traffic';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '20' },
    clients: { type: 'string', default: '4' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const clients = Number(values.clients);
if (!(minutes > 0) || !(rate > 0) || !Number.isInteger(clients) || clients < 1) {
  console.error('usage: npm run soak -- --minutes N [--rate requests/s] [--clients C]');
  process.exit(2);
}
const SAMPLE_MS = 10_000;
const JUDGED_FROM_MINUTE = 5;
const GROWTH_LIMIT = 0.1;

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};
const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;

const server = await startServer({ env: { SEED_DEMO: 'true', MALLOC_ARENA_MAX: '2' } });
const pid = server.pid()!;
const shared: Shared = {
  base: server.url,
  photos: await Promise.all(
    [1, 2, 3].map((seed) => cameraJpeg({ width: 1600, height: 1200, seed })),
  ),
  refs: [],
  mediaUrls: [],
};
const senders = await Promise.all(Array.from({ length: clients }, () => newClient(shared)));

const started = Date.now();
const end = started + minutes * 60_000;
// Answers that land after the last full minute count in it.
const minuteOf = (t: number) =>
  Math.min(Math.ceil(minutes) - 1, Math.max(0, Math.floor((t - started) / 60_000)));
const answers: Array<Sent & { minute: number }> = [];
const samples: Array<{ minute: number; at: number; mb: number }> = [];
const sample = () => {
  const at = Date.now();
  samples.push({ minute: minuteOf(at - 1), at, mb: rssMb(pid) });
};
sample();
const sampler = setInterval(sample, SAMPLE_MS);
console.log(
  `soak: ${minutes} min, ${rate} requests/s from ${clients} clients, server pid ${pid}, RSS ${samples[0]!.mb.toFixed(0)} MB at start`,
);

const interval = (1000 * clients) / rate;
await Promise.all(
  senders.map(async (next, i) => {
    let due = started + (i * interval) / clients;
    while (due < end) {
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sent = await next();
      answers.push({ ...sent, minute: minuteOf(Date.now()) });
      due += interval;
    }
  }),
);
clearInterval(sampler);
sample();
await server.stop();

const rows: string[][] = [['minute', 'requests', '5xx', 'p50 ms', 'p99 ms', 'RSS MB (last)']];
for (let m = 0; m < Math.ceil(minutes); m++) {
  const inMinute = answers.filter((a) => a.minute === m);
  const ms = inMinute.map((a) => a.ms).sort((a, b) => a - b);
  const rss = samples.filter((s) => s.minute === m).at(-1)?.mb;
  rows.push([
    String(m + 1),
    String(inMinute.length),
    String(inMinute.filter((a) => a.status >= 500).length),
    quantile(ms, 0.5).toFixed(0),
    quantile(ms, 0.99).toFixed(0),
    rss === undefined ? '-' : rss.toFixed(0),
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join('  '));

const all = answers.map((a) => a.ms).sort((a, b) => a - b);
const fiveXx = answers.filter((a) => a.status >= 500);
const byKind = new Map<string, number>();
for (const a of answers)
  byKind.set(`${a.kind} ${a.status}`, (byKind.get(`${a.kind} ${a.status}`) ?? 0) + 1);
const atFive = samples.filter((s) => s.at - started <= JUDGED_FROM_MINUTE * 60_000).at(-1)!;
const last = samples.at(-1)!;
const judged = minutes > JUDGED_FROM_MINUTE;
const growth = (last.mb - atFive.mb) / atFive.mb;
console.log(
  [
    `answers by kind and status: ${[...byKind.entries()]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}`,
    `requests: ${answers.length} (${(answers.length / (minutes * 60)).toFixed(1)}/s)`,
    `5xx: ${fiveXx.length}${fiveXx.length ? ` (${[...new Set(fiveXx.map((a) => a.kind))].join(', ')})` : ''}`,
    `latency: p50 ${quantile(all, 0.5).toFixed(0)} ms, p99 ${quantile(all, 0.99).toFixed(0)} ms, max ${(all.at(-1) ?? 0).toFixed(0)} ms`,
    `RSS: ${samples[0]!.mb.toFixed(0)} MB at start, peak ${Math.max(...samples.map((s) => s.mb)).toFixed(0)} MB`,
    `RSS at minute ${JUDGED_FROM_MINUTE}: ${atFive.mb.toFixed(0)} MB; at the end: ${last.mb.toFixed(0)} MB; growth ${(growth * 100).toFixed(1)} %` +
      (judged
        ? ` (limit +${GROWTH_LIMIT * 100} %)`
        : ' (not judged: the run is not longer than 5 minutes)'),
  ].join('\n'),
);
const failed = fiveXx.length > 0 || (judged && growth > GROWTH_LIMIT);
console.log(failed ? 'FAILED' : 'passed');
process.exit(failed ? 1 : 0);
