/**
 * "Exit this page" in centre mode: in the middle of a report on a victim's behalf, Shift three
 * times lands on the neutral site, the centre session has ended on the server, the half-written
 * report is nowhere on the tablet, and coming back shows the sign-in page, not the form.
 *
 * Also: signing out without signal cannot reach the server, so the session it leaves behind is
 * ended as soon as the signal returns, and opening /centre again shows the sign-in page, not the
 * last user's reports.
 *
 * The neutral site is the council's `safety.exitUrl`; there is no internet in tests, so the
 * browser context answers it with a local page.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../../src/server/seed/seed';
import { onPage, PageChecker } from './flow-helpers';
import { signInToCentre, storageDump } from './centre-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';

const EXIT_URL = 'https://www.bbc.co.uk/weather';
const CENTRE = DEMO_CENTRES[1];

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

describe('Exit this page in centre mode', () => {
  it('signs out, leaves nothing of the half-written report, and Back does not return to it', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    await context.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>Weather</title><h1>Weather forecast</h1></html>',
      }),
    );
    const checker = new PageChecker(page, 'centre-exit');
    try {
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);
      await page.getByRole('link', { name: 'Report for a victim' }).click();
      await onPage(page, "The victim's consent");
      await page.getByLabel('The victim agrees to this report being made').check();
      await page.getByLabel("Your centre's case reference").fill('CC-EXIT-1');
      await checker.check('consent');

      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await page.waitForURL(EXIT_URL, { timeout: 10_000 });
      expect(await page.locator('h1').innerText()).toBe('Weather forecast');

      // The session has ended on the server (the cookie no longer works).
      const me = await context.request.get(`${e2e.server.url}/api/centre/me`);
      expect(me.status()).toBe(401);

      // Back, or opening the app again, shows the sign-in page and nothing of the form.
      await page.goBack();
      await page.waitForLoadState();
      if (new URL(page.url()).pathname !== '/centre') await page.goto(e2e.server.url + '/centre');
      await onPage(page, 'Sign in to the reporting centre');
      expect(await page.locator('main').innerText()).not.toContain('CC-EXIT-1');
      const stored = await storageDump(page);
      expect(stored).not.toContain('CC-EXIT-1');
      await checker.check('sign-in-after-exit');
      checker.assertClean();
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a sign-out without signal ends the server session once the signal returns; reopening shows the sign-in page', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);

      await context.setOffline(true);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await onPage(page, 'Sign in to the reporting centre');
      // The server never heard of it: the cookie still opens the session.
      expect((await context.request.get(`${e2e.server.url}/api/centre/me`)).status()).toBe(200);
      expect(await page.evaluate(() => localStorage.getItem('nr-centre-sign-out-pending'))).toBe(
        '1',
      );

      await context.setOffline(false);
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('nr-centre-sign-out-pending')))
        .toBeNull();
      expect((await context.request.get(`${e2e.server.url}/api/centre/me`)).status()).toBe(401);
      await page.reload();
      await onPage(page, 'Sign in to the reporting centre');
      expect(await page.locator('main').innerText()).not.toContain(CENTRE.name);
    } finally {
      await context.close();
    }
  }, 120_000);
});
