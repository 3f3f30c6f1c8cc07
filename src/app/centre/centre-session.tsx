/**
 * Who is signed in to centre mode, the key that opens the tablet's sealed reports, and the
 * sealed outbox itself, for the pages under /centre.
 *
 * Notes
 * - The key lives only here, in memory, while a user is signed in. It is made from the secret
 *   the server gives a signed-in session (sign-in, or GET /api/centre/seal-key after a reload)
 *   and dropped on sign-out, on the idle timer, on "Exit this page" and when the server says the
 *   session has ended. Nothing about it is written to storage except as offline-sign-in.ts says.
 * - Without signal, sign-in opens the tablet's offline record (offline-sign-in.ts) with the typed
 *   password: the user is signed in "on this tablet only" (`server: false`) and can file and see
 *   what waits. The typed password is then held in memory, and only until the network is back:
 *   the provider completes the server sign-in with it (on `online`, and every 15 s while the
 *   browser thinks it is online), then drops it. If the server refuses the password (changed by
 *   the council, account closed), the user is signed out and the tablet's offline record for
 *   them is deleted; their sealed reports wait for a sign-in with the new password.
 * - While signed in on the tablet only, a 401 from the list is expected (there is no server
 *   session yet), so it does not sign the user out.
 * - The idle timer signs out after the session's idle limit (what the server says, 15 minutes by
 *   default) with no pointer, key or input events. While the user is active and has a server
 *   session, the session is pinged (GET /api/centre/me) at most every third of the limit so the
 *   server's expiry follows the person, not the app's background work.
 * - Signing out never touches the sealed reports: they wait, sealed, for the next sign-in.
 * - Signing out (the button, the idle timer, "Exit this page") without signal cannot end the
 *   server session, and its cookie is HttpOnly, so the page cannot drop it either: the next
 *   person to open /centre once the signal is back would be signed in as the last user. So a
 *   sign-out that did not reach the server leaves a flag (`nr-centre-sign-out-pending` in
 *   localStorage, nothing personal in it), and the server session is ended before anything
 *   else: when the app starts, when the signal returns, and before the next sign-in.
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
import { identityOf, OfflineSignIn, type OfflineSignInError } from './offline-sign-in';

export type SignedOutReason = 'idle' | 'signed-out' | 'expired' | 'password-changed';

export type CentreState =
  | { kind: 'checking' }
  | { kind: 'out'; reason: SignedOutReason | null }
  /** `server`: false while signed in on this tablet only (no signal yet). */
  | { kind: 'in'; me: api.CentreMe; key: CryptoKey; server: boolean };

export type CentreSignInError =
  api.CentreApiError | { kind: 'offline-sign-in'; error: OfflineSignInError };

interface CentreSessionValue {
  state: CentreState;
  /** The tablet's sealed outbox (null until opened, or when storage is refused). */
  sealed: SealedOutbox | null;
  signIn(email: string, password: string): Promise<Result<void, CentreSignInError>>;
  /** Drops the key at once and ends the server session. */
  signOut(reason: SignedOutReason): void;
}

interface Typed {
  email: string;
  password: string;
}

const Ctx = createContext<CentreSessionValue | null>(null);
const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
const TICK_MS = 1000;
/** How often a tablet-only sign-in tries to reach the server while the browser says online. */
const COMPLETE_EVERY_MS = 15_000;

const SIGN_OUT_PENDING = 'nr-centre-sign-out-pending';

function setSignOutPending(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGN_OUT_PENDING, '1');
    else localStorage.removeItem(SIGN_OUT_PENDING);
  } catch {
    // storage refused: the server's idle limit still ends the session
  }
}

function signOutPending(): boolean {
  try {
    return localStorage.getItem(SIGN_OUT_PENDING) === '1';
  } catch {
    return false;
  }
}

let ending: Promise<void> | null = null;
/** Ends the server session, or leaves the flag for later when the server cannot be reached. */
function endServerSession(): Promise<void> {
  setSignOutPending(true);
  ending ??= api
    .signOut()
    .then((r) => {
      if (r.ok || r.error.kind !== 'offline') setSignOutPending(false);
    })
    .finally(() => {
      ending = null;
    });
  return ending;
}

/** A sign-out that has not reached the server yet is finished first (see the notes). */
async function settlePendingSignOut(): Promise<void> {
  if (ending) await ending;
  if (signOutPending()) await endServerSession();
}

let offlineRecords: Promise<OfflineSignIn | null> | null = null;
/** The tablet's offline sign-in records, opened once; null when IndexedDB is refused. */
function openOfflineRecords(): Promise<OfflineSignIn | null> {
  offlineRecords ??= OfflineSignIn.open().catch(() => null);
  return offlineRecords;
}

/** After a sign-in with signal: keep (or drop) what lets this user sign in without it. */
async function rememberOffline(email: string, password: string, answer: api.CentreSignedIn) {
  const { seal_secret, offline_days, ...m } = answer;
  const records = await openOfflineRecords();
  await records?.remember(email, password, identityOf(m, seal_secret), offline_days).catch(() => {
    // Offline sign-in is a convenience: without the record, signing in needs signal.
  });
}

async function forgetOffline(email: string) {
  const records = await openOfflineRecords();
  await records?.forget(email).catch(() => undefined);
}

