/**
 * Exactly once through a bad network: the phone talks to the real server through a loopback proxy
 * (net-proxy.ts) that can fail POSTs with 503 or lose the answer after the server has stored the
 * report, and the server itself is stopped and started. Whatever happens, the server ends with
 * exactly one copy and the phone shows the reference the server gave.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newPhoneContext, screenshot } from './harness';
import { serverAndBrowser } from './suite';
import { onPage } from './flow-helpers';
import { startNetProxy, type NetProxy } from './net-proxy';
import {
  fileLittering,
  installApp,
  outboxRecord,
  reportsText,
  storedCopies,
  type PhoneRecord,
} from './outbox-helpers';

const e2e = serverAndBrowser();
let proxy: NetProxy;
let n = 0;

beforeAll(async () => {
  proxy = await startNetProxy({ port: e2e.server.port });
});

afterAll(async () => {
  await proxy?.close();
});

beforeEach(async () => {
  proxy.failNextPosts(0);
  proxy.dropNextResponses(0);
  // A test that failed while the server was stopped must not take the others down with it.
  const up = await fetch(`${e2e.server.url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!up) await e2e.server.start();
});

const postsFor = (id: string) => proxy.posts.filter((p) => p.key === id);
const reference = (page: Page) =>
  page
    .getByText(/^Sent\. Your reference is DBC-/)
    .first()
    .waitFor({ timeout: 20_000 });

function litter(what: string) {
  n++;
  return { address: `Lamp post ${n}, Church Street`, description: `${what} (network test ${n}).` };
}

/**
 * Presses "Send now" while every attempt fails, until the report's own next attempt is at least
 * `ms` away: from then on only something other than the backoff timer can send it in time.
 */
async function pushBackoff(page: Page, id: string, ms: number): Promise<PhoneRecord> {
  const settled = async () => {
    // A drain asked for while another runs makes one more pass: wait until none is sending.
    for (let i = 0; i < 50; i++) {
      const r = await outboxRecord(page, id);
      if (r?.state !== 'sending') return r;
      await page.waitForTimeout(100);
    }
    return outboxRecord(page, id);
  };
  const farOff = (r: PhoneRecord | null) =>
    r?.state === 'queued' && !!r.nextAttemptAt && Date.parse(r.nextAttemptAt) - Date.now() >= ms;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const r = await settled();
    if (farOff(r)) {
      await page.waitForTimeout(1_000);
      const again = await settled();
      if (farOff(again) && again!.attempts === r!.attempts) return again!;
      continue;
    }
    const before = r?.attempts ?? 0;
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect
      .poll(async () => (await outboxRecord(page, id))?.attempts ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(before)
      .catch(() => undefined);
  }
  throw new Error('the backoff never grew: is "Send now" failing attempts?');
}

