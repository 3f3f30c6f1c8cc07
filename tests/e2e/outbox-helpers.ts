/**
 * Helpers for the outbox's end-to-end tests and the chaos run: install the app, file a short
 * report through the UI, and count what the server really stored (its SQLite file, read-only).
 *
 * Notes
 * - Reports are filed in "Littering" (one question), the shortest honest path through the flow.
 * - The server's copy is read from `reports.sqlite` under its data folder with a read-only
 *   connection, so a count does not depend on the API's paging or views; the phone's UUID is
 *   matched through `secret_hash` (sha256 of the Idempotency-Key), as the server stores it.
 * - The server reads the council's configuration at start, so `serverWithEditableCouncil`
 *   withdraws a category by editing its own copy of the demo council and restarting the server.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { DB_VERSION, DEFAULT_DB_NAME } from '../../src/app/outbox/schema';
import { DEMO_COUNCIL_PATH } from '../../src/server/config/load-council';
import { appReady, continueOn, installApp, onPage, skipEvidence } from './flow-helpers';
import { serverAndBrowser, type E2eFile } from './suite';

export const LITTER_AMOUNT = 'A small amount';
/** The outbox's IndexedDB database. */
export const OUTBOX_DB = DEFAULT_DB_NAME;

/** What the phone says of a waiting littering report once the council has withdrawn "Littering". */
export const LITTERING_WITHDRAWN =
  'Needs your attention: "Littering" no longer takes new reports; choose another category';

export interface EditableCouncil extends E2eFile {
  /** The council withdraws a category: the copy is edited and the server restarted. */
  withdraw(code: string): Promise<void>;
  /**
   * Installs the app, files a littering report without signal and withdraws "Littering" while
   * it waits (the phone stays offline); returns the report's id.
   */
  litteringWithdrawnWhileWaiting(
    context: BrowserContext,
    page: Page,
    r: { address: string; description: string },
  ): Promise<string>;
}

/** The file's server (on a copy of the demo council) and browser, and a way to withdraw a category. */
export function serverWithEditableCouncil(): EditableCouncil {
  let config = '';
  const e2e = serverAndBrowser({
    env: () => {
      config = join(mkdtempSync(join(tmpdir(), 'nr-council-')), 'council.json');
      copyFileSync(DEMO_COUNCIL_PATH, config);
      return { COUNCIL_CONFIG: config };
    },
  });
  const withdraw = async (code: string): Promise<void> => {
    const council = JSON.parse(readFileSync(config, 'utf8')) as {
      services: Array<{ service_code: string; active?: boolean }>;
    };
    council.services.find((s) => s.service_code === code)!.active = false;
    writeFileSync(config, JSON.stringify(council, null, 2));
    await e2e.server.stop();
    await e2e.server.start();
  };
  return Object.assign(e2e, {
    withdraw,
    async litteringWithdrawnWhileWaiting(
      context: BrowserContext,
      page: Page,
      r: { address: string; description: string },
    ): Promise<string> {
      await installApp(page, e2e.server.url);
      await context.setOffline(true);
      const id = await fileLittering(page, r);
      await withdraw('littering');
      return id;
    },
  });
}

/** The app installed (flow-helpers.ts), for the tests that import it from here. */
export { installApp } from './flow-helpers';

const START_LINK = /^(Start now|Report another problem|Report a new problem)$/;

/** From anywhere in the app: a new littering report up to "Where is the problem?". */
export async function startLittering(page: Page): Promise<void> {
  // "Start now" (start page), "Report another problem" (confirmation), "Report a new problem" (/reports)
  await page.getByRole('link', { name: START_LINK }).first().click();
  await onPage(page, 'What is the problem?');
  await page.getByLabel('Littering', { exact: true }).check();
  await continueOn(page);
  await onPage(page, 'How much litter is there?');
  await page.getByLabel(LITTER_AMOUNT, { exact: true }).check();
  await continueOn(page);
  await skipEvidence(page);
  await onPage(page, 'Where is the problem?');
}

