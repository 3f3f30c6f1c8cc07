/**
 * A reporting centre on a shared tablet, end to end: a centre user
 * signs in, files a hate incident on a victim's behalf while offline, and while it is queued the
 * tablet's IndexedDB holds nothing of the victim in plain text; the tablet signs out by itself
 * after the (shortened) idle limit, keeping the sealed report; the user signs in again, still
 * without signal (the tablet's offline sign-in record, src/app/centre/offline-sign-in.ts), sees
 * the sealed report waiting, then the tablet goes online: the app completes the server sign-in
 * by itself and the report is sent once, listed for that centre with its reference, and shown to
 * council staff as made by that centre. Every centre page passes axe and is photographed at
 * 390x844.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../../src/server/seed/seed';
import { onPage, PageChecker } from './flow-helpers';
import { signInToCentre, storageDump } from './centre-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { staffPage, staffSignInAt } from './informed-helpers';

// Long enough for the accessibility checks between steps (a slow, shared machine), short
// enough to wait for.
const IDLE_SECONDS = 45;
const CENTRE = DEMO_CENTRES[0];
const VICTIM = {
  first: 'Victimfirst',
  last: 'Victimlast',
  email: 'victim.contact@example.org',
  phone: '07700 900123',
  address: 'The bus stop outside the central library',
  description: 'Shouted racist abuse at the victim at the bus stop on three evenings.',
  notToShare: 'Not the victim employer',
};
const CENTRE_REF = 'LIB-2026-014';

const e2e = serverAndBrowser({
  env: { SEED_DEMO: 'true', CENTRE_IDLE_SECONDS: String(IDLE_SECONDS) },
});
let phone: Awaited<ReturnType<typeof newPhoneContext>>;
let checker: PageChecker;

beforeAll(async () => {
  phone = await newPhoneContext(e2e.browser);
  checker = new PageChecker(phone.page, 'centre');
});

afterAll(async () => {
  await phone?.context.close();
});

const continueOn = (page: Page) => page.locator('main form button[type=submit]').click();

/**
 * Answers whatever question page is showing: "No" where offered, else the first choice; the
 * photos page is left empty (tests/e2e/centre-media.test.ts covers photos).
 */
async function answerQuestion(page: Page): Promise<void> {
  const form = page.locator('main form');
  if ((await form.locator('input[type=file]').count()) > 0) return;
  const radios = form.locator('input[type=radio]');
  const boxes = form.locator('input[type=checkbox]');
  if ((await radios.count()) > 0) {
    const no = form.locator('input[type=radio][value="no"]');
    await ((await no.count()) > 0 ? no.first() : radios.first()).check();
  } else if ((await boxes.count()) > 0) {
    await boxes.first().check();
  } else {
    await form.locator('textarea, input[type=text]').first().fill('Weekdays 10am to 2pm');
  }
}

