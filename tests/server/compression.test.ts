/**
 * Compression through the real app on real SQLite and PostgreSQL: every built file (with the
 * brotli and gzip copies the build writes, made here by the same function) and every JSON, CSV or
 * HTML answer over 1 KB goes out compressed to a client that accepts it, with
 * `Vary: Accept-Encoding`, and decodes (once) to exactly the uncompressed answer. Small answers,
 * images and clients that accept no encoding get the plain bytes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/vite-precompress';
import { COMPRESS_THRESHOLD_BYTES } from '../../src/server/http/compression';
import { describeEachStore, fileReport, flyTipping } from './helpers';

const dist = mkdtempSync(join(tmpdir(), 'nr-dist-compress-'));
const ROOT = join(import.meta.dirname, '../..');
/** Real files of the kinds a build holds (names as Vite gives them). */
const ASSETS: Array<[string, string]> = [
  ['assets/index-B4x9Qz1a.js', 'node_modules/react/cjs/react.development.js'],
  ['assets/index-C2r8Kd0e.css', 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'],
  ['assets/map-D1e2F3g4.js', 'node_modules/react-dom/cjs/react-dom-client.production.js'],
  ['assets/en-Dk3mQ9a1.json', 'src/app/i18n/locales/en.json'],
];
const PLAIN: Array<[string, string]> = [
  ['icons/icon-512.png', 'public/icons/icon-512.png'],
  ['sw.js', 'node_modules/react/cjs/react.production.js'],
];

function decode(res: LightMyRequestResponse): Buffer {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(res.rawPayload);
  if (enc === 'gzip') return gunzipSync(res.rawPayload);
  expect(enc).toBeUndefined();
  return res.rawPayload;
}

/** The answer without the moment it was made (performance.json says when it was computed). */
function comparable(url: string, body: Buffer): unknown {
  if (!url.endsWith('.json')) return body.toString();
  const { generatedAt: _made, ...rest } = JSON.parse(body.toString()) as Record<string, unknown>;
  return rest;
}

beforeAll(() => {
  for (const [to, from] of [...ASSETS, ...PLAIN]) {
    mkdirSync(join(dist, to, '..'), { recursive: true });
    copyFileSync(join(ROOT, from), join(dist, to));
  }
  writeFileSync(join(dist, 'assets', 'tiny-A1b2C3d4.js'), 'export const x = 1;');
  precompressDir(join(dist, 'assets'));
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describeEachStore(
  'Compressed answers',
  (t) => {
    beforeAll(async () => {
      // Enough reports for requests.json to be well over the threshold.
      for (let i = 0; i < 6; i++) await fileReport(t.app, flyTipping());
    });

    const get = (url: string, acceptEncoding?: string) =>
      t.app.inject({
        url,
        headers: {
          accept: '*/*',
          ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
        },
      });

    it.each(ASSETS.map(([path]) => path))(
      'built file %s: brotli, or gzip, from the copies made at build time',
      async (path) => {
        const original = readFileSync(join(dist, path));
        expect(original.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
        const br = await get(`/${path}`, 'gzip, deflate, br, zstd');
        expect(br.statusCode).toBe(200);
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers['vary']).toMatch(/accept-encoding/i);
        expect(br.rawPayload.equals(readFileSync(join(dist, `${path}.br`)))).toBe(true);
        expect(decode(br).equals(original)).toBe(true);
        const gz = await get(`/${path}`, 'gzip');
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(decode(gz).equals(original)).toBe(true);
        const plain = await get(`/${path}`);
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.rawPayload.equals(original)).toBe(true);
      },
    );

    it('a built file keeps its type and caching when sent compressed', async () => {
      const res = await get('/assets/index-B4x9Qz1a.js', 'br');
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const css = await get('/assets/index-C2r8Kd0e.css', 'br');
      expect(css.headers['content-type']).toMatch(/text\/css/);
    });

    it('sw.js, which a release may replace in place, is compressed per request from the file', async () => {
      const original = readFileSync(join(dist, 'sw.js'));
      const res = await get('/sw.js', 'gzip, br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(decode(res).equals(original)).toBe(true);
    });

    it('images go out as they are (compressed already)', async () => {
      const png = await get('/icons/icon-512.png', 'br, gzip');
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-encoding']).toBeUndefined();
      expect(png.rawPayload.equals(readFileSync(join(dist, 'icons/icon-512.png')))).toBe(true);
    });

    it('a file too small for a copy of its own still arrives intact', async () => {
      const tiny = await get('/assets/tiny-A1b2C3d4.js', 'br, gzip');
      expect(tiny.statusCode).toBe(200);
      expect(decode(tiny).toString()).toBe('export const x = 1;');
    });

    it.each([
      '/open311/v2/services.json',
      '/open311/v2/discovery.json',
      '/open311/v2/requests.json',
      '/api/council.json',
      '/api/gazetteer.json',
      '/api/performance.json',
      '/api/performance.csv',
      '/manifest.webmanifest',
    ])('%s over 1 KB is compressed and decodes to the plain answer', async (url) => {
      const accept = url.endsWith('.json') || url.endsWith('.csv') ? '*/*' : 'text/html';
      const ask = (enc?: string) =>
        t.app.inject({
          url,
          headers: { accept, ...(enc ? { 'accept-encoding': enc } : {}) },
        });
      const plain = await ask();
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const size = plain.rawPayload.length;
      for (const enc of ['br', 'gzip'] as const) {
        const res = await ask(`${enc === 'br' ? 'gzip, br' : 'gzip'}`);
        expect(res.statusCode).toBe(200);
        if (size <= COMPRESS_THRESHOLD_BYTES) {
          expect(res.headers['content-encoding'], `${url} is ${size} bytes`).toBeUndefined();
          continue;
        }
        expect(res.headers['content-encoding']).toBe(enc);
        expect(res.headers['vary']).toMatch(/accept-encoding/i);
        expect(res.rawPayload.length).toBeLessThan(size);
        expect(comparable(url, decode(res))).toEqual(comparable(url, plain.rawPayload));
      }
    });

    it('the answers a resident downloads are over the threshold, so the test above compresses them', async () => {
      for (const url of [
        '/open311/v2/requests.json',
        '/api/council.json',
        '/api/performance.csv',
      ]) {
        const res = await get(url);
        expect(res.rawPayload.length, url).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
      }
    });

    it('a small answer (the health check) is not compressed', async () => {
      const res = await get('/api/health', 'br, gzip');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
    });
  },
  { distDir: dist },
);
