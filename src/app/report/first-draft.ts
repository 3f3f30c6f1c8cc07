/**
 * The draft the report flow starts from when its first step arrived rendered by the server.
 *
 * The server renders the step for a new, empty report (it cannot see the phone's storage). In the
 * browser the flow then waits (suspends) for the stored draft before its first render, so React
 * keeps the server's markup on screen meanwhile and hydrates it when the draft matches (a first
 * visit); a report already in progress replaces it. Later entries into the flow load the draft as
 * they always have (flow-context.tsx).
 */
import { use } from 'react';
import { takingOverServerMarkup } from '../ssr/hydration';
import { newDraft, restoreDraft, type Draft } from './draft';

let early: Promise<Draft> | null = null;

function readStoredDraft(): Promise<Draft> {
  return import('../outbox')
    .then((m) => m.openOutbox())
    .then(async (outbox) => {
      try {
        return restoreDraft(await outbox.loadDraft()) ?? newDraft();
      } finally {
        outbox.close();
      }
    })
    .catch(() => newDraft());
}

/**
 * The draft to start from, or null when the flow should load it itself. On the server: a new
 * draft. While taking over server markup: the stored draft (suspends until read).
 */
export function useFirstDraft(): Draft | null {
  if (typeof window === 'undefined') return newDraft();
  if (!takingOverServerMarkup()) return null;
  early ??= readStoredDraft();
  return use(early);
}
