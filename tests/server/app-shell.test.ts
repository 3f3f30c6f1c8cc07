/**
 * Serving the built PWA: a temporary DIST_DIR stands in for `vite build` output. The store does
 * not take part here, so these run on SQLite only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Open311ErrorSchema } from '../../src/shared/open311';
import { buildApp } from '../../src/server/app';
import { demoCouncil, sqliteDatabase, type Database, TEST_LOAD } from './helpers';

const INDEX =
  '<!doctype html><html><head><title>Test shell</title></head><body><div id="root"></div></body></html>';
const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('serving the built app', () => {
  let dist: string;
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'nr-dist-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'icons'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-B4x9Qz1a.js'), 'console.log("app");');
    writeFileSync(join(dist, 'assets', 'index-C2r8Kd0e.css'), 'body{margin:0}');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'registerSW.js'), '/* register */');
    writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    db = sqliteDatabase();
    app = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: await db.openStore(),
      distDir: dist,
    });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it('serves hashed assets as immutable for a year', async () => {
    for (const [file, type] of [
      ['/assets/index-B4x9Qz1a.js', /javascript/],
      ['/assets/index-C2r8Kd0e.css', /text\/css/],
    ] as const) {
      const res = await app.inject({ url: file });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it.each(['/sw.js', '/registerSW.js', '/icons/icon-192.png', '/index.html'])(
    '%s is revalidated on every visit (no-cache)',
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('the manifest is revalidated too', async () => {
    const res = await app.inject({ url: '/manifest.webmanifest' });
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/report/new', '/report/fly-tipping/where', '/my-reports?x=1'])(
    'a browser asking for %s gets the app (SPA fallback)',
    async (url) => {
      const res = await app.inject({
        url,
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('no fallback for a missing asset or for a client that does not want HTML', async () => {
    for (const [url, accept] of [
      ['/assets/index-missing.js', '*/*'],
      ['/report/new', 'application/json'],
    ] as const) {
      const res = await app.inject({ url, headers: { accept } });
      expect(res.statusCode, url).toBe(404);
      expect(Open311ErrorSchema.parse(res.json())[0]!.code).toBe(404);
    }
  });

  it.each(['/api/unknown', '/open311/v2/unknown.json', '/open311', '/api'])(
    'an unknown API path %s is a 404 error body, not the app',
    async (url) => {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('<html');
      expect(Open311ErrorSchema.parse(res.json())[0]!.code).toBe(404);
    },
  );

  it('does not serve files outside DIST_DIR', async () => {
    const res = await app.inject({ url: '/../package.json' });
    expect(res.statusCode).not.toBe(200);
    const encoded = await app.inject({
      url: '/%2e%2e/%2e%2e/etc/passwd',
      headers: { accept: '*/*' },
    });
    expect(encoded.statusCode).toBeGreaterThanOrEqual(400);
    expect(encoded.body).not.toContain('root:');
  });

  // Found by the fuzz suite: a folder's path got a bare 403 "Forbidden" from the static files.
  it.each(['//', '/assets/', '/api///', '/open311/v2///?a=1'])(
    'a folder path %s is the 404 of a missing path, saying what is not there',
    async (url) => {
      const res = await app.inject({ url, headers: { accept: '*/*' } });
      expect(res.statusCode).toBe(404);
      const [error] = Open311ErrorSchema.parse(res.json());
      expect(error!.description).toMatch(/^There is nothing at GET \//);
    },
  );

  it('a folder path asked for as a page is the app', async () => {
    const res = await app.inject({ url: '/assets/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(INDEX);
  });
});

describe('before the app is built', () => {
  let db: Database;
  let app: FastifyInstance;
  let emptyDist: string;

  beforeAll(async () => {
    emptyDist = mkdtempSync(join(tmpdir(), 'nr-empty-dist-'));
    db = sqliteDatabase();
    app = await buildApp({
      load: TEST_LOAD,
      council: demoCouncil,
      store: await db.openStore(),
      distDir: emptyDist,
    });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    rmSync(emptyDist, { recursive: true, force: true });
  });

  it('/ says to run npm run build, in plain text', async () => {
    const res = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
  });

  it('the API still works', async () => {
    const res = await app.inject({ url: '/open311/v2/services.json' });
    expect(res.statusCode).toBe(200);
  });
});
