/**
 * `npm run chaos -- --reports N`: the outbox under a bad network and a crashing server.
 *
 * Files N reports through the real app in Chromium with the phone offline, then goes online and,
 * while they are being sent, takes the network away and back and kills the server (SIGKILL) and
 * starts it again, several times. Then it waits for things to settle and prints what the phone
 * queued, what it shows as sent, what the server stored, duplicates and missing reports. Exits 1
 * unless it is N / N / N / 0 / 0 and every reference the phone shows is the server's.
 *
 * Notes
 * - Needs a build (`npm run build`, or E2E_DIST_DIR for another one); the server is the real one
 *   (tests/e2e/harness.ts) on a temporary data folder, counted from its SQLite file read-only.
 *   With `--instances N` (N > 1) it is N compiled servers on one PostgreSQL schema and one S3
 *   server behind a round-robin balancer (chaos-backends.ts); the kills hit one of them.
 * - The phone reaches the server through a loopback proxy (tests/e2e/net-proxy.ts) that adds
 *   mobile-like latency to each report POST (`--latency`, default 100 ms); without it 200 reports
 *   go in well under a second and no disruption would catch one in flight.
 * - Reports are filed through the UI (category Littering, one question), never injected.
 * - The disruptions are spread over the sending: each waits until the next share of the reports
 *   shows as sent (or its share of the expected time), so each lands while reports are going out;
 *   their order and pauses are seeded (`--seed`) so a failing run can be repeated.
 * - After a SIGKILL a report can be left "processing" on the server (its Idempotency-Key claimed,
 *   the report not stored); the restarted SQLite server releases such claims at start, and the
 *   default time limit still allows for the 2-minute lease a PostgreSQL server would keep.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext } from '../e2e/harness';
import { onPage } from '../e2e/flow-helpers';
import { startNetProxy } from '../e2e/net-proxy';
import { fileLittering, installApp, keyHash } from '../e2e/outbox-helpers';
import { startBackend } from './chaos-backends';

export interface ChaosOptions {
  reports: number;
  /** Server instances (default 1, on SQLite); more run on PostgreSQL and S3 behind a balancer. */
  instances?: number;
  /** Server kills (SIGKILL, then start again); default 3. */
  kills?: number;
  /** Network drops (offline for a moment, then online); default 4. */
  flaps?: number;
  seed?: number;
  /** Delay added to each report POST by the proxy in front of the server (default 100 ms). */
  latencyMs?: number;
  /** How long to wait for everything to be sent after the disruptions (default 4 min). */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  queued: number;
  shownSent: number;
  stored: number;
  duplicates: number;
  missing: number;
  /** Sent on the phone with a reference the server does not have for that report. */
  wrongReference: number;
  kills: number;
  flaps: number;
  /** Report POSTs the phone made, and how many were answered 409 (key still "processing"). */
  posts: number;
  conflicts: number;
  /** GETs of single reports (the app looking up the council's status of sent reports). */
  statusReads: number;
  fileSeconds: number;
  sendSeconds: number;
  totalSeconds: number;
}

/** mulberry32: a small seeded generator, so a run can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What "Reports on this phone" shows: each card's report id and its state in words. */
async function cards(page: Page): Promise<Array<{ id: string; words: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section.app-report-card')].map((s) => ({
      id: (s.getAttribute('aria-labelledby') ?? '').replace(/^report-/, ''),
      words: (s.querySelector('[data-testid="report-state"]')?.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    })),
  );
}

const SENT = /^Sent\. Your reference is (\S+)$/;

