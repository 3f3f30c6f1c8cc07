/**
 * The draft the report flow starts from when its first step arrived rendered by the server.
 *
 * The server renders the step for a new, empty report (it cannot see the phone's storage), so the
 * browser takes that markup over with a new draft too: the same markup, nothing to mismatch. The
 * stored draft is read meanwhile; a report already in progress then replaces the new one and the
 * flow's pages mount again with it. An update alone would not do: React keeps the state of the
 * inputs it takes over (a radio the server left unticked stays unticked whatever the props say).
 * Later entries into the flow load the draft as they always have (flow-context.tsx).
 */
import { useState } from 'react';
import { takingOverServerMarkup } from '../ssr/hydration';
import { newDraft, restoreDraft, type Draft } from './draft';

let early: Promise<Draft | null> | null = null;

/** The report in progress on the phone, or null when there is none (or it cannot be read). */
function readStoredDraft(): Promise<Draft | null> {
  return import('../outbox')
    .then((m) => m.openOutbox())
    .then(async (outbox) => {
      try {
        return restoreDraft(await outbox.loadDraft());
      } finally {
        outbox.close();
      }
    })
    .catch(() => null);
}

export interface FirstDraft {
  /** The draft to render first, or null when the flow should load it itself. */
  draft: Draft | null;
  /** While taking over server markup: the report in progress, to replace `draft` with. */
  inProgress: Promise<Draft | null> | null;
}

/** On the server and while taking over its markup: a new draft. Otherwise nothing. */
export function useFirstDraft(): FirstDraft {
  const [first] = useState<FirstDraft>(() => {
    if (typeof window === 'undefined') return { draft: newDraft(), inProgress: null };
    if (!takingOverServerMarkup()) return { draft: null, inProgress: null };
    early ??= readStoredDraft();
    return { draft: newDraft(), inProgress: early };
  });
  return first;
}
