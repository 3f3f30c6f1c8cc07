/**
 * Background Sync (Chrome and Edge only): the page asks the browser to wake the service worker
 * when there is a network, and the service worker drains the outbox in the `sync` event. Elsewhere
 * this does nothing and the page's own triggers (auto-send.ts) send.
 *
 * Notes
 * - The service worker opens the outbox once per lifetime and reuses it across sync events.
 * - The messages queue uses the same registration and handler (`registerSyncTag`,
 *   `createDrainSyncHandler`) under its own tag, so each queue is drained on its own.
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

/** Registers the sync `tag` (`outbox`, `messages`); true if the browser took it. Never throws. */
export async function registerSyncTag(
  registration: object | null | undefined,
  tag: string,
): Promise<boolean> {
  const sync = (registration as SyncRegistrationLike | null | undefined)?.sync;
  if (typeof sync?.register !== 'function') return false;
  try {
    await sync.register(tag);
    return true;
  } catch {
    // e.g. refused in some embedded contexts: the page's triggers still send
    return false;
  }
}

/** Registers the `outbox` sync; resolves true if the browser took it. Never throws. */
export function requestBackgroundSync(registration: object | null | undefined): Promise<boolean> {
  return registerSyncTag(registration, OUTBOX_SYNC_TAG);
}

/** The part of a SyncEvent the handler uses. */
export interface SyncEventLike {
  readonly tag: string;
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * A service worker `sync` listener for `tag`: drains the queue `open` gives (opened once, again
 * after a failed open) inside event.waitUntil, and rejects while `what` (e.g. "report(s)") wait.
 */
export function createDrainSyncHandler(
  tag: string,
  open: () => Promise<{ drain(): Promise<{ failed: readonly unknown[] }> }>,
  what: string,
): (event: SyncEventLike) => void {
  let queue: ReturnType<typeof open> | null = null;
  const getQueue = () => {
    queue ??= open().catch((e: unknown) => {
      queue = null;
      throw e;
    });
    return queue;
  };
  return (event) => {
    if (event.tag !== tag) return;
    event.waitUntil(
      (async () => {
        const result = await (await getQueue()).drain();
        if (result.failed.length) {
          throw new Error(`${result.failed.length} ${what} still waiting to be sent`);
        }
      })(),
    );
  };
}

/** The service worker's `sync` listener: drains the outbox inside event.waitUntil. */
export function createSyncHandler(open: () => Promise<Outbox>): (event: SyncEventLike) => void {
  return createDrainSyncHandler(OUTBOX_SYNC_TAG, open, 'report(s)');
}

/** Also here because the page asks for both together when it starts. */
export { requestPersistence } from './persistence';
