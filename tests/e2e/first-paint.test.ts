/**
 * The first visit paints from the HTML: the start page, in the resident's language, is in the
 * page the server sends, so it reads with JavaScript turned off (the council's name, the
 * emergency numbers, what can be reported, the council's phone number, and a <noscript> saying
 * the app needs JavaScript with a number to call), right to left in Urdu;
 * with JavaScript on, the app takes over the same markup with no error and no inline script.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PublicCouncil } from '../../src/shared/council-config';
import { localiseCouncil } from '../../src/shared/council-text';
import cy from '../../src/app/i18n/locales/cy.json';
import en from '../../src/app/i18n/locales/en.json';
import ur from '../../src/app/i18n/locales/ur.json';
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

/** What the page's <noscript> shows (with script off, its content is part of the page). */
async function noScriptText(page: Page, phone: string): Promise<string> {
  const notice = page.locator('noscript p');
  const number = phone.replace(/\s+/g, '');
  expect(await notice.locator(`a[href="tel:${number}"]`).innerText()).toBe(phone);
  return notice.innerText();
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
      expect(await noScriptText(page, c.contacts.councilPhone)).toBe(
        `${en.noScript.needsScript} ${en.noScript.phone.prefix} ${c.contacts.councilPhone}${en.noScript.phone.suffix}`,
      );
      await screenshot(page, 'first-paint-no-js-start');
    } finally {
      await close();
    }
  });

  it('with JavaScript off, the start page is in the language the cookie remembers (Welsh)', async () => {
    const c = await council();
    const welsh = localiseCouncil(c, 'cy');
    const { page, close } = await noScriptPage();
    try {
      await page.context().addCookies([{ name: 'nr-language', value: 'cy', url: e2e.server.url }]);
      await page.goto(e2e.server.url + '/');
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      expect(await page.locator('header').innerText()).toContain(welsh.name);
      expect(welsh.name).not.toBe(c.name);
      const main = page.locator('main');
      expect(await main.locator('h1').innerText()).toBe(cy.start.heading);
      for (const number of [c.contacts.emergency, c.contacts.police]) {
        expect(await main.locator(`a[href="tel:${number}"]`).innerText()).toBe(number);
      }
      const listed = await main.locator('ul.govuk-list--bullet li').allInnerTexts();
      expect(listed).toEqual(welsh.services.filter((s) => s.active).map((s) => s.service_name));
      expect(await noScriptText(page, c.contacts.councilPhone)).toBe(
        `${cy.noScript.needsScript} ${cy.noScript.phone.prefix} ${c.contacts.councilPhone}${cy.noScript.phone.suffix}`,
      );
      await screenshot(page, 'first-paint-no-js-start-cy');
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
      const phone = (await council()).contacts.councilPhone;
      expect(await noScriptText(page, phone)).toContain(ur.noScript.needsScript);
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
