/**
 * The walking skeleton end to end: a resident files a fly-tipping report through the real built
 * app in Chromium against the real server, and the council's API holds the same answers. Every
 * page passes axe and is photographed at phone size (./screenshots).
 */
import { describe, expect, it } from 'vitest';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { continueOn, fileFlyTipping, heading, onPage, PageChecker } from './flow-helpers';

const e2e = serverAndBrowser();

describe('report flow', () => {
  it('files a fly-tipping report whose answers the API returns', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'flow');
    try {
      await page.goto(e2e.server.url + '/');
      await onPage(page, 'Report a problem');
      expect(await page.title()).toBe('Report a problem - Report a problem - Demo Borough Council');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await checker.check('start');

      await page.getByRole('link', { name: 'Start now' }).click();
      await onPage(page, 'What is the problem?');
      expect(await page.title()).toBe(
        'What is the problem? - Report a problem - Demo Borough Council',
      );
      // Focus moves to the new page's heading.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await checker.check('category');

      // Nothing chosen: the error summary takes focus and links to the first radio.
      await continueOn(page);
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.title()).toMatch(/^Error: What is the problem\?/);
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
        )
        .toBe(true);
      await checker.check('category-error');
      await page.locator('.govuk-error-summary a').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('category');

      await fileFlyTipping(
        page,
        {
          size: 'A small van load',
          wasteTypes: ['Furniture or mattresses', 'Tyres'],
          hazards: ['None that I can see'],
          landType: 'In a back alley',
          witnessed: 'Yes',
          registration: 'AB12 CDE',
          vehicle: 'White van, Ford',
        },
        { address: 'The alley behind 12 Howardsgate', lat: '51.8012', long: '-0.2056' },
        'Two mattresses and four tyres dumped overnight.',
        checker,
      );
      await checker.check('check-answers');
      const summary = await page.locator('main').innerText();
      for (const text of [
        'Fly-tipping',
        'A small van load',
        'Furniture or mattresses',
        'Tyres',
        'In a back alley',
        'AB12 CDE',
        'The alley behind 12 Howardsgate',
        'Reporting anonymously',
      ]) {
        expect(summary).toContain(text);
      }

      // A change link goes to the question and Continue comes back to check answers.
      await page.getByRole('link', { name: 'Change Did you see who dumped it?' }).click();
      await onPage(page, 'Did you see who dumped it?');
      expect(new URL(page.url()).search).toBe('?return=check');
      await continueOn(page);
      await onPage(page, 'Check your answers before sending your report');

      await page.getByRole('button', { name: 'Send report' }).click();
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 15_000 });
      expect(await heading(page)).toBe('Report sent');
      await checker.check('confirmation-sent');

      const id = new URL(page.url()).pathname.split('/').pop()!;
      const reference = (await page.locator('.app-reference').innerText()).trim();
      expect(reference).toMatch(/^DBC-/);

      const full = await fetch(`${e2e.server.url}/open311/v2/requests/${reference}.json`, {
        headers: { 'X-Report-Secret': id },
      });
      expect(full.status).toBe(200);
      const [view] = (await full.json()) as Array<Record<string, unknown>>;
      expect(view!.visibility).toBe('full');
      expect(view!.service_code).toBe('fly-tipping');
      expect(view!.description).toBe('Two mattresses and four tyres dumped overnight.');
      expect(view!.address).toBe('The alley behind 12 Howardsgate');
      expect(view!.lat).toBeCloseTo(51.8012, 6);
      expect(view!.long).toBeCloseTo(-0.2056, 6);
      expect(view!.attributes).toEqual({
        size: 'small_van',
        waste_types: ['furniture', 'tyres'],
        hazards: ['none'],
        land_type: 'back_alley',
        witnessed: 'yes',
        vehicle_registration: 'AB12 CDE',
        vehicle_description: 'White van, Ford',
      });

      // The public view shows the answers the council did not mark private.
      const pub = await fetch(`${e2e.server.url}/open311/v2/requests/${reference}.json`);
      const [publicView] = (await pub.json()) as Array<Record<string, unknown>>;
      expect(publicView!.attributes).toEqual({
        size: 'small_van',
        waste_types: ['furniture', 'tyres'],
        hazards: ['none'],
        land_type: 'back_alley',
        witnessed: 'yes',
      });

      await page.getByRole('link', { name: 'See reports on this phone' }).click();
      await onPage(page, 'Reports on this phone');
      expect(await page.locator('main').innerText()).toContain(
        `Sent. Your reference is ${reference}`,
      );
      await checker.check('reports');

      await page.getByRole('link', { name: /^Remove from this phone/ }).click();
      await onPage(page, 'Are you sure you want to delete this report?');
      await checker.check('delete');
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await onPage(page, 'Reports on this phone');
      await page.getByText('There are no reports on this phone.').waitFor();

      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps a report on the phone while offline and sends it by itself when back online', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'offline-send');
    try {
      await page.goto(e2e.server.url + '/');
      await page.getByRole('link', { name: 'Start now' }).click();
      await fileFlyTipping(
        page,
        {
          size: 'A single item',
          wasteTypes: ['Electrical items'],
          hazards: ['None that I can see'],
          landType: 'On a road or pavement',
          witnessed: 'No',
        },
        { address: 'Outside the library, Hatfield' },
        'An old television on the pavement.',
      );
      await context.setOffline(true);
      await page.getByRole('button', { name: 'Send report' }).click();
      await onPage(page, 'Report saved on this phone');
      await page.getByTestId('offline-indicator').waitFor();
      expect(await page.getByTestId('report-state').innerText()).toBe(
        'Saved on this phone. It will be sent automatically when you are online.',
      );
      await checker.check('saved');

      await context.setOffline(false);
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 10_000 });
      expect(await heading(page)).toBe('Report sent');
      await checker.check('sent');
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
