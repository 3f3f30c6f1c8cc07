/**
 * Steps through the report flow the way a resident does (labels and buttons, not selectors), with
 * an accessibility check and a phone-size screenshot of every page on the way.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, screenshot } from './harness';

export interface PageCheck {
  name: string;
  violations: Awaited<ReturnType<typeof axeViolations>>;
}

/** Collects axe results and screenshots page by page; `assertClean` fails listing every page. */
export class PageChecker {
  readonly results: PageCheck[] = [];
  constructor(
    private readonly page: Page,
    private readonly prefix: string,
  ) {}

  async check(name: string): Promise<void> {
    // A short settle before the picture: pages that poll (the outbox's health probe while a
    // report waits, an offline page retrying) never reach network idle, and waiting for the
    // default 30 s on each check made some suites take minutes.
    await this.page.waitForLoadState('networkidle', { timeout: 2_000 }).catch(() => undefined);
    await screenshot(
      this.page,
      `${this.prefix}-${String(this.results.length + 1).padStart(2, '0')}-${name}`,
    );
    this.results.push({ name, violations: await axeViolations(this.page) });
  }

  assertClean(): void {
    const bad = this.results.filter((r) => r.violations.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
  }
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Waits for the page whose h1 is `text` (the router moves focus to it). */
export async function onPage(page: Page, text: string): Promise<void> {
  await page.locator('h1', { hasText: text }).first().waitFor();
}

/** What the app marks ready on <html data-app-ready> (src/app/shell/app-ready.ts). */
export type ReadyPart = 'hydrated' | 'outbox' | 'messages' | 'offline';

/**
 * Waits until the app marks every part ready: `outbox`/`messages` once their databases are open
 * (reaching into IndexedDB before that would create an empty database), `offline` once a service
 * worker controls the page.
 */
export async function appReady(page: Page, ...parts: ReadyPart[]): Promise<void> {
  const selector = `html${parts.map((p) => `[data-app-ready~="${p}"]`).join('')}`;
  try {
    await page.locator(selector).waitFor({ state: 'attached', timeout: 30_000 });
  } catch (e) {
    const marked = await page.evaluate(() => document.documentElement.dataset.appReady ?? '');
    throw new Error(`the app did not mark "${parts.join(' ')}" ready (it marked "${marked}")`, {
      cause: e,
    });
  }
}

/** Loads the app, waits for its service worker and reloads so the page is controlled (installed). */
export async function installApp(page: Page, url: string): Promise<void> {
  await page.goto(url + '/');
  await onPage(page, 'Report a problem');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await onPage(page, 'Report a problem');
  await appReady(page, 'offline');
}

/** Takes the phone offline and waits until the page knows (navigator.onLine false). */
export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine, undefined, { timeout: 10_000 });
}

export async function continueOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/** The optional photos (or recordings) step: passed with nothing added. */
export const EVIDENCE_TITLE =
  /^(Add photos|Record the noise|Add photos or recordings) \(optional\)$/;

export async function skipEvidence(page: Page): Promise<void> {
  await page.locator('h1', { hasText: EVIDENCE_TITLE }).first().waitFor();
  await continueOn(page);
}

export interface FlyTippingAnswers {
  size: string;
  wasteTypes: string[];
  hazards: string[];
  landType: string;
  witnessed: 'Yes' | 'No';
  registration?: string;
  vehicle?: string;
}

/** From the category page to check answers for a fly-tipping report. */
export async function fileFlyTipping(
  page: Page,
  a: FlyTippingAnswers,
  where: { address: string; lat?: string; long?: string },
  description: string,
  checker?: PageChecker,
): Promise<void> {
  await onPage(page, 'What is the problem?');
  await page.getByLabel('Fly-tipping', { exact: true }).check();
  await continueOn(page);

  await onPage(page, 'How much has been dumped?');
  await checker?.check('question-size');
  await page.getByLabel(a.size, { exact: true }).check();
  await continueOn(page);

  await onPage(page, 'What kind of waste is it?');
  await checker?.check('question-waste-types');
  for (const w of a.wasteTypes) await page.getByLabel(w, { exact: true }).check();
  await continueOn(page);

  await onPage(page, 'Is any of it dangerous?');
  for (const h of a.hazards) await page.getByLabel(h, { exact: true }).check();
  await continueOn(page);

  await onPage(page, 'Where is it?');
  await page.getByLabel(a.landType, { exact: true }).check();
  await continueOn(page);

  await onPage(page, 'Did you see who dumped it?');
  await page.getByLabel(a.witnessed, { exact: true }).check();
  await continueOn(page);

  if (a.witnessed === 'Yes') {
    await onPage(page, 'Vehicle registration, if you saw it');
    await checker?.check('question-registration');
    await page.getByLabel('Vehicle registration, if you saw it').fill(a.registration ?? '');
    await continueOn(page);
    await onPage(page, 'Vehicle make and colour');
    await page.getByLabel('Vehicle make and colour').fill(a.vehicle ?? '');
    await continueOn(page);
  }

  await skipEvidence(page);

  await onPage(page, 'Where is the problem?');
  await checker?.check('where');
  await page.getByLabel('Where is the problem?').fill(where.address);
  if (where.lat) await page.getByLabel(/^Latitude/).fill(where.lat);
  if (where.long) await page.getByLabel(/^Longitude/).fill(where.long);
  await continueOn(page);

  await onPage(page, 'What happened?');
  await checker?.check('what');
  await page.getByLabel('What happened?').fill(description);
  await continueOn(page);

  await onPage(page, 'How do you want to report this?');
  await checker?.check('details');
  await page.getByLabel('Report anonymously').check();
  await continueOn(page);

  await onPage(page, 'Check your answers before sending your report');
}
