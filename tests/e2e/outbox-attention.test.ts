/**
 * A refused report the resident can fix: a category is withdrawn while a report in it waits on the
 * phone. The server refuses it (4xx), the phone says "Needs your attention" with the server's
 * words, and after the resident changes the category through "Change and send again" the same
 * report (same id, same Idempotency-Key) is sent and stored once.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, newPhoneContext, screenshot } from './harness';
import { continueOn, onPage } from './flow-helpers';
import {
  answerQuestionsUntil,
  LITTERING_WITHDRAWN,
  outboxRecord,
  reportsText,
  serverWithEditableCouncil,
  storedCopies,
} from './outbox-helpers';

const e2e = serverWithEditableCouncil();

describe('outbox: refused by the council', () => {
  it("shows the server's message, and sends the report once it is changed", async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      const id = await e2e.litteringWithdrawnWhileWaiting(context, page, {
        address: 'Recreation ground, Ash Lane',
        description: 'Litter left after the weekend (attention test).',
      });

      await context.setOffline(false);
      await onPage(page, 'Your report needs your attention');
      expect(await page.getByTestId('report-state').innerText()).toBe(LITTERING_WITHDRAWN);
      expect(await page.locator('.app-reference').count()).toBe(0);
      // No promise of what the council will do with a report it has not accepted.
      expect(await page.locator('main').innerText()).not.toContain('What happens next');
      await screenshot(page, 'outbox-07-confirmation-attention');
      expect(storedCopies(e2e.server.dataDir, id)).toEqual([]);

      await page
        .getByRole('link', { name: 'Go to your reports to change it and send it again' })
        .click();
      await onPage(page, 'Reports on this phone');
      expect(await reportsText(page)).toContain(LITTERING_WITHDRAWN);
      expect(await reportsText(page)).toContain('Needs attention');
      await screenshot(page, 'outbox-08-reports-attention');
      expect(await axeViolations(page)).toEqual([]);
      // A refused report is not retried by itself.
      expect(await outboxRecord(page, id)).toMatchObject({ state: 'needs-attention' });

      await page.getByRole('button', { name: 'Change and send again Littering' }).click();
      await onPage(page, 'Check your answers before sending your report');
      await page.getByRole('link', { name: 'Change Kind of problem' }).click();
      await onPage(page, 'What is the problem?');
      await page.getByLabel('Dog fouling', { exact: true }).check();
      await continueOn(page);
      await answerQuestionsUntil(page, 'Check your answers before sending your report');
      expect(await page.locator('main').innerText()).toContain('Dog fouling');
      await page.getByRole('button', { name: 'Send report again' }).click();

      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe(`/report/sent/${id}`);
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ service_code: 'dog-fouling' });
      expect(copies[0]!.description).toContain('(attention test)');
      expect((await page.locator('.app-reference').innerText()).trim()).toBe(copies[0]!.id);

      await page.getByRole('link', { name: 'See reports on this phone' }).click();
      await onPage(page, 'Reports on this phone');
      const list = await reportsText(page);
      expect(list).toContain(`Sent. Your reference is ${copies[0]!.id}`);
      expect(list).not.toContain('Needs your attention');
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
