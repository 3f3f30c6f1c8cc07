/**
 * The staff console's privacy pages, end to end: a resident sends a hate-incident report with
 * their email address; a case officer reads it and is refused the access audit and people's
 * rights (page and API); the admin sees the officer's read in the audit and its CSV, puts the
 * report on legal hold and lifts it, finds the person's records by email and erases them with a
 * reason and a confirmation. Every page passes axe and is photographed at phone size.
 */
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newDraft, type Draft } from '../../src/app/report/draft';
import { DEMO_ADMIN, DEMO_STAFF } from '../../src/server/seed/seed';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { sendReport, staffPage } from './informed-helpers';
import { RISK_NO } from './media-helpers';
import { serverAndBrowser } from './suite';

// The demo accounts: a case officer and an admin (seed/seed.ts).
const e2e = serverAndBrowser({ env: { SEED_DEMO: 'true' } });
const SUBJECT = 'rights.subject@example.org';

function hateDraft(): Draft {
  return {
    ...newDraft(),
    serviceCode: 'hate-incident',
    answers: {
      strands: ['religion'],
      hostility: ['words'],
      location_type: 'street',
      role: 'victim',
      police_consent: 'no',
      anonymity: 'contact',
      ...RISK_NO,
    },
    address: 'Outside the parade of shops, Howardsgate',
    lat: '51.8003',
    long: '-0.2051',
    description: 'Shouted at for wearing a headscarf.',
    contact: 'contact',
    email: SUBJECT,
  };
}

async function signIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(url);
  await onPage(page, 'Sign in to the staff console');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('privacy pages of the staff console', () => {
  it('audits a read, refuses a case officer, and lets an admin find and erase records', async () => {
    const phone = await newPhoneContext(e2e.browser);
    const officer = await staffPage(e2e.browser);
    const admin = await staffPage(e2e.browser);
    const officerChecks = new PageChecker(officer.page, 'privacy-officer');
    const checks = new PageChecker(admin.page, 'privacy-admin');
    const url = e2e.server.url;
    try {
      const { reference } = await sendReport(phone.page, url, hateDraft());

      // A case officer reads the report (audited), then is refused the admin pages.
      await signIn(officer.page, `${url}/staff/reports/${reference}`, DEMO_STAFF);
      await onPage(officer.page, reference);
      await officer.page.getByText('Not on legal hold.').waitFor();
      expect(await officer.page.getByRole('button', { name: 'Put on legal hold' }).count()).toBe(0);
      expect(await officer.page.getByRole('link', { name: 'Access audit' }).count()).toBe(0);
      await officerChecks.check('report');
      for (const path of ['/staff/audit', '/staff/rights']) {
        await officer.page.goto(url + path);
        await onPage(officer.page, 'You need the admin role');
        await officerChecks.check(path.split('/')[2]!);
      }
      for (const api of ['/api/staff/audit', `/api/staff/rights?email=${SUBJECT}`]) {
        expect((await officer.page.request.get(url + api)).status(), api).toBe(403);
      }

      // The admin sees that read in the audit, on the page and in the CSV.
      await signIn(admin.page, `${url}/staff`, DEMO_ADMIN);
      await onPage(admin.page, 'Reports');
      await admin.page.getByRole('link', { name: 'Access audit' }).click();
      await onPage(admin.page, 'Access audit');
      await admin.page.getByLabel('Report reference').fill(reference.toLowerCase());
      await admin.page.getByRole('button', { name: 'Show entries' }).click();
      const row = admin.page.locator('tbody tr', { hasText: DEMO_STAFF.email });
      await row.waitFor();
      expect(await row.innerText()).toContain('Read the report');
      expect(await row.innerText()).toContain(reference);
      await checks.check('audit');
      const csvHref = await admin.page
        .getByRole('link', { name: /Download these entries as CSV/ })
        .getAttribute('href');
      const csv = await admin.page.request.get(url + csvHref!);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      expect(await csv.text()).toContain(`,read,staff,${DEMO_STAFF.email},${reference},`);

      // Legal hold: on, then off again, each with a reason.
      await admin.page.getByRole('link', { name: reference }).first().click();
      await onPage(admin.page, reference);
      await admin.page.getByRole('button', { name: 'Put on legal hold' }).click();
      await admin.page.locator('.govuk-error-summary').waitFor();
      await checks.check('hold-error');
      await admin.page.getByLabel('Why put this report on legal hold?').fill('Court case pending');
      await admin.page.getByRole('button', { name: 'Put on legal hold' }).click();
      await admin.page.getByRole('button', { name: 'Lift legal hold' }).waitFor();
      await checks.check('hold-on');
      await admin.page.getByLabel('Why lift the legal hold?').fill('Court case closed');
      await admin.page.getByRole('button', { name: 'Lift legal hold' }).click();
      await admin.page.getByText('Not on legal hold.').waitFor();

      // People's rights: find the person by email, then erase with a reason and a confirmation.
      await admin.page.getByRole('link', { name: "People's rights" }).click();
      await onPage(admin.page, "People's rights");
      await checks.check('rights');
      await admin.page
        .getByRole('group', { name: 'Search by' })
        .getByLabel('Email address', { exact: true })
        .check();
      await admin.page.getByLabel('Their email address').fill(SUBJECT.toUpperCase());
      await admin.page.getByRole('button', { name: 'Find records' }).click();
      await admin.page.getByRole('heading', { name: '1 report found' }).waitFor();
      await admin.page.getByRole('link', { name: reference }).waitFor();
      await checks.check('found');
      await admin.page.getByRole('button', { name: 'Erase or anonymise' }).click();
      await admin.page.locator('.govuk-error-summary', { hasText: 'Select erase or' }).waitFor();
      await checks.check('erase-errors');
      const erase = admin.page.getByRole('form', { name: 'Erase or anonymise these records' });
      await erase.getByLabel('Erase', { exact: true }).check();
      await erase.getByLabel('Reason').fill('Erasure request by letter');
      await erase.getByLabel("I have checked these are the right person's records").check();
      await erase.getByRole('button', { name: 'Erase records' }).click();
      await admin.page.getByText('1 report erased').waitFor();
      await admin.page.getByRole('heading', { name: '0 reports found' }).waitFor();
      await checks.check('erased');

      const db = new BetterSqlite3(join(e2e.server.dataDir, 'reports.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT id FROM reports WHERE id = ?').get(reference)).toBeUndefined();
      } finally {
        db.close();
      }
      await admin.page.getByRole('link', { name: 'Access audit' }).click();
      await onPage(admin.page, 'Access audit');
      const erased = admin.page.locator('tbody tr', { hasText: 'Erased records' });
      await erased.waitFor();
      expect(await erased.innerText()).toContain('reason: Erasure request by letter');
      expect((await admin.page.locator('main').innerText()).toLowerCase()).not.toContain(SUBJECT);
      await checks.check('audit-after');

      officerChecks.assertClean();
      checks.assertClean();
      expect(phone.offLoopback).toEqual([]);
    } finally {
      await admin.close();
      await officer.close();
      await phone.context.close();
    }
  });
});
