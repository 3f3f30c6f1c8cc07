/**
 * A change to the council's configuration reaches the phone on the next load when it is online,
 * and the app still starts offline from the copy it kept. The council withdraws a category while
 * a report in it waits on the phone: the next load no longer offers the category, the waiting
 * report is refused with the server's words and the resident can change it and send it, once.
 *
 * Notes
 * - The server reads its configuration at start, so the withdrawal is a restart with an edited
 *   copy of the demo council (serverWithEditableCouncil in outbox-helpers.ts).
 * - The same refusal with the old configuration still in memory (no reload) is
 *   outbox-attention.test.ts; here the fresh configuration is loaded before the fix.
 * - "The next load" is one page load: were the configuration served stale-while-revalidate, the
 *   first load after the change would still offer the category (it would take two).
 */
import { describe, expect, it } from 'vitest';
import { continueOn, onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import {
  answerQuestionsUntil,
  LITTERING_WITHDRAWN,
  outboxRecord,
  reportsText,
  serverWithEditableCouncil,
  storedCopies,
} from './outbox-helpers';

const e2e = serverWithEditableCouncil();

describe("the council's configuration on the phone", () => {
  it('a withdrawn category is gone on the next load; its waiting report is refused and fixed', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'council-fresh');
    try {
      const id = await e2e.litteringWithdrawnWhileWaiting(context, page, {
        address: 'Bus shelter, Howlands',
        description: 'Cans and wrappers (fresh configuration test).',
      });

      // Online again, one load: the category is no longer offered.
      await context.setOffline(false);
      await page.goto(e2e.server.url + '/report/category');
      await onPage(page, 'What is the problem?');
      await page.getByLabel('Dog fouling', { exact: true }).waitFor();
      expect(await page.getByLabel('Littering', { exact: true }).count()).toBe(0);
      await checker.check('category-after-withdrawal');

      // The waiting report is refused in the server's words, and not retried by itself.
      await page.goto(e2e.server.url + '/reports');
      await onPage(page, 'Reports on this phone');
      await page.getByText(LITTERING_WITHDRAWN).waitFor({ timeout: 15_000 });
      expect(await reportsText(page)).toContain('Needs attention');
      expect(await outboxRecord(page, id)).toMatchObject({ state: 'needs-attention' });
      expect(storedCopies(e2e.server.dataDir, id)).toEqual([]);
      await checker.check('reports-refused');

      // Changing it starts at the category, which says why (the flow has no Littering any more).
      await page.getByRole('button', { name: 'Change and send again Littering' }).click();
      await onPage(page, 'What is the problem?');
      await page
        .getByText(
          '"Littering" no longer takes new reports. Choose another category for your report.',
        )
        .waitFor();
      await checker.check('category-withdrawn-notice');
      await page.getByLabel('Dog fouling', { exact: true }).check();
      await continueOn(page);
      // From the category the flow walks every step again, the earlier answers filled in.
      await answerQuestionsUntil(page, 'How do you want to report this?');
      expect(await page.getByLabel('Report anonymously').isChecked()).toBe(true);
      await continueOn(page);
      await onPage(page, 'Check your answers before sending your report');
      expect(await page.locator('main').innerText()).toContain('Bus shelter, Howlands');
      await page.getByRole('button', { name: 'Send report again' }).click();
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 15_000 });
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ service_code: 'dog-fouling' });

      // Offline, the app still starts, from the copy kept on the last load.
      await context.setOffline(true);
      await page.goto(e2e.server.url + '/report/category');
      await onPage(page, 'What is the problem?');
      await page.getByLabel('Dog fouling', { exact: true }).waitFor();
      expect(await page.getByLabel('Littering', { exact: true }).count()).toBe(0);
      await checker.check('category-offline');
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
