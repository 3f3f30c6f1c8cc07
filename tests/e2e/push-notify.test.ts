/**
 * Web push end to end: a resident's report opted in, an officer's update in the staff console,
 * the server's encrypted push reaching a push service on loopback, and the service worker showing
 * the notification, whose click opens the report's page with the update.
 *
 * Notes
 * - Headless Chromium cannot subscribe through a real push service (no internet), so the test
 *   subscribes the report on the server with an endpoint on its own loopback push service and
 *   keys it made, as a browser would. When the push arrives it is decrypted there (RFC 8291) and
 *   its payload handed to the service worker with the DevTools protocol's
 *   ServiceWorker.deliverPushMessage, as Chromium's push service would.
 * - The DevTools protocol cannot click a notification, so the click is a `notificationclick`
 *   event dispatched inside the service worker with the notification it showed: the worker's own
 *   handler runs (no test hook in the app).
 */
import { describe, expect, it } from 'vitest';
import { PUSH_SUBSCRIBE_PATH } from '../../src/shared/push';
import { decryptPush, makePushKeys, startPushService, type PushService } from '../push-service';
import { onPage, PageChecker } from './flow-helpers';
import { newPhoneContext } from './harness';
import {
  flyTippingDraft,
  installApp,
  sendReport,
  staffPage,
  staffPost,
  staffSignInAt,
} from './informed-helpers';
import { serverAndBrowser } from './suite';

let push: PushService;
const e2e = serverAndBrowser({
  env: async () => {
    push = await startPushService();
    return { SEED_DEMO: 'true', PUSH_ENDPOINT_ORIGINS: push.origin };
  },
});

describe('web push', () => {
  it('an officer’s update reaches the phone as a notification, and its click opens the report', async () => {
    const phone = await newPhoneContext(e2e.browser);
    const staff = await staffPage(e2e.browser);
    const resident = new PageChecker(phone.page, 'push-resident');
    try {
      await phone.context.grantPermissions(['notifications'], { origin: e2e.server.url });
      await installApp(phone.page, e2e.server.url);
      const sent = await sendReport(
        phone.page,
        e2e.server.url,
        flyTippingDraft('A fridge left on the verge by the garages.'),
      );
      await phone.page.getByRole('heading', { name: 'Hear back from the council' }).waitFor();
      await phone.page
        .getByRole('button', { name: 'Tell me when the council updates this report' })
        .waitFor();
      await resident.check('confirmation-opt-in');

      // The subscription a browser would make, pointing at the loopback push service.
      const keys = makePushKeys();
      const subscribed = await fetch(e2e.server.url + PUSH_SUBSCRIBE_PATH, {
        method: 'POST',
        headers: { 'x-report-secret': sent.id },
        body: new URLSearchParams({
          service_request_id: sent.reference,
          endpoint: push.endpoint('phone'),
          p256dh: keys.p256dh,
          auth: keys.auth,
          lang: 'en',
        }),
      });
      expect(subscribed.status).toBe(201);

      // Pushes arriving at the push service go on to the phone's service worker.
      const cdp = await phone.context.newCDPSession(phone.page);
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

      await staffSignInAt(staff.page, `${e2e.server.url}/staff/reports/${sent.reference}`);
      await onPage(staff.page, sent.reference);
      const posted = Date.now();
      // The notification, within 5 s of the officer posting.
      const shown = (async () => {
        for (;;) {
          const found = await phone.page.evaluate(async (tag) => {
            const reg = await navigator.serviceWorker.ready;
            const n = (await reg.getNotifications({ tag }))[0];
            return n ? { title: n.title, body: n.body, lang: n.lang } : null;
          }, `report-${sent.reference}`);
          if (found || Date.now() - posted > 5_000) return found;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await staffPost(staff.page, 'Investigating', 'A crew will collect it Friday.');
      const notification = await shown;
      const elapsed = Date.now() - posted;
      console.log(`push: staff update to notification shown in ${elapsed} ms`);
      expect(notification).toEqual({
        title: 'Neighbourhood Reporter',
        body: `Your report ${sent.reference} has an update. Tap to see it.`,
        lang: 'en',
      });
      expect(delivered.map((d) => JSON.parse(d) as unknown)).toEqual([
        { ref: sent.reference, lang: 'en', key: 'update', audience: 'resident' },
      ]);

      // The click, as the worker receives it: the report's page opens and shows the update.
      await phone.page.goto(e2e.server.url + '/reports');
      const worker = phone.context.serviceWorkers()[0]!;
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
      }, `report-${sent.reference}`);
      await phone.page.waitForURL(`${e2e.server.url}/reports/${sent.reference}`);
      await onPage(phone.page, 'Fly-tipping');
      await phone.page.getByText('A crew will collect it Friday.').waitFor({ timeout: 15_000 });
      await resident.check('report-after-click');
      resident.assertClean();
    } finally {
      await staff.close();
      await phone.context.close();
      await push.close();
    }
  });
});
