/**
 * Media figures (`npm run bench` or `npm run bench -- media`), measured in the real built app in
 * headless Chromium against the real server:
 * - photo shrinking on the phone: time per 12-megapixel camera photo (the app's own User Timing
 *   measure around the worker's decode, scale and re-encode) and the size it leaves; targets
 *   at most 700 ms and 500 KB;
 * - the start page's JavaScript next to the map's chunk (the map must not be in the start page);
 * - for a 5-photo report: the camera originals, what the phone uploads, and what the server
 *   stores (it re-encodes), as bytes and as a ratio;
 * - serving a 20 MB recording as 1 MB byte ranges, as Safari and iOS players fetch it: time and
 *   the server's peak RSS (media-range-bench.ts).
 * Prints figures; never fails on a time or size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { cameraJpeg } from '../fixtures/photos';
import { DIST_DIR, launchBrowser, newPhoneContext, startServer } from '../e2e/harness';
import { measureFirstPage } from './bundle-bench';
import { continueToCheck, demoCouncil, draftUpTo, seedDraft } from '../e2e/media-helpers';
import { onPage } from '../e2e/flow-helpers';
import { startTileServer } from '../e2e/tile-server';
import { measureRanges, printRanges, type RangeFigures } from './media-range-bench';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export interface MediaFigures {
  compressMs: number[];
  outputBytes: number[];
  originalBytes: number[];
  uploadBytes: number;
  storedBytes: number;
  startJsGzip: number;
  startHasMap: boolean;
  mapChunk: { file: string; gzip: number } | null;
  ranges: RangeFigures;
}

async function photoFigures() {
  const originals = await Promise.all(
    [21, 22, 23, 24, 25].map((seed) => cameraJpeg({ seed, gps: { lat: 51.8, long: -0.2 } })),
  );
  const tiles = await startTileServer();
  const server = await startServer({ env: { TILE_URL: tiles.tileUrl } });
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPhoneContext(browser);
    await page.goto(server.url + '/');
    await onPage(page, 'Report a problem');
    const draft = draftUpTo('fly-tipping', 'evidence', demoCouncil, {
      address: 'Garages behind Howardsgate',
    });
    await seedDraft(page, draft);
    await page.goto(server.url + '/report/evidence');
    await onPage(page, 'Add photos (optional)');
    // One at a time, as a resident adds them, so each measure is one photo on its own.
    for (const [i, buffer] of originals.entries()) {
      const label = i === 0 ? 'Take or choose photos' : 'Take or choose another photo';
      await page
        .getByLabel(label)
        .setInputFiles({ name: `IMG_${i}.JPG`, mimeType: 'image/jpeg', buffer });
      await page.getByTestId('photo-item').nth(i).waitFor({ timeout: 60_000 });
    }
    const compressMs = await page.evaluate(() =>
      performance.getEntriesByName('photo-compress').map((e) => e.duration),
    );
    const outputBytes = await page.evaluate(
      () =>
        new Promise<number[]>((resolve, reject) => {
          const open = indexedDB.open('neighbourhood-reporter-draft-media');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const r = open.result.transaction('items').objectStore('items').getAll();
            r.onsuccess = () =>
              resolve(
                (r.result as Array<{ bytes: ArrayBuffer; createdAt: number }>)
                  .sort((a, b) => a.createdAt - b.createdAt)
                  .map((x) => x.bytes.byteLength),
              );
          };
        }),
    );
    await continueToCheck(page);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByText(/^Sent\. Your reference is/).waitFor({ timeout: 60_000 });
    await context.close();
    const db = new Database(join(server.dataDir, 'reports.sqlite'), { readonly: true });
    const sums = db
      .prepare('SELECT SUM(upload_bytes) AS up, SUM(byte_size) AS kept FROM media')
      .get() as { up: number; kept: number };
    db.close();
    return {
      compressMs,
      outputBytes,
      originalBytes: originals.map((b) => b.length),
      uploadBytes: sums.up,
      storedBytes: sums.kept,
    };
  } finally {
    await browser.close();
    await server.stop();
    await tiles.close();
  }
}

export async function measureMedia(): Promise<MediaFigures> {
  const photos = await photoFigures();
  const first = await measureFirstPage('/');
  const assets = join(DIST_DIR, 'assets');
  const file = readdirSync(assets).find((f) => /^map-.*\.js$/.test(f));
  return {
    ...photos,
    startJsGzip: first.jsGzip,
    startHasMap: first.js.some((e) => /\/map-[^/]*\.js$/.test(e.url) || /leaflet/i.test(e.url)),
    mapChunk: file ? { file, gzip: gzipSync(readFileSync(join(assets, file))).length } : null,
    ranges: await measureRanges(),
  };
}

export function printMedia(f: MediaFigures): void {
  const ms = f.compressMs.map((x) => Math.round(x));
  console.log('\nMedia');
  console.log(
    `  photo shrinking, 12 MP camera JPEG in headless Chromium: median ${median(ms)} ms (each: ${ms.join(', ')} ms; target <= 700 ms)`,
  );
  console.log(
    `  photo after shrinking: largest ${kb(Math.max(...f.outputBytes))}, median ${kb(median(f.outputBytes))} (target <= 500 KB)`,
  );
  console.log(
    `  start page JS: ${kb(f.startJsGzip)} gzip; map chunk ${f.mapChunk ? `${f.mapChunk.file} ${kb(f.mapChunk.gzip)} gzip` : 'not found'}; map in the start page: ${f.startHasMap ? 'YES (should not be)' : 'no'}`,
  );
  const orig = f.originalBytes.reduce((a, b) => a + b, 0);
  console.log(
    `  5-photo report: camera originals ${kb(orig)}, uploaded ${kb(f.uploadBytes)}, stored ${kb(f.storedBytes)}; upload / stored = ${(f.uploadBytes / f.storedBytes).toFixed(2)}, originals / upload = ${(orig / f.uploadBytes).toFixed(1)}`,
  );
  printRanges(f.ranges);
}

export async function runMediaBench(): Promise<MediaFigures> {
  const figures = await measureMedia();
  printMedia(figures);
  return figures;
}