describe('outbox: a bad network and a server that goes away', () => {
  it('sends by itself after the server was stopped and started again, long before its backoff', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, proxy.url);
      await e2e.server.stop();
      const id = await fileLittering(page, litter('Server down'));
      await onPage(page, 'Report saved on this phone');
      await page.goto(proxy.url + '/reports');
      await onPage(page, 'Reports on this phone');
      // The resident tries a few times; each failed attempt doubles the backoff's ceiling.
      const waiting = await pushBackoff(page, id, 15_000);
      expect(waiting.lastErrorKind).toBe('network');
      await page.getByText('Not sent yet. The app will keep trying.').waitFor();
      // Honest while online: not "when you are online".
      await page.getByText("The council's system could not be reached", { exact: false }).waitFor();
      expect(storedCopies(e2e.server.dataDir, id)).toEqual([]);
      await screenshot(page, 'outbox-05-reports-server-down');

      await e2e.server.start();
      const started = Date.now();
      await reference(page);
      const took = Date.now() - started;
      expect(Date.now()).toBeLessThan(Date.parse(waiting.nextAttemptAt!));
      expect(took).toBeLessThan(10_000);
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect(await reportsText(page)).toContain(`Sent. Your reference is ${copies[0]!.id}`);
    } finally {
      await context.close();
    }
  });

  it('keeps a report through 503s and sends it once with the reference the server gave', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, proxy.url);
      proxy.failNextPosts(2);
      const id = await fileLittering(page, litter('Two 503s first'));
      await onPage(page, 'Report saved on this phone');
      await reference(page);
      expect(await page.locator('h1').innerText()).toBe('Report sent');
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect((await page.locator('.app-reference').innerText()).trim()).toBe(copies[0]!.id);
      expect(postsFor(id).map((p) => [p.outcome, p.status])).toEqual([
        ['failed', 503],
        ['failed', 503],
        ['forwarded', 201],
      ]);
      const phone = await outboxRecord(page, id);
      expect(phone).toMatchObject({ state: 'sent', attempts: 2, reference: copies[0]!.id });
    } finally {
      await context.close();
    }
  });

  it('sends once when the answer was lost after the server stored the report', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, proxy.url);
      proxy.dropNextResponses(1);
      const id = await fileLittering(page, litter('Answer lost'));
      await reference(page);
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      expect((await page.locator('.app-reference').innerText()).trim()).toBe(copies[0]!.id);
      // The server stored it on the first POST (201), the phone never heard; its resend got the
      // first answer back.
      const posts = postsFor(id);
      expect(posts[0]).toMatchObject({ outcome: 'dropped', status: 201 });
      expect(posts.slice(1).map((p) => p.outcome)).toEqual(['forwarded']);
      const phone = await outboxRecord(page, id);
      expect(phone).toMatchObject({ state: 'sent', attempts: 1, reference: copies[0]!.id });
    } finally {
      await context.close();
    }
  });

  it('"Send now" sends at once a report whose next try is far off', async () => {
    const { context, page } = await newPhoneContext(e2e.browser);
    try {
      await installApp(page, proxy.url);
      proxy.failNextPosts(1000);
      const id = await fileLittering(page, litter('Send now'));
      await page.getByRole('link', { name: 'See reports on this phone' }).click();
      await onPage(page, 'Reports on this phone');
      const waiting = await pushBackoff(page, id, 15_000);
      expect(waiting.lastErrorKind).toBe('server');
      await screenshot(page, 'outbox-06-reports-retrying');
      proxy.failNextPosts(0);
      const clicked = Date.now();
      await page.getByRole('button', { name: 'Send now' }).click();
      // Sent by the button, not the backoff timer: the POST comes before its next attempt.
      await page.getByText('1 report sent.').waitFor();
      await reference(page);
      const last = postsFor(id).at(-1)!;
      expect(last).toMatchObject({ outcome: 'forwarded', status: 201 });
      expect(last.at).toBeGreaterThanOrEqual(clicked);
      expect(last.at).toBeLessThan(Date.parse(waiting.nextAttemptAt!));
      expect(storedCopies(e2e.server.dataDir, id)).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('two tabs with the same queued report make one create on the server', async () => {
    const { context, page: a } = await newPhoneContext(e2e.browser);
    try {
      await installApp(a, proxy.url);
      const b = await context.newPage();
      await b.goto(proxy.url + '/reports');
      await onPage(b, 'Reports on this phone');
      await context.setOffline(true);
      // The resident writes in the first tab (the one in front; a background tab is throttled).
      await a.bringToFront();
      const id = await fileLittering(a, litter('Two tabs'));
      await a.goto(proxy.url + '/reports');
      await onPage(a, 'Reports on this phone');
      // The other tab hears of the new report and shows it waiting too.
      await b.getByText('1 report is waiting to be sent.').waitFor();
      await a.getByText('1 report is waiting to be sent.').waitFor();

      await context.setOffline(false);
      await Promise.all([reference(a), reference(b)]);
      const copies = storedCopies(e2e.server.dataDir, id);
      expect(copies).toHaveLength(1);
      for (const tab of [a, b]) {
        expect(await reportsText(tab)).toContain(`Sent. Your reference is ${copies[0]!.id}`);
      }
      // One sender at a time (Web Locks across tabs and the service worker): one POST at all.
      expect(postsFor(id)).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
