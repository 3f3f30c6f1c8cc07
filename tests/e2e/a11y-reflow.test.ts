/**
 * Reflow and motion (WCAG 2.2 1.4.10, 2.3.3): at 320 CSS pixels wide (what 400% zoom leaves of a
 * 1280-pixel screen; 200% zoom leaves 640) the new pages scroll only vertically, in English and
 * in Urdu, and with reduced motion asked for nothing animates.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchCsp } from './harness';
import { serverAndBrowser } from './suite';
import { at, choose, question, submit, walk } from './questions-walk';

const e2e = serverAndBrowser();

async function fits(page: Page, width: number, name: string): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => undefined);
  const { scroll, animations } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    animations: document.getAnimations().length,
  }));
  await screenshot(page, name);
  expect(scroll, `${name} is ${scroll}px wide`).toBeLessThanOrEqual(width);
  expect(animations, `${name} animates`).toBe(0);
}

describe.each(['en', 'ur'] as const)('reflow in %s', (lang) => {
  it.each([320, 640])('at %ipx the new pages need no horizontal scrolling', async (width) => {
    const context = await e2e.browser.newContext({
      viewport: { width, height: 720 },
      reducedMotion: 'reduce',
      locale: 'en-GB',
    });
    await watchCsp(context);
    const page = await context.newPage();
    const name = (step: string) => `reflow-${lang}-${width}-${step}`;
    try {
      await page.goto(`${e2e.server.url}/report/category?lang=${lang}`);
      await at(page, '/report/category');
      await page.locator('.govuk-details__summary').click();
      await fits(page, width, name('category'));

      // A sensitive Personal flow: the emergency page with "Exit this page".
      await choose(page, 'category', 'hate-incident');
      await submit(page);
      await at(page, '/report/emergency');
      await fits(page, width, name('emergency'));

      // The noise diary with two times.
      await page.goto(`${e2e.server.url}/report/category`);
      await at(page, '/report/category');
      await choose(page, 'category', 'noise');
      await submit(page);
      await walk(page, [
        {
          at: question('noise_type'),
          name: 'type',
          act: (p) => choose(p, 'answer-noise_type', 'dog'),
        },
        {
          at: question('source_address'),
          name: 'source',
          act: (p) => p.locator('#answer-source_address').fill('No 9'),
        },
        { at: question('room'), name: 'room', act: (p) => choose(p, 'answer-room', 'garden') },
        {
          at: question('started'),
          name: 'started',
          act: (p) => p.locator('#answer-started').fill('2026-11-20T06:00'),
        },
        { at: question('ended'), name: 'ended' },
        { at: question('effect'), name: 'effect', act: (p) => choose(p, 'answer-effect', 'sleep') },
        { at: question('level'), name: 'level', act: (p) => p.locator('#answer-level').fill('6') },
        {
          at: question('repeated'),
          name: 'repeated',
          act: (p) => choose(p, 'answer-repeated', 'yes'),
        },
      ]);
      await at(page, question('diary'));
      await page.locator('#answer-diary-add').click();
      await fits(page, width, name('diary'));
      await page.locator('#answer-diary-1-remove').click();
      await page.locator('#answer-diary').fill('2026-11-19');
      await page.locator('#answer-diary-0-start').fill('05:30');
      await page.locator('#answer-diary-0-end').fill('07:00');
      await page.locator('#answer-diary-0-level').fill('7');
      await submit(page);
      await at(page, '/report/your-safety');
      await fits(page, width, name('your-safety'));
    } finally {
      await context.close();
    }
  });
});
