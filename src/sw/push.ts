/**
 * Web push in the service worker: a push shows "Your report ... has an update" in the language
 * the resident chose when opting in, and tapping it opens the report's page, which fetches the
 * update itself. The payload carries only the reference, the language and which words to use
 * (src/shared/push.ts); the words are the `push` keys of the app's locale files.
 */
/// <reference lib="WebWorker" />
import { PushPayloadSchema, type PushLanguage } from '../shared/push';
import { push as cy } from '../app/i18n/locales/cy.json';
import { push as en } from '../app/i18n/locales/en.json';
import { push as pl } from '../app/i18n/locales/pl.json';
import { push as ur } from '../app/i18n/locales/ur.json';

const WORDS: Record<PushLanguage, typeof en> = { en, cy, pl, ur };
const RIGHT_TO_LEFT = new Set<PushLanguage>(['ur']);

/** The report's page, by reference (the app finds the report on the phone by it). */
export const reportPath = (reference: string) => `/reports/${encodeURIComponent(reference)}`;

export function notificationFor(
  data: unknown,
): { title: string; options: NotificationOptions } | null {
  const parsed = PushPayloadSchema.safeParse(data);
  if (!parsed.success) return null;
  const { ref, lang, key } = parsed.data;
  const words = WORDS[lang];
  return {
    title: words.title,
    options: {
      body: words[key].replace('{{reference}}', ref),
      lang,
      dir: RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr',
      // One notification per report: a second update replaces the first.
      tag: `report-${ref}`,
      icon: '/icons/icon-192.png',
      data: { url: reportPath(ref) },
    },
  };
}

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
