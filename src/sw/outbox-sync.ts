/**
 * Background Sync for the outbox: where the browser supports it (Chrome, Edge), it wakes the
 * service worker when the phone has a network again, even with the app closed, and the outbox is
 * drained there. The logic lives in src/app/outbox/background-sync.ts (tested there).
 */
import { createSyncHandler, openOutbox, type OpenOutboxOptions } from '../app/outbox';

/** Listens for the `outbox` sync event and sends queued reports inside it. */
export function registerOutboxSync(sw: ServiceWorkerGlobalScope, opts?: OpenOutboxOptions): void {
  const handle = createSyncHandler(() => openOutbox(opts));
  sw.addEventListener('sync', (event: Event) => {
    const sync = event as ExtendableEvent & { tag?: unknown };
    if (typeof sync.tag === 'string')
      handle({ tag: sync.tag, waitUntil: (p) => sync.waitUntil(p) });
  });
}
