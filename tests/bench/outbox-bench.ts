/**
 * From `online` to the council's acknowledgement, as the phone sees it: N reports are filed
 * through the real app in Chromium while offline, then the phone goes online, and the time is
 * taken inside the page from the `online` event to the moment "Reports on this phone" shows the
 * last of them as "Sent. Your reference is ..." (the outbox records `sent` only when the server
 * has answered with its reference). For 1 and for 50 reports, against the real server on
 * loopback (SQLite in a temp folder). Targets: 2 s and 10 s. Never fails on a time.
 *
 * Notes
 * - Each size gets a fresh browser context (an empty outbox) and an installed app.
 * - The page measures with performance.now(): a listener for `online` and a MutationObserver
 *   that counts the sent states, so Playwright's polling adds nothing to the figure.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, newPhoneContext, startServer } from '../e2e/harness';
import { onPage } from '../e2e/flow-helpers';
import { fileLittering, installApp, storedReports } from '../e2e/outbox-helpers';

export interface OutboxBenchFigure {
  reports: number;
  /** `online` event to the last report shown as sent, in the page. */
  ms: number;
  targetMs: number;
  stored: number;
}

/**
 * Arms the in-page stopwatch (before going online): `online` to `count` reports shown as sent.
 * Read the result with `readStopwatch`. Strings, not functions: tsx (esbuild keepNames) would
 * wrap named inner functions in a helper the page does not have.
 */
async function armStopwatch(page: Page, count: number): Promise<void> {
  await page.evaluate(`void (window.__outboxStopwatch = new Promise((resolve) => {
    let start = null;
    const sent = () =>
      [...document.querySelectorAll('[data-testid="report-state"]')].filter((p) =>
        (p.textContent || '').startsWith('Sent. Your reference is'),
      ).length;
    const check = () => {
      if (start !== null && sent() >= ${Number(count)}) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.addEventListener('online', () => {
      start = performance.now();
      check();
    });
  }))`);
}

async function readStopwatch(page: Page, timeoutMs = 120_000): Promise<number> {
  return Promise.race([
    page.evaluate('window.__outboxStopwatch') as Promise<number>,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not all sent within ${timeoutMs / 1000} s`)), timeoutMs),
    ),
  ]);
}

export async function measureOnlineToAck(
  reports: number[] = [1, 50],
): Promise<OutboxBenchFigure[]> {
  const server = await startServer();
  const browser = await launchBrowser();
  const figures: OutboxBenchFigure[] = [];
  try {
    for (const n of reports) {
      const { context, page } = await newPhoneContext(browser);
      try {
        await installApp(page, server.url);
        await context.setOffline(true);
        for (let i = 1; i <= n; i++) {
          await fileLittering(page, {
            address: `Bench street ${i}`,
            description: `Bench report ${i} of ${n}.`,
          });
        }
        await page.goto(server.url + '/reports');
        await onPage(page, 'Reports on this phone');
        await page
          .getByText(`${n} report${n === 1 ? ' is' : 's are'} waiting to be sent.`)
          .waitFor();
        const before = storedReports(server.dataDir).length;
        await armStopwatch(page, n);
        await context.setOffline(false);
        const ms = await readStopwatch(page);
        figures.push({
          reports: n,
          ms,
          targetMs: n === 1 ? 2_000 : 10_000,
          stored: storedReports(server.dataDir).length - before,
        });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return figures;
}

export function printOutboxBench(figures: OutboxBenchFigure[]): void {
  console.log('\nOutbox: from `online` to the server acknowledging every queued report');
  for (const f of figures) {
    const mark = f.ms <= f.targetMs ? 'within target' : 'OVER TARGET';
    console.log(
      `  ${String(f.reports).padStart(3)} report(s): ${(f.ms / 1000).toFixed(2)} s ` +
        `(target ${f.targetMs / 1000} s, ${mark}; ${f.stored} stored)`,
    );
  }
}

export async function runOutboxBench(): Promise<OutboxBenchFigure[]> {
  const figures = await measureOnlineToAck();
  printOutboxBench(figures);
  return figures;
}
