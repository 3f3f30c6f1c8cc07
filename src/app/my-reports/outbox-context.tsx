/**
 * The phone's outbox (src/app/outbox) opened once for the whole app, with its records kept in
 * React state through the outbox's own change notifications.
 *
 * Notes
 * - Opening the outbox starts automatic sending (app start, online, visibility, backoff timer)
 *   and asks for persistent storage; both stop when the provider unmounts.
 * - If IndexedDB cannot be opened (some private modes), `failed` is set and the pages say that
 *   reports cannot be saved on this phone instead of pretending.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  openOutbox,
  requestPersistence,
  startAutoSend,
  type Corrupt,
  type Outbox,
  type OutboxRecord,
} from '../outbox';

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
  open = openOutbox,
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
          if (!cancelled) setState({ outbox, failed: false, records, corrupt, loaded: true });
        };
        const unsubscribe = outbox.subscribe(() => void refresh());
        const stop = startAutoSend(outbox, { window, document });
        void requestPersistence();
        void refresh();
        cleanup = () => {
          unsubscribe();
          stop();
          outbox.close();
        };
      },
      () => {
        if (!cancelled) setState({ ...initial, failed: true, loaded: true });
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
