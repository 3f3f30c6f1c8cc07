/**
 * "Exit this page" stays at the top of a phone's screen while the page scrolls; whatever the
 * keyboard moves to must not end up hidden under it (WCAG 2.2, 2.4.11 Focus Not Obscured).
 * On a short phone screen, from the bottom of the centre sign-in page, Shift+Tab goes back up
 * through the fields, and each one the browser scrolls into view is below the button. (GOV.UK
 * Frontend's page template gives the page `scroll-padding-top` while the button is there; this
 * guards it for our pages.)
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { onPage } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser();

/** How far the focused element's top is below the exit button's bottom (negative: under it). */
function clearance(page: Page): Promise<{ id: string; gap: number }> {
  return page.evaluate(() => {
    const button = document.querySelector('.govuk-exit-this-page')!.getBoundingClientRect();
    const el = document.activeElement as HTMLElement;
    return { id: el.id || el.tagName, gap: el.getBoundingClientRect().top - button.bottom };
  });
}

it('a field the keyboard scrolls back to is never under the sticky Exit this page button', async () => {
  const { context, page } = await newPhoneContext(e2e.browser);
  try {
    await page.setViewportSize({ width: 390, height: 300 });
    await page.goto(e2e.server.url + '/centre');
    await onPage(page, 'Sign in to the reporting centre');
    await page.locator('main form button[type=submit]').focus();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    // The page did scroll, so going back up makes the browser scroll the fields into view.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('Shift+Tab');
      const { id, gap } = await clearance(page);
      seen.push(id);
      expect(gap, `${id} is under the Exit this page button`).toBeGreaterThanOrEqual(0);
    }
    expect(seen).toEqual(['centre-password', 'centre-email']);
  } finally {
    await context.close();
  }
}, 60_000);
