/**
 * Who is signed in to centre mode, the key that opens the tablet's sealed reports, and the
 * sealed outbox itself, for the pages under /centre.
 *
 * Notes
 * - The key lives only here, in memory, while a user is signed in. It is made from the secret
 *   the server gives a signed-in session (sign-in, or GET /api/centre/seal-key after a reload)
 *   and dropped on sign-out, on the idle timer, on "Exit this page" and when the server says the
 *   session has ended. Nothing about it is written to storage.
 * - The idle timer signs out after the session's idle limit (what the server says, 15 minutes by
 *   default) with no pointer, key or input events. While the user is active and online, the
 *   session is pinged (GET /api/centre/me) at most every third of the limit so the server's
 *   expiry follows the person, not the app's background work.
 * - Signing out never touches the sealed reports: they wait, sealed, for the next sign-in.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { err, ok, type Result } from '../../shared/result';
import { deriveSealKey } from '../outbox/sealed';
import { SealedOutbox } from '../outbox/sealed-outbox';
import * as api from './centre-api';

export type SignedOutReason = 'idle' | 'signed-out' | 'expired';

export type CentreState =
  | { kind: 'checking' }
  | { kind: 'out'; reason: SignedOutReason | null }
  | { kind: 'offline' }
  | { kind: 'in'; me: api.CentreMe; key: CryptoKey };

interface CentreSessionValue {
  state: CentreState;
  /** The tablet's sealed outbox (null until opened, or when storage is refused). */
  sealed: SealedOutbox | null;
  signIn(email: string, password: string): Promise<Result<void, api.CentreApiError>>;
  /** Drops the key at once and ends the server session. */
  signOut(reason: SignedOutReason): void;
}

const Ctx = createContext<CentreSessionValue | null>(null);
const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
const TICK_MS = 1000;

async function signedIn(m: api.CentreMe, secret: string): Promise<CentreState> {
  return { kind: 'in', me: m, key: await deriveSealKey(secret, m.user_id) };
}

export function CentreSessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CentreState>({ kind: 'checking' });
  const [sealed, setSealed] = useState<SealedOutbox | null>(null);

  useEffect(() => {
    let live = true;
    let opened: SealedOutbox | null = null;
    void SealedOutbox.open().then(
      (o) => {
        opened = o;
        if (live) setSealed(o);
        else o.close();
      },
      () => undefined,
    );
    return () => {
      live = false;
      opened?.close();
    };
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const m = await api.me();
      if (!m.ok) {
        if (live)
          setState(
            m.error.kind === 'offline' ? { kind: 'offline' } : { kind: 'out', reason: null },
          );
        return;
      }
      const k = await api.sealKey();
      if (!live) return;
      if (!k.ok) setState({ kind: 'out', reason: null });
      else setState(await signedIn(m.value, k.value.seal_secret));
    })();
    return () => {
      live = false;
    };
  }, []);

  const signOut = useCallback((reason: SignedOutReason) => {
    setState({ kind: 'out', reason });
    void api.signOut();
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const r = await api.signIn(email, password);
    if (!r.ok) return err(r.error);
    const { seal_secret, ...m } = r.value;
    setState(await signedIn(m, seal_secret));
    return ok(undefined);
  }, []);

  useIdleSignOut(state, signOut);

  return <Ctx.Provider value={{ state, sealed, signIn, signOut }}>{children}</Ctx.Provider>;
}

/** Signs out after the idle limit; pings the session while the person is active. */
function useIdleSignOut(state: CentreState, signOut: (r: SignedOutReason) => void) {
  const last = useRef(0);
  const pinged = useRef(0);
  const idleMs = state.kind === 'in' ? state.me.idle_seconds * 1000 : 0;
  useEffect(() => {
    if (!idleMs) return;
    last.current = Date.now();
    pinged.current = Date.now();
    const onActivity = () => {
      const now = Date.now();
      last.current = now;
      if (now - pinged.current >= idleMs / 3 && navigator.onLine) {
        pinged.current = now;
        void api.me().then((r) => {
          if (!r.ok && r.error.kind === 'signed-out') signOut('expired');
        });
      }
    };
    for (const e of ACTIVITY)
      window.addEventListener(e, onActivity, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current >= idleMs) signOut('idle');
    }, TICK_MS);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
      clearInterval(timer);
    };
  }, [idleMs, signOut]);
}

export function useCentreSession(): CentreSessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCentreSession outside CentreSessionProvider');
  return v;
}
