/**
 * The report being written, shared by the pages of the flow and saved to the outbox's draft store
 * as the resident goes (debounced while typing, at once on Continue, and when the page is hidden),
 * so it survives the tab or the phone being closed.
 */
import {
  createContext,
  Fragment,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useOutbox } from '../my-reports/outbox-context';
import { newDraft, restoreDraft, type Draft } from './draft';
import { useFirstDraft } from './first-draft';
import { serverMarkupTakenOver } from '../ssr/hydration';

interface Flow {
  draft: Draft;
  /** Replaces the draft; saved shortly after (or at once with `{ now: true }`). */
  setDraft: (next: Draft, opts?: { now?: boolean }) => void;
  /** Forgets the draft (after it has been queued) and starts a new one. */
  reset: () => Promise<void>;
  /**
   * Deletes the unsent draft from the phone and saves nothing more from this page ("Exit this
   * page": the page is about to be replaced).
   */
  discard: () => Promise<void>;
}

const FlowContext = createContext<Flow | null>(null);
const SAVE_DELAY_MS = 400;

export function ReportFlowProvider({ children }: { children: ReactNode }) {
  const { outbox, failed } = useOutbox();
  const first = useFirstDraft();
  const [stored, setDraftState] = useState<Draft | null>(first.draft);
  // Bumped when a report in progress replaces the draft the server's markup was taken over with,
  // so the pages mount again from it (first-draft.ts says why).
  const [generation, setGeneration] = useState(0);
  // Without storage (IndexedDB refused) the resident can still write and see the report.
  const [unsaved] = useState(newDraft);
  const draft = stored ?? (failed ? unsaved : null);
  const pending = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const discarded = useRef(false);
  // Whether the resident has changed the draft yet: a report in progress read after they have
  // started must not take their choice back.
  const touched = useRef(false);

  // The first page is the app's own once this flow has rendered in the browser.
  useEffect(serverMarkupTakenOver, []);

  useEffect(() => {
    let live = true;
    void first.inProgress?.then((d) => {
      if (!live || !d || touched.current) return;
      setDraftState(d);
      setGeneration((g) => g + 1);
    });
    return () => {
      live = false;
    };
  }, [first.inProgress]);

  useEffect(() => {
    if (draft || !outbox) return;
    let cancelled = false;
    void outbox.loadDraft().then(
      (stored) => !cancelled && setDraftState(restoreDraft(stored) ?? newDraft()),
      () => !cancelled && setDraftState(newDraft()),
    );
    return () => {
      cancelled = true;
    };
  }, [outbox, draft]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const d = pending.current;
    pending.current = null;
    if (d && outbox && !discarded.current) void outbox.saveDraft(d).catch(() => undefined);
  }, [outbox]);

  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const setDraft = useCallback(
    (next: Draft, opts: { now?: boolean } = {}) => {
      touched.current = true;
      setDraftState(next);
      pending.current = next;
      if (opts.now) flush();
      else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, SAVE_DELAY_MS);
      }
    },
    [flush],
  );

  const reset = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    if (outbox) await outbox.clearDraft().catch(() => undefined);
    setDraftState(newDraft());
  }, [outbox]);

  const discard = useCallback(async () => {
    discarded.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    if (outbox) await outbox.clearDraft().catch(() => undefined);
  }, [outbox]);

  if (!draft) return null;
  return (
    <FlowContext.Provider value={{ draft, setDraft, reset, discard }}>
      <Fragment key={generation}>{children}</Fragment>
    </FlowContext.Provider>
  );
}

/** The flow, or null outside it (e.g. on the confirmation page). */
export function useOptionalFlow(): Flow | null {
  return useContext(FlowContext);
}

export function useFlow(): Flow {
  const f = useContext(FlowContext);
  if (!f) throw new Error('useFlow outside ReportFlowProvider');
  return f;
}
