/**
 * The first visit paints from the HTML: the start page, in the resident's language, is in the
 * page the server sends, so it reads with JavaScript turned off (the council's name, the
 * emergency numbers, what can be reported, the council's phone number), right to left in Urdu;
 * with JavaScript on, the app takes over the same markup with no error and no inline script.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PublicCouncil } from '../../src/shared/council-config';
import { PHONE, screenshot } from './harness';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser();

async function council(): Promise<PublicCouncil> {
  return (await (await fetch(`${e2e.server.url}/api/council.json`)).json()) as PublicCouncil;
}

async function noScriptPage(locale = 'en-GB'): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await e2e.browser.newContext({
    viewport: PHONE,
    locale,
    javaScriptEnabled: false,
    serviceWorkers: 'block',
  });
  return { page: await context.newPage(), close: () => context.close() };
}

describe('first paint from the HTML', () => {
  it('with JavaScript off, the start page gives the council, emergency numbers, categories and phone', async () => {
    const c = await council();
    const { page, close } = await noScriptPage();
    try {
      await page.goto(e2e.server.url + '/');
      await expect.poll(() => page.title()).toContain(c.name);
      expect(await page.locator('header').innerText()).toContain(c.name);
      const main = page.locator('main');
      expect(await main.locator('h1').innerText()).toBe('Report a problem');
      expect(await main.locator(`a[href="tel:${c.contacts.emergency}"]`).innerText()).toBe(
        c.contacts.emergency,
      );
      expect(await main.locator(`a[href="tel:${c.contacts.police}"]`).innerText()).toBe(
        c.contacts.police,
      );
      const listed = await main.locator('ul.govuk-list--bullet li').allInnerTexts();
      const active = c.services.filter((s) => s.active).map((s) => s.service_name);
      expect(active.length).toBeGreaterThan(3);
      expect(listed).toEqual(active);
      expect(await main.innerText()).toContain(c.contacts.councilPhone);
      await screenshot(page, 'first-paint-no-js-start');
    } finally {
      await close();
    }
  });

  it('with JavaScript off, Urdu is rendered right to left from the language the browser asks for', async () => {
    const { page, close } = await noScriptPage('ur-PK');
    try {
      await page.goto(e2e.server.url + '/');
      const html = page.locator('html');
      expect(await html.getAttribute('lang')).toBe('ur');
      expect(await html.getAttribute('dir')).toBe('rtl');
      expect(await page.locator('main h1').innerText()).toBe('مسئلے کی اطلاع دیں');
      await screenshot(page, 'first-paint-no-js-start-ur');
    } finally {
      await close();
    }
  });

  it.each(['/', '/response-times', '/report/category'])(
    '%s arrives rendered, with no inline script, and the app takes it over without an error',
    async (path) => {
      const res = await fetch(e2e.server.url + path, {
        headers: { accept: 'text/html', 'accept-encoding': 'br' },
      });
      expect(res.headers.get('content-encoding')).toBe('br');
      const html = await res.text();
      expect(html).toMatch(/<main[^>]*id="main-content"/);
      for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
        expect(tag, 'a script is a file or JSON data').toMatch(/\bsrc="|type="application\/json"/);
      }
      expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);

      const context = await e2e.browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      try {
        await page.goto(e2e.server.url + path, { waitUntil: 'networkidle' });
        // Hydrated: an in-app link moves without loading a page.
        await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
        await page
          .locator('.govuk-service-navigation__link', { hasText: 'Reports on this phone' })
          .click();
        await page.waitForURL('**/reports');
        expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
          1,
        );
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
