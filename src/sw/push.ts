/**
 * Web push in the service worker: a push shows "Your report ... has an update" in the language
 * the resident chose when opting in (or, for a reporting centre, "Report ... made by your centre
 * has an update"), and tapping it opens the report's page, which fetches the update itself. The
 * payload carries only the reference, the language, which words to use and who is told
 * (src/shared/push.ts); push-notification.ts turns it into the notification.
 */
/// <reference lib="WebWorker" />
import { notificationFor } from './push-notification';

export function registerPush(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('push', (event) => {
    let data: unknown = null;
    try {
      data = event.data?.json();
    } catch {
      data = null;
    }
    const shown = notificationFor(data);
    if (shown) event.waitUntil(sw.registration.showNotification(shown.title, shown.options));
  });

  sw.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = new URL(
      (event.notification.data as { url?: string } | null)?.url ?? '/reports',
      sw.location.origin,
    ).href;
    event.waitUntil(
      (async () => {
        const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
        const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
        if (open) {
          // navigate() only works on a window this worker controls; otherwise open a new one.
          const moved = await open.navigate(url).catch(() => null);
          if (moved) {
            await moved.focus().catch(() => undefined);
            return;
          }
        }
        await sw.clients.openWindow(url);
      })(),
    );
  });
}
