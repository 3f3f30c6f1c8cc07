/**
 * Background Sync for the messages queue (Chrome and Edge): the page asks the browser to wake the
 * service worker when there is a network, and the service worker drains the queue in the `sync`
 * event, even with the app closed. Elsewhere the page's own triggers (auto-send.ts) send.
 *
 * Notes
 * - Its own tag (`messages`), next to the outbox's `outbox`, so each queue is drained on its own;
 *   the registration and the handler are the outbox's (src/app/outbox/background-sync.ts).
 * - A drain that leaves messages waiting rejects the event's promise, so the browser tries again
 *   later; one that found another sender busy (an open tab) resolves: that tab sends.
 */
import {
  createDrainSyncHandler,
  registerSyncTag,
  type SyncEventLike,
} from '../outbox/background-sync';
import type { Messages } from './queue';

export const MESSAGES_SYNC_TAG = 'messages';

/** Registers the `messages` sync; resolves true if the browser took it. Never throws. */
export function requestMessagesSync(registration: object | null | undefined): Promise<boolean> {
  return registerSyncTag(registration, MESSAGES_SYNC_TAG);
}

/** The service worker's `sync` listener for the `messages` tag. */
export function createMessagesSyncHandler(
  open: () => Promise<Messages>,
): (event: SyncEventLike) => void {
  return createDrainSyncHandler(MESSAGES_SYNC_TAG, open, 'message(s)');
}
