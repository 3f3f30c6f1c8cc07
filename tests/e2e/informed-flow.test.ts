/**
 * Keeping residents informed, end to end: a resident sends a report; a
 * council officer signs in at /staff and posts "Investigating" with a note; the resident's
 * reports page shows it after a refresh and again offline; the officer closes it; the resident
 * answers the survey; the published satisfaction figure changes accordingly. Every new page
 * passes axe and is photographed at 390x844.
 *
 * The server runs as `npm start` does in demo mode (SEED_DEMO=true): the demo history gives the
 * response-times page real figures, and the demo staff account exists.
 */
import { describe, expect, it } from 'vitest';
import type { Performance } from '../../src/shared/performance';
import { DEMO_STAFF } from '../../src/server/seed/seed';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { flyTippingDraft, installApp, sendReport, staffPage, staffPost } from './informed-helpers';

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

async function flySatisfaction(url: string) {
  const perf = (await (await fetch(`${url}/api/performance.json`)).json()) as Performance;
  return perf.categories.find((c) => c.serviceCode === 'fly-tipping')!.last90Days.satisfaction;
}

describe('keeping residents informed', () => {
  it('status updates reach the resident online and offline, and the survey feeds the published figure', async () => {
    const phone = await newPhoneContext(e2e.browser);
    const staff = await staffPage(e2e.browser);
    const resident = new PageChecker(phone.page, 'informed-resident');
    const officer = new PageChecker(staff.page, 'informed-staff');
    try {
      // The resident sends a fly-tipping report through the app.
      await installApp(phone.page, e2e.server.url);
      const sent = await sendReport(
        phone.page,
        e2e.server.url,
        flyTippingDraft('Bags and a sofa dumped behind the garages.'),
      );
      expect(sent.reference).toMatch(/^DBC-/);

      // The response-times page, visited once online, is then kept for offline reading.
      await phone.page.goto(e2e.server.url + '/response-times');
      await onPage(phone.page, 'Response times');
      await phone.page
        .locator('table caption', { hasText: 'Fly-tipping: the last 90 days' })
        .waitFor();
      expect(await phone.page.locator('main').innerText()).toContain('made-up demo reports');
      await resident.check('response-times');

      // A council officer signs in and finds the report.
      await staff.page.goto(e2e.server.url + '/staff');
      await onPage(staff.page, 'Sign in to the staff console');
      await staff.page.getByRole('button', { name: 'Sign in' }).click();
      await staff.page.locator('.govuk-error-summary').waitFor();
      await officer.check('sign-in-errors');
      await staff.page.getByLabel('Email address').fill(DEMO_STAFF.email);
      await staff.page.getByLabel('Password').fill('not the password');
      await staff.page.getByRole('button', { name: 'Sign in' }).click();
      await staff.page.getByText('The email address or password is not right').first().waitFor();
      await staff.page.getByLabel('Password').fill(DEMO_STAFF.password);
      await staff.page.getByRole('button', { name: 'Sign in' }).click();
      await onPage(staff.page, 'Reports');
      await staff.page
        .locator('table caption', { hasText: 'highest priority and earliest due first' })
        .waitFor();
      await officer.check('queue');
      await staff.page.getByLabel('Open a report by reference').fill(sent.reference.toLowerCase());
      await staff.page.getByRole('button', { name: 'Open', exact: true }).click();
      await onPage(staff.page, sent.reference);
      expect(await staff.page.locator('main').innerText()).toContain(
        'Bags and a sofa dumped behind the garages.',
      );
      await officer.check('report');

      await staffPost(staff.page, 'Investigating', 'A crew will visit on Tuesday.');
      await officer.check('report-updated');

      // The resident's reports page refreshes from the council when it opens.
      await phone.page.goto(e2e.server.url + '/reports');
      await onPage(phone.page, 'Reports on this phone');
      const card = phone.page.locator('.app-report-card', { hasText: sent.reference });
      await card.getByText('A crew will visit on Tuesday.').waitFor({ timeout: 15_000 });
      expect(await card.locator('.govuk-tag', { hasText: 'Investigating' }).count()).toBe(1);
      await resident.check('reports-investigating');
      await card.getByRole('link', { name: /^Updates and history/ }).click();
      await onPage(phone.page, 'Fly-tipping');
      await phone.page
        .locator('.app-timeline')
        .getByText('A crew will visit on Tuesday.')
        .waitFor();
      await resident.check('report-detail');

      // Offline: the page, the status and the note come from the phone.
      await phone.context.setOffline(true);
      await phone.page.reload();
      await onPage(phone.page, 'Fly-tipping');
      await phone.page
        .getByText('This is what the council said when this phone last checked.')
        .waitFor();
      expect(await phone.page.locator('main').innerText()).toContain(
        'A crew will visit on Tuesday.',
      );
      await resident.check('report-detail-offline');
      await phone.page.goto(e2e.server.url + '/reports');
      await onPage(phone.page, 'Reports on this phone');
      await card.getByText('A crew will visit on Tuesday.').waitFor();
      await resident.check('reports-offline');
      await phone.page.goto(e2e.server.url + '/response-times');
      await onPage(phone.page, 'Response times');
      await phone.page
        .locator('table caption', { hasText: 'Fly-tipping: the last 90 days' })
        .waitFor();
      await phone.page
        .getByText('These are the figures saved when this phone was last online.')
        .waitFor();
      await resident.check('response-times-offline');
      await phone.context.setOffline(false);

      // The officer closes the report.
      await staffPost(staff.page, 'Fixed', 'Cleared on Tuesday. Thank you for reporting it.');
      const before = await flySatisfaction(e2e.server.url);
      expect(typeof before.satisfied).toBe('number');

      // The resident sees it closed and answers the survey.
      await phone.page.goto(e2e.server.url + '/reports');
      await card.locator('.govuk-tag', { hasText: 'Fixed' }).waitFor({ timeout: 15_000 });
      await card.getByRole('link', { name: /^Tell us how we did/ }).click();
      await onPage(phone.page, 'How did we do?');
      await resident.check('survey');
      await phone.page.getByRole('button', { name: 'Send answer' }).click();
      await phone.page.locator('.govuk-error-summary').waitFor();
      await resident.check('survey-error');
      await phone.page.getByLabel('Very satisfied').check();
      await phone.page.getByLabel(/Anything else/).fill('Quick and tidy.');
      await phone.page.getByRole('button', { name: 'Send answer' }).click();
      await onPage(phone.page, 'Thank you');
      await resident.check('survey-thanks');

      // The published figure moves by exactly this answer.
      const after = await flySatisfaction(e2e.server.url);
      expect(after.responses).toBe(before.responses + 1);
      const satisfiedBefore = Math.round((before.satisfied as number) * before.responses);
      expect(after.satisfied).toBe(
        Math.round(((satisfiedBefore + 1) / (before.responses + 1)) * 1000) / 1000,
      );
      await phone.page.getByRole('link', { name: "See the council's response times" }).click();
      await onPage(phone.page, 'Response times');
      const flyTable = phone.page.locator('table', {
        has: phone.page.locator('caption', { hasText: 'Fly-tipping: the last 90 days' }),
      });
      const percent = `${Math.round((after.satisfied as number) * 100)}% of ${after.responses}`;
      await flyTable.getByText(percent).waitFor({ timeout: 15_000 });

      // The survey is not offered again.
      await phone.page.goto(e2e.server.url + `/reports/${sent.id}`);
      await phone.page.getByText('Thank you for telling us how we did.').waitFor();

      resident.assertClean();
      officer.assertClean();
      expect(phone.offLoopback).toEqual([]);
    } finally {
      await phone.context.close();
      await staff.close();
    }
  }, 400_000);
});
