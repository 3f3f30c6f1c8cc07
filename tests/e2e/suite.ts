/**
 * The frame of an end-to-end test file: one real server (harness.ts) and one Chromium for the
 * whole file, started before its first test and closed after its last, and, where the file asks,
 * a loopback tile server for the map.
 *
 * Notes
 * - Call `serverAndBrowser` at the top level of the file: it registers the file's beforeAll and
 *   afterAll and returns an object whose `server`, `browser` (and `tiles`) are filled in by the
 *   time the tests run.
 * - The server and the browser start side by side (each takes a second or two); if either fails,
 *   the other is still closed after the file.
 * - `env` may be a function, run in beforeAll, for a file that prepares something first (a copy
 *   of the council's configuration, say). With `tiles`, TILE_URL points at the tile server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, startServer, takeCspViolations, type RunningServer } from './harness';
import { startTileServer, type TileServer } from './tile-server';

export interface E2eFile {
  server: RunningServer;
  browser: Browser;
  /** Only with `{ tiles: true }`. */
  tiles: TileServer;
}

export interface E2eFileOptions {
  /** The server's environment, or a function giving it (run before the server starts). */
  env?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Start a loopback tile server and give its TILE_URL to the server. */
  tiles?: boolean;
}

export function serverAndBrowser(options: E2eFileOptions = {}): E2eFile {
  const file = {} as Partial<E2eFile>;
  beforeAll(async () => {
    if (options.tiles) file.tiles = await startTileServer();
    const env = { ...(typeof options.env === 'function' ? await options.env() : options.env) };
    if (file.tiles) env.TILE_URL = file.tiles.tileUrl;
    const [server, browser] = await Promise.allSettled([startServer({ env }), launchBrowser()]);
    if (server.status === 'fulfilled') file.server = server.value;
    if (browser.status === 'fulfilled') file.browser = browser.value;
    for (const started of [server, browser]) {
      if (started.status === 'rejected') throw started.reason;
    }
  });
  // The app must work under its Content-Security-Policy: any violation fails the test.
  afterEach(() => {
    expect(takeCspViolations(), 'Content-Security-Policy violations').toEqual([]);
  });
  afterAll(async () => {
    await file.browser?.close();
    await file.server?.stop();
    await file.tiles?.close();
  });
  return file as E2eFile;
}