export function CentreSessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CentreState>({ kind: 'checking' });
  const [sealed, setSealed] = useState<SealedOutbox | null>(null);
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  /** The typed password, only while signed in on the tablet only (see the notes). */
  const held = useRef<Typed | null>(null);
  const typed = useCallback(() => held.current, []);
  const dropTyped = useCallback(() => {
    held.current = null;
  }, []);

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
      await settlePendingSignOut();
      if (signOutPending()) {
        // Still no signal: whatever the cookie says, this tablet is signed out.
        if (live) setState({ kind: 'out', reason: null });
        return;
      }
      const m = await api.me();
      if (!m.ok) {
        if (live) setState({ kind: 'out', reason: null });
        return;
      }
      const k = await api.sealKey();
      if (!live) return;
      if (!k.ok) setState({ kind: 'out', reason: null });
      else {
        const key = await deriveSealKey(k.value.seal_secret, m.value.user_id);
        if (live) setState({ kind: 'in', me: m.value, key, server: true });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const signOut = useCallback((reason: SignedOutReason) => {
    const s = current.current;
    // Without a server session yet, a 401 is expected: not a reason to sign out.
    if (reason === 'expired' && s.kind === 'in' && !s.server) return;
    held.current = null;
    setState({ kind: 'out', reason });
    if (s.kind !== 'in' || s.server) void endServerSession();
  }, []);

  useEffect(() => {
    const onOnline = () => {
      if (signOutPending()) void settlePendingSignOut();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string): Promise<Result<void, CentreSignInError>> => {
      await settlePendingSignOut();
      const r = await api.signIn(email, password);
      if (r.ok) {
        held.current = null;
        const { seal_secret, offline_days: _days, ...m } = r.value;
        const key = await deriveSealKey(seal_secret, m.user_id);
        setState({ kind: 'in', me: m, key, server: true });
        void rememberOffline(email, password, r.value);
        return ok(undefined);
      }
      if (r.error.kind === 'offline') {
        const records = await openOfflineRecords();
        if (!records) return err({ kind: 'offline-sign-in', error: { kind: 'unavailable' } });
        const local = await records.signIn(email, password);
        if (!local.ok) return err({ kind: 'offline-sign-in', error: local.error });
        const { me, seal_secret } = local.value;
        const key = await deriveSealKey(seal_secret, me.user_id);
        held.current = { email, password };
        setState({ kind: 'in', me, key, server: false });
        return ok(undefined);
      }
      if (r.error.kind === 'refused' && r.error.status === 401) void forgetOffline(email);
      return err(r.error);
    },
    [],
  );

  useCompleteServerSignIn(state, typed, dropTyped, setState, signOut);
  useIdleSignOut(state, signOut);

  return <Ctx.Provider value={{ state, sealed, signIn, signOut }}>{children}</Ctx.Provider>;
}

/** While signed in on the tablet only: sign in to the server once the network is back. */
function useCompleteServerSignIn(
  state: CentreState,
  typedNow: () => Typed | null,
  dropTyped: () => void,
  setState: (update: (s: CentreState) => CentreState) => void,
  signOut: (r: SignedOutReason) => void,
) {
  const userId = state.kind === 'in' && !state.server ? state.me.user_id : null;
  useEffect(() => {
    if (!userId) return;
    let stopped = false;
    let busy = false;
    let notBefore = 0;
    const attempt = async () => {
      const typed = typedNow();
      if (stopped || busy || !typed || !navigator.onLine || Date.now() < notBefore) return;
      busy = true;
      await settlePendingSignOut();
      const r = await api.signIn(typed.email, typed.password);
      busy = false;
      if (stopped) return;
      if (r.ok) {
        if (r.value.user_id !== userId) {
          signOut('signed-out');
          return;
        }
        dropTyped();
        const { seal_secret: _secret, offline_days: _days, ...m } = r.value;
        setState((s) =>
          s.kind === 'in' && s.me.user_id === userId ? { ...s, me: m, server: true } : s,
        );
        void rememberOffline(typed.email, typed.password, r.value);
      } else if (r.error.kind === 'refused' && r.error.status === 401) {
        void forgetOffline(typed.email);
        signOut('password-changed');
      } else if (r.error.kind === 'refused') {
        notBefore = Date.now() + (r.error.retryAfter ?? 60) * 1000;
      }
    };
    const onOnline = () => void attempt();
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => void attempt(), COMPLETE_EVERY_MS);
    void attempt();
    return () => {
      stopped = true;
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }, [userId, typedNow, dropTyped, setState, signOut]);
}

/** Signs out after the idle limit; pings the session while the person is active. */
function useIdleSignOut(state: CentreState, signOut: (r: SignedOutReason) => void) {
  const last = useRef(0);
  const pinged = useRef(0);
  const idleMs = state.kind === 'in' ? state.me.idle_seconds * 1000 : 0;
  const server = state.kind === 'in' && state.server;
  const key = state.kind === 'in' ? state.key : null;
  // A new sign-in starts the clock; completing a tablet-only sign-in on the server does not.
  useEffect(() => {
    last.current = Date.now();
    pinged.current = Date.now();
  }, [key]);
  useEffect(() => {
    if (!idleMs) return;
    const onActivity = () => {
      const now = Date.now();
      last.current = now;
      if (server && now - pinged.current >= idleMs / 3 && navigator.onLine) {
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
  }, [idleMs, server, signOut]);
}

export function useCentreSession(): CentreSessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCentreSession outside CentreSessionProvider');
  return v;
}
