/**
 * Background Sync for the messages queue (survey answers, case-review applications): where the
 * browser supports it, the service worker sends them when the phone has a network again, even
 * with the app closed. The logic lives in src/app/messages/background-sync.ts (tested there).
 */
import { createMessagesSyncHandler, openMessages, type OpenMessagesOptions } from '../app/messages';

/** Listens for the `messages` sync event and sends waiting messages inside it. */
export function registerMessagesSync(
  sw: ServiceWorkerGlobalScope,
  opts?: OpenMessagesOptions,
): void {
  const handle = createMessagesSyncHandler(() => openMessages(opts));
  sw.addEventListener('sync', (event: Event) => {
    const sync = event as ExtendableEvent & { tag?: unknown };
    if (typeof sync.tag === 'string')
      handle({ tag: sync.tag, waitUntil: (p) => sync.waitUntil(p) });
  });
}
