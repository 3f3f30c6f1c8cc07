/**
 * The app works offline on its second visit: the service worker precaches the app shell and keeps
 * the council's configuration, so with no network the start page and the category list render.
 */
import { describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { onPage } from './flow-helpers';

const e2e = serverAndBrowser();

describe('offline second visit', () => {
  it('renders the start page and the category list with no network', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/');
      await onPage(page, 'Report a problem');
      // The first visit installs the service worker; it controls the page from the next load.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await onPage(page, 'Report a problem');
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

      await context.setOffline(true);
      await page.reload();
      await onPage(page, 'Report a problem');
      expect(await page.locator('.app-header__name').innerText()).toBe('Demo Borough Council');
      await page.getByTestId('offline-indicator').waitFor();
      await screenshot(page, 'offline-01-start');

      await page.getByRole('link', { name: 'Start now' }).click();
      await onPage(page, 'What is the problem?');
      for (const name of ['Fly-tipping', 'Noise', 'Hate incident or hate crime']) {
        expect(await page.getByLabel(name, { exact: true }).count()).toBe(1);
      }
      await screenshot(page, 'offline-02-category');

      // A deep link typed or reloaded offline gets the app shell too.
      await page.goto(e2e.server.url + '/reports');
      await onPage(page, 'Reports on this phone');
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
