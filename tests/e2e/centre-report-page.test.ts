/**
 * A reporting centre's page for one of its reports (what its users filed, with status and
 * updates): a demo centre user signs in, follows the link in the
 * list with the keyboard, and sees what the centre recorded and the council's updates, newest
 * first; offline the page says it needs a connection and opens by itself when the tablet is back
 * online; signed out, the same address asks to sign in and then shows the report; another
 * reference is "not found". Each page is checked with axe and photographed at phone size.
 *
 * Notes
 * - The demo seed makes no centre reports, so the test files one as the centre would (signed in,
 *   through POST requests.json with the `centre_*` fields) and posts the council's updates with
 *   the demo integration key, both over HTTP against the real server.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_CENTRES } from '../../src/server/seed/seed';
import { onPage, PageChecker } from './flow-helpers';
import { fileForVictim, signInToCentre, submitCentreSignIn } from './centre-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';

const CENTRE = DEMO_CENTRES[0];
const CENTRE_REF = 'LIB-PAGE-1';
const NOTES = ['An officer will call the centre this week.', 'Patrols arranged for the evenings.'];

const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

async function post(path: string, fields: string[][], headers: Record<string, string>) {
  const res = await fetch(e2e.server.url + path, {
    method: 'POST',
    headers: { origin: e2e.server.url, ...headers },
    body: new URLSearchParams(fields),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body}`);
  return { res, body: JSON.parse(body) as Array<Record<string, string>> };
}

/** Files a hate incident as the demo centre would, then the council's two updates; the reference. */
async function reportWithUpdates(): Promise<string> {
  const reference = await fileForVictim(e2e.server.url, CENTRE, CENTRE_REF);
  const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  for (const [i, status] of (['investigating', 'action_scheduled'] as const).entries()) {
    await post(
      '/open311/v2/servicerequestupdates.json',
      [
        ['update_id', randomUUID()],
        ['service_request_id', reference],
        ['status', status],
        ['description', NOTES[i]!],
        ['updated_datetime', at(30 * (i + 1))],
      ],
      { authorization: `Bearer ${DEMO_API_KEY}` },
    );
  }
  return reference;
}

describe("a reporting centre's page for one of its reports", () => {
  it('opens from the list by keyboard, shows the updates newest first, needs a connection and a signed-in user', async () => {
    const reference = await reportWithUpdates();
    const { context, page } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'centre-report-page');
    try {
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);

      // The list row's link names both references for screen readers.
      // (Chromium puts a space before the visually hidden part; readers do not say it.)
      const link = page.getByRole('link', {
        name: new RegExp(`^${CENTRE_REF} ?, council reference ${reference}$`),
      });
      await link.waitFor();
      await checker.check('list');
      await link.focus();
      await page.keyboard.press('Enter');
      await onPage(page, 'Hate incident or hate crime');
      expect(new URL(page.url()).pathname).toBe(`/centre/reports/${reference}`);
      expect(await page.title()).toContain(`${CENTRE_REF}: Hate incident or hate crime`);
      expect(await page.locator('h1').count()).toBe(1);
      // The router moves focus to the new page's heading.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      const main = await page.locator('main').innerText();
      for (const text of [
        `Your reference ${CENTRE_REF}`,
        reference,
        'Action scheduled',
        CENTRE.user.name,
        'Only through this centre',
        'Do not tell the landlord.',
        'Shouted slurs at the victim',
        ...NOTES,
      ]) {
        expect(main, text).toContain(text);
      }
      const timeline = page.locator('.app-timeline h3');
      expect(await timeline.allInnerTexts()).toEqual(['Action scheduled', 'Investigating']);
      await checker.check('report');

      // Back to the list (a link, so a new history entry); offline, the browser's Back returns
      // to the report: the page says it needs a connection, then opens by itself when the
      // tablet is back online.
      await page.getByRole('link', { name: 'Back', exact: true }).click();
      await onPage(page, `Reports for ${CENTRE.name}`);
      await context.setOffline(true);
      await page.goBack();
      await page.getByText('This page needs a connection.').waitFor();
      expect(await page.locator('main').innerText()).not.toContain(NOTES[1]);
      await checker.check('offline');
      await context.setOffline(false);
      await page.getByText(NOTES[1]!).waitFor();

      // Signed out (the session gone), the same address asks to sign in, then shows the report.
      await context.clearCookies();
      await page.reload();
      await onPage(page, 'Sign in to the reporting centre');
      expect(await page.locator('main').innerText()).not.toContain(NOTES[1]);
      await submitCentreSignIn(page, CENTRE);
      await page.getByText(NOTES[1]!).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/centre/reports/${reference}`);

      // A reference that is not the centre's: not found, with a way back.
      await page.goto(`${e2e.server.url}/centre/reports/DBC-00000000`);
      await onPage(page, 'Report not found');
      await checker.check('not-found');
      await page.getByRole('link', { name: "Go to your centre's reports" }).click();
      await onPage(page, `Reports for ${CENTRE.name}`);
      checker.assertClean();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('corrects what the centre recorded: nothing changed is said, the council refuses a contact it cannot use, offline keeps the answers, and the saved change shows', async () => {
    const reference = await reportWithUpdates();
    const { context, page } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'centre-amend');
    try {
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);
      await page.goto(`${e2e.server.url}/centre/reports/${reference}`);
      await onPage(page, 'Hate incident or hate crime');
      await page.getByRole('link', { name: 'Change what your centre recorded' }).click();
      await onPage(page, 'Change what your centre recorded');
      expect(await page.getByLabel('Only through this centre').isChecked()).toBe(true);
      expect(await page.getByLabel("Your centre's case reference").inputValue()).toBe(CENTRE_REF);
      await checker.check('form');

      const save = () => page.getByRole('button', { name: 'Save changes' }).click();
      const summary = page.locator('.govuk-error-summary');
      await save();
      await summary.waitFor();
      expect(await summary.innerText()).toContain('You have not changed anything.');

      // "Directly" needs the victim's details, which this report does not carry.
      await page.getByLabel('Directly, by a safe method at safe times').check();
      await save();
      await expect
        .poll(() => summary.innerText())
        .toContain('this report has no email address or phone number for them');
      await checker.check('refused');

      // Offline: the change needs a connection, and the answers stay.
      await page.getByLabel('Not at all').check();
      await page.locator('input[name="amend-police"][value="no"]').check();
      await page
        .getByLabel(/What does the victim not want shared/)
        .fill('Do not tell the landlord or the neighbours.');
      await context.setOffline(true);
      await save();
      await expect
        .poll(() => summary.innerText())
        .toContain('Changing a report needs a connection.');
      expect(await page.getByLabel('Not at all').isChecked()).toBe(true);
      await context.setOffline(false);
      await save();

      await page.getByText('Your changes have been saved').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/centre/reports/${reference}`);
      const main = await page.locator('main').innerText();
      const row = (key: string) =>
        page.locator('.govuk-summary-list__row', { hasText: key }).locator('dd').innerText();
      expect(await row('Victim agrees to sharing with the police')).toBe('No');
      expect(main).toContain('Not at all');
      expect(main).toContain('Do not tell the landlord or the neighbours.');
      await checker.check('saved');
      checker.assertClean();
    } finally {
      await context.close();
    }
  }, 120_000);
});
