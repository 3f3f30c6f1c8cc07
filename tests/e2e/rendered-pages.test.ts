/**
 * The first report step and the response times arrive rendered by the server in each language
 * and the app takes over that same markup: the server's own elements are never replaced (one
 * form), no hydration error, no Content-Security-Policy violation (suite.ts fails the test on
 * any), axe clean, and the page works from there. Urdu is right to left. Photographed at 390x844.
 *
 * Notes
 * - The server seeds the demo history (SEED_DEMO=true), so the figures hold numbers, percentages
 *   and months written in each language on both sides.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import cy from '../../src/app/i18n/locales/cy.json';
import en from '../../src/app/i18n/locales/en.json';
import pl from '../../src/app/i18n/locales/pl.json';
import ur from '../../src/app/i18n/locales/ur.json';
import { appReady } from './flow-helpers';
import { axeViolations, newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

const LANGUAGES = [
  ['en', 'en-GB', en],
  ['cy', 'cy-GB', cy],
  ['pl', 'pl-PL', pl],
  ['ur', 'ur-PK', ur],
] as const;

/** Counts the elements matching `selector` taken out of the document since it loaded. */
async function watchRemoved(page: Page, selector: string): Promise<void> {
  await page.addInitScript((sel) => {
    const w = window as unknown as { removed: number };
    w.removed = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) {
          if (n instanceof Element && (n.matches(sel) || n.querySelector(sel))) w.removed++;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
}

const removed = (page: Page) =>
  page.evaluate(() => (window as unknown as { removed: number }).removed);

/** Errors the page writes to the console or throws (React reports a hydration mismatch so). */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

describe('pages rendered on the server', () => {
  it.each(LANGUAGES)('in %s: hydrates into one form', async (lng, locale, words) => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser, { locale });
    const problems = watchErrors(page);
    await watchRemoved(page, 'form');
    try {
      const res = await page.goto(e2e.server.url + '/report/category');
      const html = (await res?.text()) ?? '';
      expect(html.match(/<form\b/g)).toHaveLength(1);
      await appReady(page, 'outbox', 'messages');
      await page.waitForLoadState('networkidle');

      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(
        lng === 'ur' ? 'rtl' : 'ltr',
      );
      expect(await page.locator('form').count()).toBe(1);
      expect(await page.locator('h1').innerText()).toBe(words.category.title);
      expect(await page.locator('input[name="category"]').count()).toBeGreaterThan(3);
      expect(await removed(page)).toBe(0);
      await screenshot(page, `rendered-report-category-${lng}`);
      expect(await axeViolations(page)).toEqual([]);

      // Hydrated: the server's form answers, and Continue moves on without loading a page.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      await page.locator('input[value="noise"]').check();
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL('**/report/question/**');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

      expect(problems).toEqual([]);
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a report in progress takes over the page with its own choice, with no error', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    const problems = watchErrors(page);
    try {
      await page.goto(e2e.server.url + '/report/category');
      await appReady(page, 'outbox');
      await page.locator('input[value="graffiti"]').check();
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((u) => !u.pathname.endsWith('/category'));

      // A new load: the server's markup is for a new report; the stored draft replaces it.
      await page.goto(e2e.server.url + '/report/category');
      await appReady(page, 'outbox');
      await expect.poll(() => page.locator('input[value="graffiti"]').isChecked()).toBe(true);
      expect(await page.locator('form').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps a category chosen and sent before the script has run, and goes on from it', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    const problems = watchErrors(page);
    // The scripts wait until the resident has chosen and sent: a slow phone on a slow network.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/*.js', async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    try {
      await page.goto(e2e.server.url + '/report/category', { waitUntil: 'commit' });
      await page.locator('input[value="graffiti"]').check();
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL((u) => u.searchParams.get('category') === 'graffiti', {
        waitUntil: 'commit',
      });
      release();
      await page.waitForURL((u) => u.pathname === '/report/question/offensive');
      expect(await page.locator('form').count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      release();
      await context.close();
    }
  });

  it.each(LANGUAGES)(
    'in %s: /response-times shows the figures and hydrates',
    async (lng, locale, words) => {
      const { context, page, offLoopback } = await newPhoneContext(e2e.browser, { locale });
      const problems = watchErrors(page);
      await watchRemoved(page, 'main, table');
      const asked: number[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('/api/performance.json')) asked.push(r.status());
      });
      try {
        const res = await page.goto(e2e.server.url + '/response-times');
        const html = (await res?.text()) ?? '';
        expect(html).toContain(`>${words.responseTimes.received}</th>`);
        await appReady(page, 'outbox', 'messages');
        await page.waitForLoadState('networkidle');

        expect(await page.locator('h1').innerText()).toBe(words.responseTimes.title);
        expect(await page.locator('main table').count()).toBeGreaterThan(3);
        expect(await page.locator('main').innerText()).toContain(words.responseTimes.received);
        expect(await removed(page)).toBe(0);
        await screenshot(page, `rendered-response-times-${lng}`);
        expect(await axeViolations(page)).toEqual([]);
        // Hydrated: "By month" opens (React's own element, not one put back by hand).
        await page.locator('main details summary').first().click();
        expect(await page.locator('main details').first().getAttribute('open')).not.toBeNull();
        // The figures in the page are current: the app asked, and was sent nothing again.
        expect(asked).toEqual([304]);
        expect(problems).toEqual([]);
        expect(offLoopback).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
