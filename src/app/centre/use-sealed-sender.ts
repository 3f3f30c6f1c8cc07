/**
 * Sends the signed-in user's sealed reports: when they sign in, when a report is added, when the
 * tablet comes back online, and when a backed-off report is due. Only here, in the page, with the
 * key in memory: the service worker cannot send these (it has no key).
 */
import { useEffect } from 'react';
import type { SealedOutbox } from '../outbox/sealed-outbox';
import type { CentreState } from './centre-session';

const MIN_WAIT_MS = 500;
const MAX_WAIT_MS = 60_000;

export function useSealedSender(
  sealed: SealedOutbox | null,
  state: CentreState,
  onSessionEnded: () => void,
  onSent: () => void,
): void {
  // Sending needs a server session: a tablet-only sign-in (no signal yet) waits for it.
  const key = state.kind === 'in' && state.server ? state.key : null;
  const owner = state.kind === 'in' && state.server ? state.me.user_id : null;
  useEffect(() => {
    if (!sealed || !key || !owner) return;
    let stopped = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = async () => {
      const wake = await sealed.nextWakeUp(owner);
      if (stopped) return;
      clearTimeout(timer);
      if (wake === null) return;
      const wait = Math.min(Math.max(wake - Date.now(), MIN_WAIT_MS), MAX_WAIT_MS);
      timer = setTimeout(() => void run(false), wait);
    };

    const run = async (force: boolean) => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        if (navigator.onLine) {
          const r = await sealed.drain(key, owner, { force });
          if (stopped) return;
          if (r.sent.length) onSent();
          if (r.signedOut) {
            onSessionEnded();
            return;
          }
        }
      } finally {
        running = false;
      }
      if (again && !stopped) {
        again = false;
        await run(false);
      } else await schedule();
    };

    const onOnline = () => void run(true);
    window.addEventListener('online', onOnline);
    const unsubscribe = sealed.subscribe(() => void run(false));
    void run(false);
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('online', onOnline);
    };
  }, [sealed, key, owner, onSessionEnded, onSent]);
}
