/**
 * A resident sees who will see their report and how long it is kept before giving any contact
 * detail: the privacy summary is on the contact step, above the fields, in English, Welsh,
 * Polish and Urdu (right to left), with axe clean; and the privacy notice, accessibility
 * statement and cookies page open from the footer in each language. Every page is photographed
 * at 390x844 (./screenshots/privacy-<lang>-NN-<page>.png).
 */
import { expect, it } from 'vitest';
import { newPhoneContext } from './harness';
import { fileFlyTipping, onPage, PageChecker } from './flow-helpers';
import { serverAndBrowser } from './suite';

const e2e = serverAndBrowser();

const LANGS = [
  {
    lng: 'en',
    autonym: 'English',
    who: 'Who will see your report',
    kept: '6 months',
    notice: 'Privacy notice',
  },
  {
    lng: 'cy',
    autonym: 'Cymraeg',
    who: 'Pwy fydd yn gweld eich adroddiad',
    kept: '6',
    notice: 'Hysbysiad preifatrwydd',
  },
  {
    lng: 'pl',
    autonym: 'Polski',
    who: 'Kto zobaczy Twoje zgłoszenie',
    kept: '6',
    notice: 'Informacja o prywatności',
  },
  {
    lng: 'ur',
    autonym: 'اردو',
    who: 'آپ کی رپورٹ کون دیکھے گا',
    kept: '6',
    notice: 'رازداری کا نوٹس',
  },
];

it('shows the privacy summary before any contact detail, in every language, with axe clean', async () => {
  const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
  try {
    await page.goto(e2e.server.url + '/');
    await page.getByRole('link', { name: 'Start now' }).click();
    await fileFlyTipping(
      page,
      {
        size: 'A car boot load or less',
        wasteTypes: ['Household black bags'],
        hazards: ['None that I can see'],
        landType: 'In a back alley',
        witnessed: 'No',
      },
      { address: 'Back lane behind the parade', lat: '51.8012', long: '-0.2056' },
      'Bags by the garages.',
    );
    // The walk chose "anonymously" on the way; back to the contact step as a resident would.
    await onPage(page, 'Check your answers');
    await page.goto(e2e.server.url + '/report/details');
    await onPage(page, 'How do you want to report this?');
    for (const l of LANGS) {
      if (l.lng !== 'en') {
        await page
          .getByRole('navigation', { name: /Language|Iaith|Język|زبان/ })
          .getByRole('link', { name: l.autonym })
          .click();
      }
      const summary = page.locator('section[aria-labelledby="privacy-summary-title"]');
      await summary.getByText(l.who).waitFor();
      const text = await summary.innerText();
      expect(text).toContain(l.kept);
      // Before any contact detail: the summary comes before the first radio and every field.
      const order = await page.evaluate(() => {
        const s = document.querySelector('section[aria-labelledby="privacy-summary-title"]')!;
        const first = document.querySelector('input[name="contact"]')!;
        return s.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      expect(order).toBeTruthy();
      expect(await page.locator('html').getAttribute('dir')).toBe(l.lng === 'ur' ? 'rtl' : 'ltr');
      const checker = new PageChecker(page, `privacy-${l.lng}`);
      await checker.check('contact-step');
      await summary.getByRole('link').click();
      await page.locator('h1', { hasText: l.notice }).waitFor();
      await checker.check('privacy-notice');
      for (const path of ['/accessibility', '/cookies']) {
        await page.locator(`footer a[href="${path}"]`).click();
        await page.waitForURL(`**${path}`);
        await page.locator('h1').first().waitFor();
        await checker.check(path.slice(1));
      }
      checker.assertClean();
      await page.goBack();
      await page.goBack();
      await page.goBack();
      await page.locator('input[name="contact"]').first().waitFor();
    }
    expect(offLoopback).toEqual([]);
  } finally {
    await context.close();
  }
}, 360_000);
