/**
 * Walking the report flow by what is on the page whatever the language: radios and checkboxes by
 * their answer keys, fields by id, the step's submit button, and the path of the next page. Used
 * by the question-set, safety, accessibility and language e2e tests.
 */
import type { Page } from 'playwright-core';
import type { PageChecker } from './flow-helpers';

export const path = (page: Page) => new URL(page.url()).pathname;

/** Waits until the page at `pathname` shows its heading. */
export async function at(page: Page, pathname: string): Promise<void> {
  try {
    await page.waitForFunction((p) => window.location.pathname === p, pathname, {
      timeout: 15_000,
    });
  } catch {
    const h1 = await page
      .locator('h1')
      .first()
      .innerText()
      .catch(() => '(no h1)');
    throw new Error(`expected ${pathname}, still on ${path(page)} ("${h1}")`);
  }
  await page.locator('h1').first().waitFor();
  // A page the server rendered shows before the app's script has taken it over; pressing
  // anything before then is the browser's own form submission, not the app's step.
  await page.locator('html[data-app-ready~="hydrated"]').waitFor({ state: 'attached' });
}

export async function submit(page: Page): Promise<void> {
  await page.locator('main form button[type=submit]').click();
}

/** Selects radios or checkboxes by their answer keys (inputs named `name`). */
export async function choose(page: Page, name: string, ...keys: string[]): Promise<void> {
  for (const k of keys) await page.locator(`input[name="${name}"][value="${k}"]`).check();
}

export interface Step {
  /** Path of the page, e.g. /report/question/size. */
  at: string;
  /** Short name for the screenshot and the axe report. */
  name: string;
  /** What to do on the page before Continue; nothing for guidance pages. */
  act?: (page: Page) => Promise<void>;
  /** Leave the page some other way than the step's Continue button. */
  noSubmit?: boolean;
  /** A page that may not be in the flow (the photos step): passed when it is not shown. */
  optional?: boolean;
}

/** Waits for the first of these paths and returns it. */
async function firstOf(page: Page, paths: string[]): Promise<string> {
  await page
    .waitForFunction((ps) => ps.includes(window.location.pathname), paths, { timeout: 15_000 })
    .catch(() => undefined);
  return path(page);
}

/** Runs the steps in order; each page is photographed and axe-checked when a checker is given. */
export async function walk(page: Page, steps: Step[], checker?: PageChecker): Promise<void> {
  for (const [i, s] of steps.entries()) {
    if (s.optional) {
      const next = steps[i + 1]?.at;
      const here = await firstOf(page, next ? [s.at, next] : [s.at]);
      if (here !== s.at) continue;
    }
    await at(page, s.at);
    await s.act?.(page);
    await checker?.check(s.name);
    if (!s.noSubmit) await submit(page);
  }
}

/** The optional photos or recordings step (passed with nothing added). */
export const EVIDENCE: Step = { at: '/report/evidence', name: 'evidence', optional: true };

export const question = (code: string) => `/report/question/${code}`;
export const RISK_CODES = [
  'risk_in_danger_now',
  'risk_happened_before',
  'risk_often',
  'risk_targeted',
  'risk_health',
  'risk_vulnerable',
  'risk_unsafe_home',
];

/** The introduction and the seven risk questions, answered from `answers` (default "no"). */
export function riskSteps(answers: Record<string, string> = {}): Step[] {
  return [
    { at: '/report/your-safety', name: 'your-safety' },
    ...RISK_CODES.map((code): Step => ({
      at: question(code),
      name: code.replace('_', '-'),
      act: (p) => choose(p, `answer-${code}`, answers[code] ?? 'no'),
    })),
  ];
}

/** Sends from check answers and waits for the server's reference; returns it and the report id. */
export async function sendAndWait(page: Page): Promise<{ id: string; reference: string }> {
  await page.locator('#send-report').click();
  await page.locator('.app-reference').waitFor({ timeout: 20_000 });
  const id = new URL(page.url()).pathname.split('/').pop()!;
  const reference = (await page.locator('.app-reference').innerText()).trim();
  return { id, reference };
}

/** The report as its reporter may see it (full view, with the report's secret). */
export async function fullView(
  baseUrl: string,
  reference: string,
  id: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}/open311/v2/requests/${reference}.json`, {
    headers: { 'X-Report-Secret': id },
  });
  if (res.status !== 200) throw new Error(`GET ${reference}: ${res.status}`);
  const [view] = (await res.json()) as Array<Record<string, unknown>>;
  return view!;
}
