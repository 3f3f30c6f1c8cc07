/**
 * Safety in the real app: "Exit this page" (Shift three times, or the button) on sensitive flows
 * lands on the neutral site, Back does not return to the form, and nothing of the unsent draft is
 * left on the phone; a high-risk report puts 999 first, also on a confirmation shown offline.
 *
 * The neutral site is the council's `safety.exitUrl` (BBC Weather by default); there is no
 * internet in tests, so the browser context answers it with a local page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { PageChecker } from './flow-helpers';
import { storedDraft } from './media-helpers';
import { at, choose, EVIDENCE, path, question, riskSteps, submit, walk } from './questions-walk';

const e2e = serverAndBrowser();

const EXIT_URL = 'https://www.bbc.co.uk/weather';

/** Serves the neutral site locally (registered last, so it runs before the loopback guard). */
async function neutralSite(context: BrowserContext): Promise<void> {
  await context.route('https://www.bbc.co.uk/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>',
    }),
  );
}

async function startHateReport(page: Page): Promise<void> {
  await page.goto(e2e.server.url + '/');
  await page.getByRole('link', { name: 'Start now' }).click();
  await at(page, '/report/category');
  await page.getByLabel('Hate incident or hate crime', { exact: true }).check();
  await submit(page);
  await at(page, '/report/emergency');
  await submit(page);
  await walk(page, [
    {
      at: question('strands'),
      name: 'strands',
      act: (p) => p.getByLabel('Race, ethnicity or nationality').check(),
    },
    { at: question('hostility'), name: 'hostility', act: (p) => p.getByLabel('Gestures').check() },
  ]);
  await at(page, question('location_type'));
}

describe('Exit this page', () => {
  it('Shift three times on a hate incident page: neutral site, Back does not return, no trace left', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    await neutralSite(context);
    try {
      await startHateReport(page);
      expect(await page.getByRole('button', { name: 'Exit this page' }).isVisible()).toBe(true);
      // The draft is saved as the resident goes (after each page, not before the next shows).
      await expect
        .poll(async () => ((await storedDraft(page)) as { value?: object } | null)?.value, {
          timeout: 10_000,
        })
        .toMatchObject({
          serviceCode: 'hate-incident',
          answers: { strands: ['race'], hostility: ['gestures'] },
        });

      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await page.waitForURL(EXIT_URL, { timeout: 10_000 });
      expect(await page.locator('h1').innerText()).toBe('Weather forecast');
      await screenshot(page, 'safety-exit-neutral-site');

      // The whole flow kept one history entry, replaced by the neutral site: Back leaves it.
      await page.goBack();
      await page.waitForLoadState();
      expect(path(page)).toBe('/');
      await page.locator('h1', { hasText: 'Report a problem' }).waitFor();
      expect(await page.locator('main').innerText()).not.toContain('Race, ethnicity');

      // Reopening the app: no draft on the phone, no category chosen, nothing to resume.
      expect(await storedDraft(page)).toBeNull();
      const again = await context.newPage();
      await again.goto(e2e.server.url + '/report/question/hostility');
      await at(again, '/report/category');
      expect(await again.locator('input[name=category]:checked').count()).toBe(0);
      await again.goto(e2e.server.url + '/reports');
      await again.getByText('There are no reports on this phone.').waitFor();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the button does the same on a harassment page, and two presses of Shift do nothing', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    await neutralSite(context);
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Harassment or intimidation', { exact: true }).check();
      await submit(page);
      await at(page, '/report/emergency');
      await submit(page);
      await at(page, question('what_happened'));
      await page.getByLabel('What happened?').fill('Threats at my door.');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.locator('.govuk-exit-this-page__indicator--visible').waitFor();
      // After five seconds the count starts again: a third press now does not leave.
      await page
        .getByText('Exit this page expired.')
        .waitFor({ state: 'attached', timeout: 20_000 });
      await page.keyboard.press('Shift');
      await page.waitForTimeout(500);
      expect(path(page)).toBe('/report/question/what_happened');

      await page.getByRole('button', { name: 'Exit this page' }).click();
      await page.waitForURL(EXIT_URL, { timeout: 10_000 });
      const app = await context.newPage();
      await app.goto(e2e.server.url + '/');
      expect(await storedDraft(app)).toBeNull();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is not on flows that are not sensitive', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Noise', { exact: true }).check();
      await submit(page);
      await at(page, question('noise_type'));
      expect(await page.getByRole('button', { name: 'Exit this page' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('999 first', () => {
  it('a high-risk report, saved offline, shows 999 first and the high-band target', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'safety-high-risk');
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Neighbour nuisance', { exact: true }).check();
      await submit(page);
      await walk(page, [
        { at: '/report/emergency', name: 'emergency' },
        {
          at: question('what_happened'),
          name: 'what-happened',
          act: (p) =>
            p.getByLabel('What is your neighbour doing?').fill('Threats and damage to my door.'),
        },
        {
          at: question('nuisance_type'),
          name: 'type',
          act: (p) => choose(p, 'answer-nuisance_type', 'threats', 'damage'),
        },
        {
          at: question('how_long'),
          name: 'how-long',
          act: (p) => choose(p, 'answer-how_long', 'over_six_months'),
        },
        { at: question('spoken'), name: 'spoken', act: (p) => choose(p, 'answer-spoken', 'no') },
        { at: question('landlord'), name: 'landlord' },
        ...riskSteps({
          risk_in_danger_now: 'yes',
          risk_happened_before: 'yes',
          risk_targeted: 'yes',
          risk_vulnerable: 'yes',
          risk_unsafe_home: 'yes',
        }),
        EVIDENCE,
      ]);
      // Having said they are in danger, every later page starts with 999.
      await at(page, '/report/where');
      const banner = page.locator('.app-in-danger').first();
      expect(await banner.innerText()).toContain('If you are in danger now, call 999.');
      await checker.check('where-in-danger');
      await page.getByLabel('Where is the problem?').fill('Flat 2, Birchwood Avenue');
      await submit(page);
      await walk(page, [
        { at: '/report/what', name: 'what' },
        {
          at: '/report/details',
          name: 'details',
          act: async (p) => {
            await p.getByLabel('Give contact details').check();
            await p.getByLabel('Phone number').fill('07700 900982');
          },
        },
      ]);
      await at(page, '/report/check');
      await context.setOffline(true);
      await page.locator('#send-report').click();
      await page.locator('h1', { hasText: 'Report saved on this phone' }).waitFor();
      // 999 comes before everything else on the page, the heading included.
      const first = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        const warning = main.querySelector('[data-testid=emergency-first]')!;
        const h1 = main.querySelector('h1')!;
        return Boolean(warning.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(first).toBe(true);
      expect(await page.getByTestId('emergency-first').innerText()).toContain('call 999');
      expect(await page.getByTestId('risk-band').innerText()).toBe(
        'From your answers, this report is high priority. The council aims to contact you within 1 working day.',
      );
      await checker.check('confirmation-offline');
      await context.setOffline(false);
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('risk-band').innerText()).toContain('high priority');
      await checker.check('confirmation-sent');
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
