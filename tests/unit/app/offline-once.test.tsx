// @vitest-environment happy-dom
/**
 * "You are offline" is said once on a page: by the app-wide bar at the top (OfflineBar, a live
 * region, so it is also announced), never again by the page below it. Pages with something of
 * their own to say offline say only that (the figures are the saved ones, the application can be
 * sent later), in every language.
 *
 * Notes
 * - The pages are rendered for real with the bar above them, as App.tsx does, with the browser
 *   reporting itself offline and every fetch failing as it does offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReportsPage } from '../../../src/app/my-reports/ReportsPage';
import ResponseTimesPage from '../../../src/app/response-times/ResponseTimesPage';
import { OfflineBar } from '../../../src/app/shell/OfflineBar';
import { renderApp } from './fixtures';

const realFetch = globalThis.fetch;
beforeAll(() => {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => false });
  globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
});
afterAll(() => {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => true });
  globalThis.fetch = realFetch;
});
afterEach(cleanup);

const offlineSaid = () => (document.body.textContent ?? '').match(/You are offline/g)?.length ?? 0;

describe('offline, the page says so once', () => {
  it('Reports on this phone: the bar says it, the page does not repeat it', async () => {
    await renderApp(
      '/reports',
      <>
        <OfflineBar />
        <ReportsPage />
      </>,
    );
    await screen.findByText('There are no reports on this phone.');
    expect(screen.getByTestId('offline-indicator').textContent).toContain('You are offline.');
    expect(offlineSaid()).toBe(1);
  });

  it('Response times with no saved figures: once, and the page says what to do', async () => {
    await renderApp(
      '/response-times',
      <>
        <OfflineBar />
        <ResponseTimesPage />
      </>,
    );
    await screen.findByText(/Open this page once when you are online/);
    expect(offlineSaid()).toBe(1);
  });

  it('no text but the bar says "You are offline", in any language', () => {
    const dir = join(import.meta.dirname, '../../../src/app/i18n/locales');
    const flat = (o: object, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [[p + k, v] as [string, string]] : flat(v as object, `${p}${k}.`),
      );
    // How each language says it (Welsh has two forms).
    const SAYS_OFFLINE: Record<string, string[]> = {
      en: ['You are offline'],
      cy: ['Rydych chi all-lein', 'Rydych all-lein'],
      pl: ['Jesteś offline'],
      ur: ['آپ آف لائن ہیں'],
    };
    const langs = readdirSync(dir).map((f) => f.replace(/\.json$/, ''));
    expect(langs.sort()).toEqual(Object.keys(SAYS_OFFLINE).sort());
    for (const lng of langs) {
      const texts = flat(JSON.parse(readFileSync(join(dir, `${lng}.json`), 'utf8')) as object);
      const repeating = texts
        .filter(([k, v]) => k !== 'offline.title' && SAYS_OFFLINE[lng]!.some((w) => v.includes(w)))
        .map(([k]) => k);
      expect(repeating, `${lng}: texts that say it again`).toEqual([]);
    }
  });
});