export async function runChaos(opts: ChaosOptions): Promise<ChaosFigures> {
  const log = opts.log ?? (() => undefined);
  const random = seeded(opts.seed ?? 20261121);
  const kills = opts.kills ?? 3;
  const flaps = opts.flaps ?? 4;
  const began = Date.now();
  const backend = await startBackend(opts.instances ?? 1);
  const server = backend.victim;
  log(`sending to ${backend.describe()}`);
  const proxy = await startNetProxy({ port: backend.port, latencyMs: opts.latencyMs ?? 100 });
  const browser = await launchBrowser();
  try {
    const { context, page } = await newPhoneContext(browser);
    await installApp(page, proxy.url);
    await context.setOffline(true);

    const ids: string[] = [];
    for (let i = 1; i <= opts.reports; i++) {
      ids.push(
        await fileLittering(page, {
          address: `Chaos street ${i}`,
          description: `Chaos report ${i} of ${opts.reports}.`,
        }),
      );
      if (i % 25 === 0 || i === opts.reports) log(`filed ${i}/${opts.reports} offline`);
    }
    const filed = Date.now();
    await page.goto(proxy.url + '/reports');
    await onPage(page, 'Reports on this phone');
    // The list is read from IndexedDB after the heading shows: wait until it has every report.
    const listed = async () => (await cards(page)).filter((c) => ids.includes(c.id)).length;
    const listDeadline = Date.now() + 60_000;
    while ((await listed()) < ids.length && Date.now() < listDeadline) await sleep(250);
    const queued = await listed();
    log(`the phone holds ${queued}; going online with ${kills} kills and ${flaps} drops`);

    // The disruptions, in a seeded order, starting while the first reports are going out.
    const events = [...Array<'kill'>(kills).fill('kill'), ...Array<'flap'>(flaps).fill('flap')];
    for (let i = events.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    const sentNow = async () => (await cards(page)).filter((c) => SENT.test(c.words)).length;
    // Spread over the sending: each disruption waits for the next share of reports to be sent
    // (or for its share of the expected sending time, if sending is slower or stalled), so each
    // one lands while reports are still going out.
    const step = Math.max(1, Math.floor(queued / (events.length + 2)));
    const patienceMs = Math.max(1_500, (queued * 400) / (events.length + 1));
    await context.setOffline(false);
    let killed = 0;
    let flapped = 0;
    for (const [i, e] of events.entries()) {
      const until = Date.now() + patienceMs;
      while ((await sentNow()) < (i + 1) * step && Date.now() < until) await sleep(100);
      await sleep(random() * 200);
      const sent = await sentNow();
      if (e === 'kill') {
        await server.kill();
        killed++;
        log(`server killed with ${sent}/${queued} shown as sent`);
        await sleep(300 + random() * 1500);
        await server.start();
      } else {
        await context.setOffline(true);
        flapped++;
        log(`network dropped with ${sent}/${queued} shown as sent`);
        await sleep(300 + random() * 1500);
        await context.setOffline(false);
      }
    }
    log('disruptions over; waiting for the phone to settle');

    const deadline = Date.now() + (opts.settleMs ?? 4 * 60_000);
    let last = -1;
    for (;;) {
      const shown = await cards(page);
      const sent = shown.filter((c) => SENT.test(c.words)).length;
      if (sent !== last) log(`${sent}/${queued} shown as sent`);
      last = sent;
      if (sent >= queued || Date.now() > deadline) break;
      await sleep(1000);
    }
    const settled = Date.now();

    const shown = (await cards(page)).filter((c) => ids.includes(c.id));
    const rows = await backend.stored();
    log(`sent to ${backend.describe()}`);
    const byKey = new Map<string, string[]>();
    for (const r of rows) {
      const list = byKey.get(r.secret_hash ?? '') ?? [];
      list.push(r.id);
      byKey.set(r.secret_hash ?? '', list);
    }
    const byDescription = new Map<string, number>();
    for (const r of rows)
      byDescription.set(r.description, (byDescription.get(r.description) ?? 0) + 1);
    let stored = 0;
    let missing = 0;
    let wrongReference = 0;
    for (const id of ids) {
      const copies = byKey.get(keyHash(id)) ?? [];
      if (copies.length) stored++;
      else missing++;
      const words = shown.find((c) => c.id === id)?.words ?? '';
      const ref = SENT.exec(words)?.[1];
      if (ref && !copies.includes(ref)) wrongReference++;
    }
    // A duplicate is any stored row beyond the first for one report: by key and by its words.
    const duplicates = Math.max(
      rows.length - byKey.size,
      [...byDescription.values()].reduce((n, c) => n + c - 1, 0),
      rows.length - stored,
    );
    await context.close();
    return {
      queued,
      shownSent: shown.filter((c) => SENT.test(c.words)).length,
      stored,
      duplicates,
      missing,
      wrongReference,
      kills: killed,
      flaps: flapped,
      posts: proxy.posts.length,
      conflicts: proxy.posts.filter((p) => p.status === 409).length,
      statusReads: proxy.count('GET', '/open311/v2/requests/'),
      fileSeconds: (filed - began) / 1000,
      sendSeconds: (settled - filed) / 1000,
      totalSeconds: (Date.now() - began) / 1000,
    };
  } finally {
    await browser.close();
    await proxy.close();
    await backend.close();
  }
}

export function chaosPassed(f: ChaosFigures, n: number): boolean {
  return (
    f.queued === n &&
    f.shownSent === n &&
    f.stored === n &&
    f.duplicates === 0 &&
    f.missing === 0 &&
    f.wrongReference === 0
  );
}

export function formatChaos(f: ChaosFigures): string {
  return [
    `queued:              ${f.queued}`,
    `shown as sent:       ${f.shownSent}`,
    `stored on server:    ${f.stored}`,
    `duplicates:          ${f.duplicates}`,
    `missing:             ${f.missing}`,
    `wrong references:    ${f.wrongReference}`,
    `disruptions:         ${f.kills} server kills, ${f.flaps} network drops`,
    `report POSTs:        ${f.posts} (${f.conflicts} answered 409, still in progress)`,
    `status look-ups:     ${f.statusReads} (the app asking the council about sent reports)`,
    `time:                ${f.fileSeconds.toFixed(1)} s filing offline, ${f.sendSeconds.toFixed(1)} s from online to settled, ${f.totalSeconds.toFixed(1)} s in all`,
  ].join('\n');
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} takes a whole number`);
  return v;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reports = arg('reports', 50);
  const figures = await runChaos({
    reports,
    instances: arg('instances', 1),
    kills: arg('kills', 3),
    flaps: arg('flaps', 4),
    seed: arg('seed', 20261121),
    latencyMs: arg('latency', 100),
    log: (line) => console.error(`[chaos] ${line}`),
  });
  console.log(formatChaos(figures));
  const passed = chaosPassed(figures, reports);
  console.log(passed ? `PASS: ${reports} / ${reports} / ${reports} / 0 / 0` : 'FAIL');
  process.exit(passed ? 0 : 1);
}
