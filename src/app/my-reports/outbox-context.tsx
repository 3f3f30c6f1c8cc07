/**
 * The phone's outbox (src/app/outbox) opened once for the whole app, with its records kept in
 * React state through the outbox's own change notifications.
 *
 * Notes
 * - Opening the outbox starts automatic sending (app start, online, visibility, backoff timer,
 *   and a health probe while a report waits after a failure with no answer) and asks for
 *   persistent storage; both stop when the provider unmounts.
 * - If IndexedDB cannot be opened (some private modes), `failed` is set and the pages say that
 *   reports cannot be saved on this phone instead of pretending.
 */
import {
  createContext,
  startTransition,
  useContext,
  useEffect,
  useState,
  type ReactNode,
} from 'react';
import type { Corrupt, Outbox, OutboxRecord } from '../outbox';
import { markReady } from '../shell/app-ready';

/**
 * The outbox module (and zod with it) is loaded after the first render, so the start page's
 * critical JS stays small; reports are still read and sent within moments of opening the app.
 */
const outboxModule = () => import('../outbox');
const openDefault = () => outboxModule().then((m) => m.openOutbox());

export interface OutboxState {
  outbox: Outbox | null;
  failed: boolean;
  records: OutboxRecord[];
  corrupt: Corrupt[];
  /** True once the first list has been read (so pages can tell "none" from "not read yet"). */
  loaded: boolean;
}

const initial: OutboxState = {
  outbox: null,
  failed: false,
  records: [],
  corrupt: [],
  loaded: false,
};
const OutboxContext = createContext<OutboxState>(initial);

export function OutboxProvider({
  children,
  open = openDefault,
}: {
  children: ReactNode;
  /** For tests: how to open the outbox (e.g. with another database name). */
  open?: () => Promise<Outbox>;
}) {
  const [state, setState] = useState<OutboxState>(initial);
  useEffect(() => {
    let cancelled = false;
    let cleanup: (() => void) | null = null;
    open().then(
      (outbox) => {
        if (cancelled) {
          outbox.close();
          return;
        }
        const refresh = async () => {
          const { records, corrupt } = await outbox.list();
          // A transition: pages still taking over the server's markup keep it (a plain update
          // above them would make React render them again from nothing, and the page jump).
          if (!cancelled) {
            startTransition(() =>
              setState({ outbox, failed: false, records, corrupt, loaded: true }),
            );
          }
        };
        markReady('outbox');
        const unsubscribe = outbox.subscribe(() => void refresh());
        let stop: (() => void) | null = null;
        void outboxModule().then((m) => {
          if (cancelled) return;
          // The probe notices the council's server coming back after an outage (no event fires).
          stop = m.startAutoSend(outbox, { window, document }, undefined, {
            probe: m.healthProbe('/api/health'),
          });
          void m.requestPersistence();
        });
        void refresh();
        cleanup = () => {
          markReady('outbox', false);
          unsubscribe();
          stop?.();
          outbox.close();
        };
      },
      () => {
        if (!cancelled) startTransition(() => setState({ ...initial, failed: true, loaded: true }));
      },
    );
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [open]);
  return <OutboxContext.Provider value={state}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxState {
  return useContext(OutboxContext);
}
