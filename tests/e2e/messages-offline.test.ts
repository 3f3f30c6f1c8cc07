/**
 * Survey answers and case-review applications without signal (src/app/messages): both are
 * answered offline (the buttons work and say the message is kept on the phone), survive a reload
 * offline, and arrive once each when the phone is back online, after which the pages show the
 * council's answer. Axe and phone-size screenshots at each step.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../src/server/seed/seed';
import type { Performance } from '../../src/shared/performance';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { flyTippingDraft, installApp, rowdyDraft, sendReport } from './informed-helpers';

// Demo mode, for the demo officer who closes the report.
const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });

const DETAILS = 'It happens every weekend, mostly after midnight.';
const SAVED = 'Saved on this phone. It will be sent when you are back online.';

async function flyResponses(): Promise<number> {
  const perf = (await (
    await fetch(`${e2e.server.url}/api/performance.json`)
  ).json()) as Performance;
  return perf.categories.find((c) => c.serviceCode === 'fly-tipping')!.last90Days.satisfaction
    .responses;
}

/** The council closes a report: the demo officer signs in and posts "Fixed" (the staff API). */
async function close(reference: string): Promise<void> {
  const origin = { origin: e2e.server.url };
  const signIn = await fetch(`${e2e.server.url}/api/staff/sign-in`, {
    method: 'POST',
    headers: origin,
    body: new URLSearchParams({ email: DEMO_STAFF.email, password: DEMO_STAFF.password }),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${e2e.server.url}/open311/v2/servicerequestupdates.json`, {
    method: 'POST',
    headers: { ...origin, cookie },
    body: new URLSearchParams({
      update_id: crypto.randomUUID(),
      service_request_id: reference,
      status: 'fixed',
      description: 'Cleared.',
    }),
  });
  if (!res.ok) throw new Error(`closing ${reference}: ${res.status} ${await res.text()}`);
}

describe('survey and case review without signal', () => {
  it('are kept on the phone offline, through a reload, and arrive once each when back online', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'messages-offline');
    try {
      await installApp(page, e2e.server.url);
      const fly = await sendReport(
        page,
        e2e.server.url,
        flyTippingDraft('Mattress by the garages.'),
      );
      const rowdy: Array<{ id: string; reference: string }> = [];
      for (const text of ['Shouting at night.', 'Bins set alight.', 'Windows smashed.']) {
        rowdy.push(await sendReport(page, e2e.server.url, rowdyDraft(text)));
      }
      const refs = rowdy.map((r) => r.reference);
      await close(fly.reference);
      const before = await flyResponses();

      // No signal: the survey is answered and kept on the phone.
      await context.setOffline(true);
      await page.goto(`${e2e.server.url}/survey/${fly.id}`);
      await onPage(page, 'How did we do?');
      await page.getByText('You can still send this').waitFor();
      const send = page.getByRole('button', { name: 'Send answer' });
      expect(await send.isEnabled()).toBe(true);
      await page.getByLabel('Satisfied', { exact: true }).check();
      await page.getByLabel(/Anything else/).fill('Gone in two days.');
      await send.click();
      await onPage(page, 'Your answer is saved');
      expect(await page.locator('main').getByRole('status').innerText()).toBe(SAVED);
      await checker.check('survey-saved-offline');

      // And the case-review application.
      await page.goto(`${e2e.server.url}/case-review`);
      await onPage(page, 'Ask for an anti-social behaviour case review');
      await page.getByLabel('Full name').fill('Alex Resident');
      await page.getByLabel('Email address').fill('alex@example.com');
      await page.getByLabel('Anything else the review should know (optional)').fill(DETAILS);
      await page.getByLabel(/^I agree that/).check();
      await checker.check('case-review-offline-form');

      // A full phone: nothing is saved, the page says so and keeps what was typed.
      await page.evaluate(() => {
        const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: unknown };
        proto.realPut = proto.put;
        proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          if (this.name === 'messages') {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          return (proto.realPut as IDBObjectStore['put']).apply(this, args);
        };
      });
      await page.getByRole('button', { name: 'Send application' }).click();
      await page
        .locator('.govuk-error-summary')
        .getByText("Your phone's storage is full, so this could not be saved.", { exact: false })
        .waitFor();
      expect(await page.getByLabel('Full name').inputValue()).toBe('Alex Resident');
      await checker.check('case-review-storage-full');
      await page.evaluate(() => {
        const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: unknown };
        proto.put = proto.realPut as IDBObjectStore['put'];
      });
      await page.getByRole('button', { name: 'Send application' }).click();
      await onPage(page, 'Application saved');
      expect(await page.locator('main').getByRole('status').innerText()).toBe(SAVED);
      const listed = await page
        .getByRole('list', { name: 'Reports included in the application' })
        .locator('li')
        .allInnerTexts();
      expect(listed).toEqual(refs);
      await checker.check('case-review-saved-offline');

      // Closing and reopening the app without signal loses nothing.
      await page.reload();
      await onPage(page, 'Application saved');
      await page.goto(`${e2e.server.url}/survey/${fly.id}`);
      await onPage(page, 'Your answer is saved');
      expect(await page.locator('main').getByRole('status').innerText()).toBe(SAVED);
      expect(await flyResponses()).toBe(before);

      // Back online: both are sent by themselves, and the pages show the council's answer.
      await context.setOffline(false);
      await onPage(page, 'Thank you');
      await checker.check('survey-sent');
      await page.goto(`${e2e.server.url}/case-review`);
      await onPage(page, 'Application sent');
      const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
      expect(reference).toMatch(/^DBC-CR-/);
      await checker.check('case-review-sent');

      // Each arrived once.
      expect(await flyResponses()).toBe(before + 1);
      const db = new BetterSqlite3(join(e2e.server.dataDir, 'reports.sqlite'), { readonly: true });
      try {
        const reviews = db
          .prepare('SELECT id FROM case_reviews WHERE details = ?')
          .all(DETAILS) as Array<{ id: string }>;
        expect(reviews).toEqual([{ id: reference }]);
        const surveys = db
          .prepare('SELECT satisfaction, comment FROM surveys WHERE report_id = ?')
          .all(fly.reference);
        expect(surveys).toEqual([{ satisfaction: 4, comment: 'Gone in two days.' }]);
      } finally {
        db.close();
      }
      // A survey for a report the council has not closed is refused: the page says why and
      // keeps the answer, and it is not sent again by itself.
      await page.goto(`${e2e.server.url}/survey/${rowdy[0]!.id}`);
      await onPage(page, 'How did we do?');
      await page.getByLabel('Very dissatisfied').check();
      await page.getByRole('button', { name: 'Send answer' }).click();
      await page
        .getByRole('alert')
        .getByText('This report is not closed yet. The survey opens when the council closes it.')
        .waitFor();
      expect(await page.getByLabel('Very dissatisfied').isChecked()).toBe(true);
      await checker.check('survey-refused');
      const after = new BetterSqlite3(join(e2e.server.dataDir, 'reports.sqlite'), {
        readonly: true,
      });
      try {
        const none = after.prepare('SELECT COUNT(*) AS n FROM surveys WHERE report_id = ?');
        expect(none.get(rowdy[0]!.reference)).toEqual({ n: 0 });
      } finally {
        after.close();
      }

      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
