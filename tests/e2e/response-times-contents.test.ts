/**
 * /response-times is long (a section per category): it opens with a GOV.UK-style contents list,
 * a navigation landmark named "Contents" with one in-page link per section heading, in order,
 * usable from the keyboard, and translated. Checked with axe and photographed at 390x844.
 *
 * Notes
 * - The server seeds the demo history (SEED_DEMO=true) so every category has figures.
 */
import { describe, expect, it } from 'vitest';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

describe('response times: contents list', () => {
  it('links to every section heading, in order, by keyboard, in every language', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'response-times-contents');
    try {
      await page.goto(e2e.server.url + '/response-times');
      await onPage(page, 'Response times');
      await page.locator('table caption', { hasText: 'Fly-tipping: the last 90 days' }).waitFor();

      const nav = page.getByRole('navigation', { name: 'Contents' });
      expect(await nav.getByRole('heading', { name: 'Contents' }).count()).toBe(1);
      const links = nav.getByRole('link');
      const texts = (await links.allInnerTexts()).map((s) => s.replace(/^\W+/, '').trim());
      const targets = await links.evaluateAll((as) =>
        as.map((a) => (a as HTMLAnchorElement).getAttribute('href')),
      );
      // Every h2 after the list, in the same order and words, and each link finds its own.
      const headings = await page
        .locator('main h2:not(nav h2)')
        .evaluateAll((hs) => hs.map((h) => ({ id: h.id, text: (h.textContent ?? '').trim() })));
      expect(headings.length).toBeGreaterThan(5);
      expect(texts).toEqual(headings.map((h) => h.text));
      expect(targets).toEqual(headings.map((h) => `#${h.id}`));
      expect(texts).toContain('Fly-tipping');
      expect(texts.at(-1)).toBe('Open data');
      await checker.check('top');

      // Keyboard: Enter on a link goes to its section, and Tab carries on from there.
      const last = links.last();
      await last.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/#open-data$/);
      await page.getByRole('heading', { name: 'Open data', level: 2 }).waitFor();
      expect(
        await page
          .getByRole('heading', { name: 'Open data', level: 2 })
          .evaluate((h) => h.getBoundingClientRect().top < window.innerHeight),
      ).toBe(true);
      const fly = links.filter({ hasText: 'Fly-tipping' });
      await fly.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/#category-fly-tipping$/);
      expect(
        await page
          .locator('#category-fly-tipping')
          .evaluate((h) => h.getBoundingClientRect().top < window.innerHeight),
      ).toBe(true);
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(
          () => !!document.activeElement?.closest('[aria-labelledby="category-fly-tipping"]'),
        ),
      ).toBe(true);
      expect(await page.locator('h1').innerText()).toBe('Response times');
      await checker.check('after-link');

      // Welsh: the same list in Welsh.
      await page.getByRole('link', { name: 'Cymraeg' }).click();
      const cy = page.getByRole('navigation', { name: 'Cynnwys' });
      await cy.waitFor();
      expect(await cy.getByRole('heading', { name: 'Cynnwys' }).count()).toBe(1);
      expect(await cy.getByRole('link').count()).toBe(texts.length);
      await page.evaluate(() => window.scrollTo(0, 0));
      await checker.check('welsh');
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