/** From anywhere in the app: a littering report up to "Check your answers". */
export async function fillLittering(
  page: Page,
  r: { address: string; description: string },
): Promise<void> {
  await startLittering(page);
  await page.getByLabel('Where is the problem?').fill(r.address);
  await continueOn(page);
  await onPage(page, 'What happened?');
  await page.getByLabel('What happened?').fill(r.description);
  await continueOn(page);
  await onPage(page, 'How do you want to report this?');
  await page.getByLabel('Report anonymously').check();
  await continueOn(page);
  await onPage(page, 'Check your answers before sending your report');
}

/**
 * Answers the category's questions, whatever they are, until the page headed `until`: the last
 * choice of each list (usually "No" or "not sure", which asks no follow-up question), and "Not
 * known" in a text box only if the page refuses to continue without it.
 */
export async function answerQuestionsUntil(page: Page, until: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const h1 = page.locator('h1').first();
    await h1.waitFor();
    if ((await h1.innerText()).trim() === until) return;
    const main = page.locator('main');
    const radios = main.locator('input[type=radio]');
    if ((await radios.count()) > 0) await radios.last().check();
    const boxes = main.locator('input[type=checkbox]');
    if (
      (await boxes.count()) > 0 &&
      (await main.locator('input[type=checkbox]:checked').count()) === 0
    )
      await boxes.last().check();
    const before = page.url();
    await continueOn(page);
    // The next page, or the error summary of a page that refuses to continue.
    const moved = await Promise.race([
      page.waitForURL((u) => u.toString() !== before).then(() => true),
      page
        .locator('.govuk-error-summary')
        .waitFor()
        .then(() => false),
    ]);
    if (moved) continue;
    for (const box of await main.locator('input[type=text], textarea').all()) {
      if (!(await box.inputValue())) await box.fill('Not known');
    }
    await continueOn(page);
    await page.waitForURL((u) => u.toString() !== before);
  }
  throw new Error(`did not reach "${until}" after 20 pages`);
}

/** Files a littering report through the UI and returns the report's id (its Idempotency-Key). */
export async function fileLittering(
  page: Page,
  r: { address: string; description: string },
): Promise<string> {
  await fillLittering(page, r);
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.waitForURL(/\/report\/sent\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

export interface StoredReport {
  id: string;
  service_code: string;
  description: string;
  secret_hash: string | null;
}

export const keyHash = (id: string) => createHash('sha256').update(id.toLowerCase()).digest('hex');

/** Every report the server has stored, read from its SQLite file without writing to it. */
export function storedReports(dataDir: string): StoredReport[] {
  const file = join(dataDir, 'reports.sqlite');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT id, service_code, description, secret_hash FROM reports ORDER BY id')
      .all() as StoredReport[];
  } finally {
    db.close();
  }
}

/** The server's copies of the phone's report `id` (exactly one is right). */
export function storedCopies(dataDir: string, id: string): StoredReport[] {
  const h = keyHash(id);
  return storedReports(dataDir).filter((r) => r.secret_hash === h);
}

/** Text of the card for the report whose heading is `name` on /reports (first match). */
export async function reportsText(page: Page): Promise<string> {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

export interface PhoneRecord {
  state: string;
  attempts: number;
  reference: string | null;
  nextAttemptAt: string | null;
  lastErrorKind: string | null;
  lastError: string | null;
}

/** Reads one outbox record straight from IndexedDB (what the phone believes), for assertions. */
export async function outboxRecord(page: Page, id: string): Promise<PhoneRecord | null> {
  await appReady(page, 'outbox');
  return page.evaluate(
    ({ name, version, key }) =>
      new Promise<PhoneRecord | null>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('reports').objectStore('reports').get(key);
          get.onsuccess = () => {
            db.close();
            const v = get.result as PhoneRecord | undefined;
            resolve(
              v
                ? {
                    state: v.state,
                    attempts: v.attempts,
                    reference: v.reference,
                    nextAttemptAt: v.nextAttemptAt,
                    lastErrorKind: v.lastErrorKind,
                    lastError: v.lastError,
                  }
                : null,
            );
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { name: OUTBOX_DB, version: DB_VERSION, key: id },
  );
}