describe('a reporting centre on a shared tablet', () => {
  it('files a report on behalf of a victim while offline (acceptance 1, first half)', async () => {
    const { page, context } = phone;
    await page.goto(e2e.server.url + '/centre');
    await onPage(page, 'Sign in to the reporting centre');
    await checker.check('sign-in');
    await signInToCentre(page, CENTRE);
    await page.getByText('No reports are waiting on this tablet.').waitFor();
    await checker.check('home-empty');

    await context.setOffline(true);
    await page.getByRole('link', { name: 'Report for a victim' }).click();

    await onPage(page, "The victim's consent");
    await continueOn(page);
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Confirm that the victim agrees to this report being made',
    );
    await checker.check('consent-errors');
    await page.getByLabel('The victim agrees to this report being made').check();
    await page.locator('input[name="centre-police"][value="no"]').check();
    await page.locator('input[name="centre-support"][value="yes"]').check();
    await page.getByLabel("Your centre's case reference").fill(CENTRE_REF);
    await checker.check('consent');
    await continueOn(page);

    await onPage(page, 'Contacting the victim');
    await page.getByLabel('Directly, by a safe method at safe times').check();
    await page.getByLabel('First name (optional)').fill(VICTIM.first);
    await page.getByLabel('Last name (optional)').fill(VICTIM.last);
    await page.getByLabel('Email address').fill(VICTIM.email);
    await page.getByLabel('Phone number').fill(VICTIM.phone);
    await page.getByLabel(/What does the victim not want shared/).fill(VICTIM.notToShare);
    await checker.check('contact');
    await continueOn(page);

    await onPage(page, 'What kind of incident is it?');
    await checker.check('category');
    await page.getByLabel('Hate incident or hate crime').check();
    await continueOn(page);

    // The category's questions, one per page, until "Where exactly did it happen?".
    for (let i = 0; i < 20; i++) {
      const h1 = (await page.locator('h1').first().innerText()).trim();
      if (h1 === 'Where exactly did it happen?') break;
      if (i === 0) await checker.check('question');
      await answerQuestion(page);
      await continueOn(page);
      await page.waitForFunction(
        (before) => document.querySelector('h1')?.textContent?.trim() !== before,
        h1,
      );
    }
    await onPage(page, 'Where exactly did it happen?');
    await checker.check('where');
    await page.getByLabel('Where exactly did it happen?').fill(VICTIM.address);
    await continueOn(page);
    await onPage(page, 'What happened?');
    await page.getByLabel('What happened?').fill(VICTIM.description);
    await continueOn(page);

    await onPage(page, 'Check the report before saving it');
    const check = await page.locator('main').innerText();
    expect(check).toContain(CENTRE_REF);
    expect(check).toContain(VICTIM.phone);
    await checker.check('check');
    await page.getByRole('button', { name: 'Save and send' }).click();

    await onPage(page, `Reports for ${CENTRE.name}`);
    await page
      .getByText(
        'Saved on this tablet and sealed. It will be sent as soon as there is a connection.',
      )
      .waitFor();
    const waiting = page.locator('.app-centre-waiting li');
    await expect.poll(() => waiting.count()).toBe(1);
    expect(await waiting.innerText()).toContain(CENTRE_REF);
    expect(await waiting.innerText()).toContain('Waiting to be sent');
    await checker.check('home-waiting-offline');
  }, 600_000);

  it('while the report is queued, IndexedDB holds nothing of the victim in plain text (acceptance 2)', async () => {
    const dump = await storageDump(phone.page);
    expect(dump).toContain('neighbourhood-reporter-centre/sealed');
    // The sealed record is there (its bytes are in the dump as text) ...
    expect(dump.length).toBeGreaterThan(500);
    // ... but none of what identifies the victim or says what happened.
    for (const secret of [
      VICTIM.first,
      VICTIM.last,
      VICTIM.email,
      VICTIM.phone,
      VICTIM.phone.replace(/\s/g, ''),
      VICTIM.address,
      VICTIM.description,
      'racist abuse',
      VICTIM.notToShare,
      CENTRE_REF,
      // Nor who uses the tablet: the offline sign-in record is found by a hash of the email.
      CENTRE.user.email,
      CENTRE.user.name,
    ]) {
      expect(dump, secret).not.toContain(secret);
    }
    expect(dump).toContain('neighbourhood-reporter-centre-sign-in/users');
  });

  it('signs out after the idle limit, keeps the sealed report, signs in again without signal, and sends it once when online (acceptance 1)', async () => {
    const { page, context } = phone;
    // Nobody touches the tablet.
    await page
      .getByText('You were signed out because this tablet was not used for a while.')
      .waitFor({ timeout: (IDLE_SECONDS + 15) * 1000 });
    await onPage(page, 'Sign in to the reporting centre');
    await page.getByText('There is no signal.').waitFor();
    await page.getByText('1 report is saved on this tablet, sealed.').waitFor();
    await checker.check('signed-out-idle');
    expect(await page.locator('main').innerText()).not.toContain(CENTRE_REF);
    const dump = await storageDump(page);
    expect(dump).toContain('"state":"queued"');
    expect(dump).not.toContain(VICTIM.description);

    // Still no signal: a wrong password is refused by the tablet itself, counting down ...
    await page.getByLabel('Email address').fill(CENTRE.user.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'You can try 9 more times without signal.',
    );
    await checker.check('offline-sign-in-wrong');
    // ... and the right one opens the sealed report on the tablet only.
    await signInToCentre(page, CENTRE);
    await page.getByText('No signal: you are signed in on this tablet only.').waitFor();
    const waiting = page.locator('.app-centre-waiting li');
    await expect.poll(() => waiting.count()).toBe(1);
    expect(await waiting.innerText()).toContain(CENTRE_REF);
    await checker.check('home-tablet-only');

    // The signal returns: the app signs in to the council by itself and sends the report.
    await context.setOffline(false);
    const filed = page.locator('.app-centre-table tbody tr', { hasText: CENTRE_REF });
    await filed.waitFor({ timeout: 30_000 });
    await page.getByText('No reports are waiting on this tablet.').waitFor({ timeout: 30_000 });
    expect(await page.getByText('you are signed in on this tablet only').count()).toBe(0);
    const reference = (await filed.locator('td').nth(1).innerText()).trim();
    expect(reference).toMatch(/^DBC-[0-9A-Z]{8}$/);
    await checker.check('home-sent');

    // Sent once: the centre has exactly one report, and the tablet keeps nothing of the victim.
    const list = await page.evaluate(() =>
      fetch('/api/centre/reports').then((r) => r.json() as Promise<{ total: number }>),
    );
    expect(list.total).toBe(1);
    const after = await storageDump(page);
    expect(after).not.toContain('"state":');

    // A council officer sees it as made by that centre.
    const staff = await staffPage(e2e.browser);
    try {
      const officer = new PageChecker(staff.page, 'centre-staff');
      await staffSignInAt(staff.page, `${e2e.server.url}/staff/reports/${reference}`);
      await onPage(staff.page, reference);
      const text = await staff.page.locator('main').innerText();
      expect(text).toContain('Made by reporting centre');
      expect(text).toContain(`${CENTRE.name} (${CENTRE.user.name}), their reference ${CENTRE_REF}`);
      expect(text).toContain(VICTIM.description);
      await officer.check('report');
      officer.assertClean();
    } finally {
      await staff.close();
    }
    checker.assertClean();
  }, 600_000);
});
