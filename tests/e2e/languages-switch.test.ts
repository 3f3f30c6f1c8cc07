/**
 * Languages in the real app: the switch in the service navigation changes the app and the
 * council's own text (category names, questions), sets `lang` and `dir` on the document, and is
 * remembered after a reload; Urdu pages are laid out right to left (radios on the right).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { axeViolations } from './harness';
import { at, choose, question, submit } from './questions-walk';

const e2e = serverAndBrowser();

const docLang = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

async function switchTo(page: Page, autonym: string): Promise<void> {
  await page
    .getByRole('navigation', { name: /Language|Iaith|Język|زبان/ })
    .getByRole('link', { name: autonym })
    .click();
}

describe('language switch', () => {
  it('switches app and council text to Welsh and remembers it', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/');
      await page.locator('h1', { hasText: 'Report a problem' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Language' });
      expect(await nav.locator('[aria-current=true]').innerText()).toBe('English');
      expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Cymraeg', 'Polski', 'اردو']);

      await switchTo(page, 'Cymraeg');
      await page.locator('h1', { hasText: 'Rhoi gwybod am broblem' }).waitFor();
      expect(await docLang(page)).toEqual({ lang: 'cy', dir: 'ltr' });
      // The council's own words: its name in the header, categories on the start page.
      expect(await page.locator('.app-header__name').innerText()).toBe('Cyngor Bwrdeistref Demo');
      expect(await page.locator('main').innerText()).toContain('Tipio anghyfreithlon');
      await screenshot(page, 'languages-cy-start');

      await page.reload();
      await page.locator('h1', { hasText: 'Rhoi gwybod am broblem' }).waitFor();
      expect(await docLang(page)).toEqual({ lang: 'cy', dir: 'ltr' });

      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      expect(await page.title()).toBe(
        "Beth yw'r broblem? - Rhoi gwybod am broblem - Cyngor Bwrdeistref Demo",
      );
      expect(await page.getByLabel('Sŵn', { exact: true }).count()).toBe(1);
      await choose(page, 'category', 'noise');
      await submit(page);
      await at(page, question('noise_type'));
      expect(await page.locator('h1').innerText()).toBe('Pa fath o sŵn ydyw?');
      expect(await page.getByLabel('Cerddoriaeth neu deledu').count()).toBe(1);
      await screenshot(page, 'languages-cy-question');
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Polish start page, then Urdu right to left', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/');
      await page.locator('h1', { hasText: 'Report a problem' }).waitFor();
      await switchTo(page, 'Polski');
      await page.locator('h1', { hasText: 'Zgłoś problem' }).waitFor();
      expect(await docLang(page)).toEqual({ lang: 'pl', dir: 'ltr' });
      await screenshot(page, 'languages-pl-start');
      expect(await axeViolations(page)).toEqual([]);

      await switchTo(page, 'اردو');
      await page.locator('h1', { hasText: 'مسئلے کی اطلاع دیں' }).waitFor();
      expect(await docLang(page)).toEqual({ lang: 'ur', dir: 'rtl' });
      expect(
        await page.evaluate(() => getComputedStyle(document.querySelector('main')!).direction),
      ).toBe('rtl');
      await screenshot(page, 'languages-ur-start');
      expect(await axeViolations(page)).toEqual([]);

      // Right to left on a question page: the radio sits to the right of its label, the back
      // link's chevron on the right, the heading right-aligned.
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      const input = await page.locator('input[name=category][value=noise]').boundingBox();
      const label = await page.locator('label[for]', { hasText: 'شور' }).first().boundingBox();
      expect(input!.x).toBeGreaterThan(label!.x + label!.width - 1);
      const h1 = await page.locator('h1').boundingBox();
      const viewport = page.viewportSize()!;
      expect(h1!.x + h1!.width).toBeGreaterThan(viewport.width - 40);
      await screenshot(page, 'languages-ur-category');
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
