/**
 * The outbox offline, and the pages around it: with the app installed and no network,
 * a report filed through the UI is saved on the phone (and the confirmation says so, never
 * "sent"), survives a reload, and goes by itself within 5 s of the network coming back, once.
 * A half-written report survives the tab being closed. "Send now" and delete work.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { continueOn, heading, onPage, skipEvidence } from './flow-helpers';
import { storedDraft } from './media-helpers';
import {
  fileLittering,
  installApp,
  LITTER_AMOUNT,
  reportsText,
  startLittering,
  storedCopies,
  storedReports,
} from './outbox-helpers';

const QUEUED = 'Saved on this phone. It will be sent automatically when you are online.';

const e2e = serverAndBrowser();

describe('outbox: offline', () => {
  it('keeps a report filed offline across a reload and sends it once when the phone goes online', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, e2e.server.url);
      await context.setOffline(true);
      await page.getByTestId('offline-indicator').waitFor();

      const id = await fileLittering(page, {
        address: 'Bus stop on Station Road',
        description: 'Crisp packets and cans all round the bus stop (offline test).',
      });
      await onPage(page, 'Report saved on this phone');
      expect(await page.getByTestId('report-state').innerText()).toBe(QUEUED);
      // Honest: nothing on the page claims it was sent.
      const words = await page.locator('main').innerText();
      expect(words).not.toMatch(/Report sent|^Sent|reference/im);
      expect(await page.locator('.app-reference').count()).toBe(0);
      await screenshot(page, 'outbox-01-confirmation-offline');

      await page.reload();
      await onPage(page, 'Report saved on this phone');
      await page.goto(e2e.server.url + '/reports');
      await onPage(page, 'Reports on this phone');
      await page.getByTestId('offline-indicator').waitFor();
      const listed = await reportsText(page);
      expect(listed).toContain('Littering');
      expect(listed).toContain(QUEUED);
      expect(listed).toContain('1 report is waiting to be sent.');
      // Said once, by the bar above the page, not again in it.
      expect(await page.getByTestId('offline-indicator').innerText()).toContain('You are offline.');
      expect(listed).not.toContain('You are offline');
      await screenshot(page, 'outbox-02-reports-queued-offline');
      expect(await axeViolations(page)).toEqual([]);
      expect(storedCopies(e2e.server.dataDir, id)).toEqual([]);

      // Nothing was attempted offline, so no backoff timer is set: only the `online` event can
      // send it before the 5-minute safety poll. How fast it goes is measured by
      // `npm run bench -- outbox`, not asserted here.
      await context.setOffline(false);
      await page
        .getByText(/^Sent\. Your reference is DBC-/)
        .waitFor({ timeout: 60_000 })
        .catch((e: unknown) => {
          throw new Error(`not sent by the \`online\` event: ${String(e)}`);
        });
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect(copies[0]!.description).toContain('(offline test)');
      expect(await reportsText(page)).toContain(`Sent. Your reference is ${copies[0]!.id}`);
      expect(await page.getByTestId('offline-indicator').count()).toBe(0);
      await screenshot(page, 'outbox-03-reports-sent');

      // The API agrees: one report with this secret, under the reference the phone shows.
      const view = await fetch(`${e2e.server.url}/open311/v2/requests/${copies[0]!.id}.json`, {
        headers: { 'X-Report-Secret': id },
      });
      expect(view.status).toBe(200);
      expect(((await view.json()) as Array<{ visibility: string }>)[0]!.visibility).toBe('full');
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Send now" sends a waiting report, and deleting asks first', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, e2e.server.url);
      await context.setOffline(true);
      const first = await fileLittering(page, {
        address: 'Park gates, Mill Lane',
        description: 'Send-now test: litter by the park gates.',
      });
      await page.getByRole('link', { name: 'See reports on this phone' }).click();
      await onPage(page, 'Reports on this phone');

      // Offline, Send now says so and keeps the report.
      await page.getByRole('button', { name: 'Send now' }).click();
      await page.getByText('Not sent: this phone is offline.', { exact: false }).waitFor();

      // Filed offline, deleted with confirmation: "No, keep it" keeps it, "Yes" removes it.
      const second = await fileLittering(page, {
        address: 'Car park, Mill Lane',
        description: 'Delete test: this one is deleted before it is sent.',
      });
      await page.goto(e2e.server.url + '/reports');
      await onPage(page, 'Reports on this phone');
      await page.getByText('2 reports are waiting to be sent.').waitFor();
      await page.locator(`a[href="/reports/${second}/delete"]`).click();
      await onPage(page, 'Are you sure you want to delete this report?');
      expect(await reportsText(page)).toContain('It has not been sent to the council.');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'outbox-04-delete-confirm');
      await page.getByRole('link', { name: 'No, keep it' }).click();
      await onPage(page, 'Reports on this phone');
      await page.getByText('2 reports are waiting to be sent.').waitFor();
      await page.locator(`a[href="/reports/${second}/delete"]`).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await page.getByText('The report has been deleted from this phone.').waitFor();
      await page.getByText('1 report is waiting to be sent.').waitFor();
      expect(await page.locator(`a[href="/reports/${second}/delete"]`).count()).toBe(0);

      // Online with the automatic triggers quiet (the page is already online and settled), the
      // button sends at once.
      await context.setOffline(false);
      await page
        .getByRole('button', { name: 'Send now' })
        .click({ timeout: 2_000 })
        .catch(() => {
          // The `online` event may have sent it first, which is fine: it must end sent either way.
        });
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor();
      expect(storedCopies(e2e.server.dataDir, first)).toHaveLength(1);
      expect(storedCopies(e2e.server.dataDir, second)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps a half-written report when the tab is closed and opened again', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, e2e.server.url);
      await startLittering(page);
      // Typed but not continued: the draft is saved as the resident types.
      await page.getByLabel('Where is the problem?').fill('Corner of Hill Street and Bridge Road');
      await expect
        .poll(async () => ((await storedDraft(page)) as { value?: object } | null)?.value, {
          timeout: 10_000,
        })
        .toMatchObject({ address: 'Corner of Hill Street and Bridge Road' });
      await page.close({ runBeforeUnload: true });

      const again = await context.newPage();
      await again.goto(e2e.server.url + '/');
      await onPage(again, 'Report a problem');
      await again.getByRole('link', { name: 'Start now' }).click();
      await onPage(again, 'What is the problem?');
      expect(await again.getByLabel('Littering', { exact: true }).isChecked()).toBe(true);
      await continueOn(again);
      await onPage(again, 'How much litter is there?');
      expect(await again.getByLabel(LITTER_AMOUNT, { exact: true }).isChecked()).toBe(true);
      await continueOn(again);
      await skipEvidence(again);
      await onPage(again, 'Where is the problem?');
      expect(await again.getByLabel('Where is the problem?').inputValue()).toBe(
        'Corner of Hill Street and Bridge Road',
      );
      expect(await heading(again)).toBe('Where is the problem?');
      expect(storedReports(e2e.server.dataDir).filter((r) => r.description === '')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
