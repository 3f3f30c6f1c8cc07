/**
 * Web push for a reporting centre: a signed-in centre user opts in on the centre's page for a
 * report it filed ("Tell this device when the council updates this report"), an officer posts an
 * update in the staff console, the server's encrypted push (marked as the centre's) reaches the
 * tablet's service worker as a notification naming only the council reference, and its click
 * opens the centre's page for the report, not the resident's. Each page is checked with axe and
 * photographed at phone size, in English and in Urdu.
 *
 * Notes
 * - Headless Chromium cannot subscribe through a real push service (no internet), so the page's
 *   PushManager (the browser's, not ours) is given the subscription a browser would make, with an
 *   endpoint on the test's loopback push service and keys the test made. Everything of ours runs:
 *   the opt-in, its POST with the centre's session cookie, the server's audience, the push.
 * - As in push-notify.test.ts, the decrypted push is handed to the service worker with
 *   ServiceWorker.deliverPushMessage, and the click is a `notificationclick` dispatched inside
 *   the worker with the notification it showed, so the worker's own handler runs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CENTRES } from '../../src/server/seed/seed';
import { decryptPush, makePushKeys, startPushService, type PushService } from '../push-service';
import { fileForVictim, signInToCentre } from './centre-helpers';
import { installApp, onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import { staffPage, staffPost, staffSignInAt } from './informed-helpers';
import { serverAndBrowser } from './suite';

const CENTRE = DEMO_CENTRES[0];
const NOTE = 'An officer will call the centre this week.';

let push: PushService;
const e2e = serverAndBrowser({
  env: async () => {
    push = await startPushService();
    return { SEED_DEMO: 'true', PUSH_ENDPOINT_ORIGINS: push.origin };
  },
});

/** The subscription Chromium would make, on the loopback push service, in every page. */
async function browserPushService(
  page: Page,
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
) {
  await page.context().addInitScript((s) => {
    let current: null | { endpoint: string; toJSON: () => typeof s } = null;
    PushManager.prototype.subscribe = () => {
      current = { endpoint: s.endpoint, toJSON: () => s };
      return Promise.resolve(current as unknown as PushSubscription);
    };
    PushManager.prototype.getSubscription = () =>
      Promise.resolve(current as unknown as PushSubscription | null);
  }, subscription);
}

describe("web push for a reporting centre's report", () => {
  it('a centre opts in on its report page, and an update opens the centre’s page for it', async () => {
    const reference = await fileForVictim(e2e.server.url, CENTRE, 'LIB-PUSH-1');
    const tablet = await newPhoneContext(e2e.browser);
    const staff = await staffPage(e2e.browser);
    const checker = new PageChecker(tablet.page, 'centre-push');
    const { page, context } = tablet;
    try {
      await context.grantPermissions(['notifications'], { origin: e2e.server.url });
      const keys = makePushKeys();
      await browserPushService(page, {
        endpoint: push.endpoint('tablet'),
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      });
      await installApp(page, e2e.server.url);
      await page.goto(e2e.server.url + '/centre');
      await signInToCentre(page, CENTRE);
      await page.goto(`${e2e.server.url}/centre/reports/${reference}`);
      await onPage(page, 'Hate incident or hate crime');

      // Worded for a centre: the victim is not told, only the reference, only this device.
      const optIn = page.locator('section', {
        has: page.getByRole('heading', { name: 'Hear back from the council' }),
      });
      const explained = await optIn.innerText();
      for (const words of [
        'The victim is not told.',
        reference,
        'Only this device is told',
        'You can stop it at any time.',
      ]) {
        expect(explained).toContain(words);
      }
      await checker.check('opt-in');
      await page
        .getByRole('button', { name: 'Tell this device when the council updates this report' })
        .click();
      await page
        .getByText('This device will tell you when the council updates this report.')
        .waitFor();
      await page
        .getByRole('button', { name: 'Stop telling this device about this report' })
        .waitFor();
      await checker.check('opted-in');

      // The same page in Urdu, right to left, still opted in.
      await page
        .getByRole('navigation', { name: /Language/ })
        .getByRole('link', { name: 'اردو' })
        .click();
      await page
        .getByRole('button', { name: 'اس رپورٹ کے بارے میں اس ڈیوائس کو بتانا بند کریں' })
        .waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await checker.check('opted-in-ur');
      await page
        .getByRole('navigation', { name: /زبان/ })
        .getByRole('link', { name: 'English' })
        .click();
      await page
        .getByRole('button', { name: 'Stop telling this device about this report' })
        .waitFor();

      // Pushes arriving at the push service go on to the tablet's service worker.
      const cdp = await context.newCDPSession(page);
      const registrationId = new Promise<string>((resolve) => {
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
          const mine = registrations.find((r) => r.scopeURL.startsWith(e2e.server.url));
          if (mine && !mine.isDeleted) resolve(mine.registrationId);
        });
      });
      await cdp.send('ServiceWorker.enable');
      const registration = await registrationId;
      const delivered: string[] = [];
      push.onPush = (received) => {
        const data = decryptPush(received.body, keys).toString('utf8');
        delivered.push(data);
        void cdp.send('ServiceWorker.deliverPushMessage', {
          origin: e2e.server.url,
          registrationId: registration,
          data,
        });
      };

      await staffSignInAt(staff.page, `${e2e.server.url}/staff/reports/${reference}`);
      await onPage(staff.page, reference);
      await staffPost(staff.page, 'Investigating', NOTE);
      await expect
        .poll(
          () =>
            page.evaluate(async (tag) => {
              const reg = await navigator.serviceWorker.ready;
              const n = (await reg.getNotifications({ tag }))[0];
              return n ? { title: n.title, body: n.body, lang: n.lang } : null;
            }, `report-${reference}`),
          { timeout: 15_000 },
        )
        .toEqual({
          title: 'Neighbourhood Reporter',
          body: `Report ${reference} made by your centre has an update. Tap to see it.`,
          lang: 'en',
        });
      // Marked as the centre's; nothing of the report or the officer's note in it.
      expect(delivered.map((d) => JSON.parse(d) as unknown)).toEqual([
        { ref: reference, lang: 'en', key: 'update', audience: 'centre' },
      ]);

      // The click, as the worker receives it: the centre's page for the report opens.
      await page.goto(e2e.server.url + '/centre');
      await onPage(page, `Reports for ${CENTRE.name}`);
      const worker = context.serviceWorkers()[0]!;
      await worker.evaluate(async (tag) => {
        // In the worker's scope (WebWorker types are not in this program's libs).
        const sw = self as unknown as {
          registration: ServiceWorkerRegistration;
          NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
          dispatchEvent(event: Event): boolean;
        };
        const [notification] = await sw.registration.getNotifications({ tag });
        sw.dispatchEvent(
          new sw.NotificationEvent('notificationclick', { notification: notification! }),
        );
      }, `report-${reference}`);
      await page.waitForURL(`${e2e.server.url}/centre/reports/${reference}`);
      await onPage(page, 'Hate incident or hate crime');
      await page.getByText(NOTE).waitFor({ timeout: 15_000 });
      await checker.check('after-click');
      checker.assertClean();
    } finally {
      await staff.close();
      await context.close();
      await push.close();
    }
  });
});
