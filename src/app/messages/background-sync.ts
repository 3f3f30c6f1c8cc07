/**
 * Background Sync for the messages queue (Chrome and Edge): the page asks the browser to wake the
 * service worker when there is a network, and the service worker drains the queue in the `sync`
 * event, even with the app closed. Elsewhere the page's own triggers (auto-send.ts) send.
 *
 * Notes
 * - Its own tag (`messages`), next to the outbox's `outbox`, so each queue is drained on its own.
 * - A drain that leaves messages waiting rejects the event's promise, so the browser tries again
 *   later; one that found another sender busy (an open tab) resolves: that tab sends.
 */
import type { SyncEventLike } from '../outbox/background-sync';
import type { Messages } from './queue';

export const MESSAGES_SYNC_TAG = 'messages';

interface SyncRegistrationLike {
  sync?: { register?: (tag: string) => Promise<void> };
}

/** Registers the `messages` sync; resolves true if the browser took it. Never throws. */
export async function requestMessagesSync(
  registration: object | null | undefined,
): Promise<boolean> {
  const sync = (registration as SyncRegistrationLike | null | undefined)?.sync;
  if (typeof sync?.register !== 'function') return false;
  try {
    await sync.register(MESSAGES_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

/** The service worker's `sync` listener for the `messages` tag. */
export function createMessagesSyncHandler(
  open: () => Promise<Messages>,
): (event: SyncEventLike) => void {
  let queue: Promise<Messages> | null = null;
  const get = () => {
    queue ??= open().catch((e: unknown) => {
      queue = null;
      throw e;
    });
    return queue;
  };
  return (event) => {
    if (event.tag !== MESSAGES_SYNC_TAG) return;
    event.waitUntil(
      (async () => {
        const result = await (await get()).drain();
        if (result.failed.length) {
          throw new Error(`${result.failed.length} message(s) still waiting to be sent`);
        }
      })(),
    );
  };
}
