/**
 * Helpers for the "keeping residents informed" end-to-end tests: a report written and sent
 * through the app (the draft is restored as the app restores a half-written report, then the
 * resident sends it from "Check your answers"), and a staff member's browser.
 *
 * Notes
 * - The question pages themselves are covered by the report-flow tests; here the report only has
 *   to be real: queued by the app's outbox, sent with its Idempotency-Key, holding its secret.
 */
import type { Browser, Page } from 'playwright-core';
import { newDraft, stepsFor, type Draft } from '../../src/app/report/draft';
import { DEMO_STAFF } from '../../src/server/seed/seed';
import { onPage } from './flow-helpers';
import { PHONE, watchCsp } from './harness';
import { demoCouncil, FLY_TIPPING_ANSWERS, RISK_NO, seedDraft } from './media-helpers';

export function flyTippingDraft(description: string): Draft {
  return {
    ...newDraft(),
    serviceCode: 'fly-tipping',
    answers: { ...FLY_TIPPING_ANSWERS },
    address: 'Behind the garages, Howardsgate',
    lat: '51.8003',
    long: '-0.2051',
    description,
    contact: 'anonymous',
  };
}

export function rowdyDraft(description: string): Draft {
  return {
    ...newDraft(),
    serviceCode: 'rowdy-behaviour',
    answers: {
      what_happened: description,
      who_involved: 'young_people',
      how_many: 'two_to_five',
      known: 'no',
      ongoing: 'no',
      ...RISK_NO,
    },
    address: 'Outside the shops, Howardsgate',
    lat: '51.8003',
    long: '-0.2051',
    description,
    contact: 'anonymous',
  };
}

/** Saves the draft where the app keeps the report being written, every step but the last done. */
async function seedCompleteDraft(page: Page, draft: Draft): Promise<void> {
  const steps = stepsFor(demoCouncil, draft);
  await seedDraft(page, { ...draft, seen: steps.filter((s) => s !== 'check') });
}

/**
 * Sends a report through the app: the draft restored, "Send report" pressed on "Check your
 * answers", and the confirmation waited for. Returns the secret (record id) and reference.
 */
export async function sendReport(
  page: Page,
  baseUrl: string,
  draft: Draft,
): Promise<{ id: string; reference: string }> {
  await page.goto(baseUrl + '/');
  await onPage(page, 'Report a problem');
  await seedCompleteDraft(page, draft);
  await page.goto(baseUrl + '/report/check');
  await onPage(page, 'Check your answers before sending your report');
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 30_000 });
  const reference = (await page.locator('.app-reference').innerText()).trim();
  return { id: draft.id, reference };
}

/** The app installed (flow-helpers.ts), for the tests that import it from here. */
export { installApp } from './flow-helpers';

/** Opens `url` in the officer's page and signs in there as the demo officer (demo mode). */
export async function staffSignInAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await onPage(page, 'Sign in to the staff console');
  await page.getByLabel('Email address').fill(DEMO_STAFF.email);
  await page.getByLabel('Password').fill(DEMO_STAFF.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A phone-sized context for a council officer (no service worker needed). */
export async function staffPage(
  browser: Browser,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'en-GB',
    serviceWorkers: 'block',
  });
  await watchCsp(context);
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

/** Posts an update from the staff console's report page and waits for it in the history. */
export async function staffPost(page: Page, status: string, note: string): Promise<void> {
  await page.getByLabel(status, { exact: true }).check();
  await page.getByLabel('Note for the resident').fill(note);
  await page.getByRole('button', { name: 'Post update' }).click();
  await page.getByText('Update posted.').waitFor({ timeout: 15_000 });
  await page.locator('.app-timeline').getByText(note).waitFor();
}
