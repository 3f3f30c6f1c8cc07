/**
 * Background Sync (Chrome and Edge only): the page asks the browser to wake the service worker
 * when there is a network, and the service worker drains the outbox in the `sync` event. Elsewhere
 * this does nothing and the page's own triggers (auto-send.ts) send.
 *
 * Notes
 * - The service worker opens the outbox once per lifetime and reuses it across sync events.
 * - A drain that leaves reports waiting rejects the event's promise, so the browser schedules
 *   another sync later (Chrome retries a few times with its own backoff). A drain that found
 *   another sender busy (an open tab) resolves: that tab sends.
 */
import type { Outbox } from './types';

/** The sync tag the service worker listens for (src/sw/outbox-sync.ts). */
export const OUTBOX_SYNC_TAG = 'outbox';

interface SyncRegistrationLike {
  sync?: { register?: (tag: string) => Promise<void> };
}

/** Registers the `outbox` sync; resolves true if the browser took it. Never throws. */
export async function requestBackgroundSync(
  registration: object | null | undefined,
): Promise<boolean> {
  const sync = (registration as SyncRegistrationLike | null | undefined)?.sync;
  if (typeof sync?.register !== 'function') return false;
  try {
    await sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    // e.g. refused in some embedded contexts: the page's triggers still send
    return false;
  }
}

/** The part of a SyncEvent the handler uses. */
export interface SyncEventLike {
  readonly tag: string;
  waitUntil(promise: Promise<unknown>): void;
}

/** The service worker's `sync` listener: drains the outbox inside event.waitUntil. */
export function createSyncHandler(open: () => Promise<Outbox>): (event: SyncEventLike) => void {
  let outbox: Promise<Outbox> | null = null;
  const getOutbox = () => {
    outbox ??= open().catch((e: unknown) => {
      outbox = null;
      throw e;
    });
    return outbox;
  };
  return (event) => {
    if (event.tag !== OUTBOX_SYNC_TAG) return;
    event.waitUntil(
      (async () => {
        const result = await (await getOutbox()).drain();
        if (result.failed.length) {
          throw new Error(`${result.failed.length} report(s) still waiting to be sent`);
        }
      })(),
    );
  };
}

/** Also here because the page asks for both together when it starts. */
export { requestPersistence } from './persistence';
