/**
 * A new version of the app is offered, never forced: the banner says "A new version is available"
 * with Reload, and a tab in the middle of a report is not reloaded when another tab takes the new
 * version. The new version is simulated by changing the built service worker's bytes.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { onPage } from './flow-helpers';

// The built app the server serves (E2E_DIST_DIR when set), not always ./dist.
const SW = join(DIST_DIR, 'sw.js');
const e2e = serverAndBrowser();
let original: string;

beforeAll(async () => {
  original = readFileSync(SW, 'utf8');
});

afterAll(async () => {
  writeFileSync(SW, original);
});

const checkForUpdate = (page: Page) =>
  page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    await r?.update();
  });

describe('update prompt', () => {
  it('offers the new version and does not reload a tab that is writing a report', async () => {
    const { context, page: writing, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await writing.goto(e2e.server.url + '/');
      await onPage(writing, 'Report a problem');
      await writing.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await writing.reload(); // now controlled by the current version
      await onPage(writing, 'Report a problem');
      await writing.getByRole('link', { name: 'Start now' }).click();
      await onPage(writing, 'What is the problem?');
      await writing.getByLabel('Graffiti or vandalism', { exact: true }).check();
      await writing.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

      appendFileSync(SW, '\n// a new release\n');
      await checkForUpdate(writing);
      await writing.getByText('A new version is available.').waitFor({ timeout: 15_000 });
      await screenshot(writing, 'update-01-prompt');

      // Another tab takes the new version.
      const other = await context.newPage();
      await other.goto(e2e.server.url + '/');
      await other.getByRole('button', { name: 'Reload' }).click();
      await other.waitForEvent('load');
      await onPage(other, 'Report a problem');
      await expect
        .poll(() => other.evaluate(() => navigator.serviceWorker.controller?.state), {
          timeout: 10_000,
        })
        .toBe('activated');

      // The tab with the half-written report kept its page and its choice.
      await writing.waitForTimeout(1500);
      expect(await writing.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
        42,
      );
      expect(await writing.getByLabel('Graffiti or vandalism', { exact: true }).isChecked()).toBe(
        true,
      );
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
