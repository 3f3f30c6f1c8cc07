/**
 * ASB Case Review, end to end: two anti-social behaviour reports sent from
 * this phone are not enough; the third makes the resident eligible; the application (name,
 * contact, consent, the three references) is stored by the council with those reports.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { rowdyDraft, sendReport } from './informed-helpers';

const e2e = serverAndBrowser();

describe('ASB case review', () => {
  it('counts the qualifying reports, offers the application at three and stores it with them', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'informed-case-review');
    try {
      const refs: string[] = [];
      for (const text of ['Shouting outside the shops.', 'Bottles thrown at the windows.']) {
        refs.push((await sendReport(page, e2e.server.url, rowdyDraft(text))).reference);
      }
      await page.goto(e2e.server.url + '/case-review');
      await onPage(page, 'Ask for an anti-social behaviour case review');
      await page
        .getByText('This phone has sent 2 qualifying reports in the last 6 months. 3 are needed.')
        .waitFor();
      expect(await page.getByRole('button', { name: 'Send application' }).count()).toBe(0);
      await checker.check('not-yet');

      refs.push(
        (await sendReport(page, e2e.server.url, rowdyDraft('A car set alight.'))).reference,
      );
      await page.goto(e2e.server.url + '/reports');
      await onPage(page, 'Reports on this phone');
      await page.getByRole('link', { name: 'You can ask for a case review' }).click();
      await onPage(page, 'Ask for an anti-social behaviour case review');
      const listed = await page
        .getByRole('list', { name: 'Reports included in the application' })
        .locator('li')
        .allInnerTexts();
      expect(listed).toEqual(refs);
      await checker.check('eligible');

      await page.getByRole('button', { name: 'Send application' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.title()).toMatch(/^Error: /);
      await checker.check('errors');
      await page.getByLabel('Full name').fill('Alex Resident');
      await page.getByLabel('Email address').fill('alex@example.com');
      await page.getByLabel(/^I agree that/).check();
      await page.getByRole('button', { name: 'Send application' }).click();
      await onPage(page, 'Application sent');
      const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
      expect(reference).toMatch(/^DBC-CR-/);
      await checker.check('sent');

      const db = new BetterSqlite3(join(e2e.server.dataDir, 'reports.sqlite'), { readonly: true });
      try {
        const review = db
          .prepare('SELECT name, email FROM case_reviews WHERE id = ?')
          .get(reference);
        expect(review).toEqual({ name: 'Alex Resident', email: 'alex@example.com' });
        const linked = db
          .prepare(
            'SELECT report_id FROM case_review_reports WHERE case_review_id = ? ORDER BY report_id',
          )
          .all(reference)
          .map((r) => (r as { report_id: string }).report_id);
        expect(linked).toEqual([...refs].sort());
      } finally {
        db.close();
      }
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
