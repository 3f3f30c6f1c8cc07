/**
 * The messages queue (src/app/messages) as the app uses it: opened once, sending by itself from
 * the moment the app starts, and read by the survey and case-review pages through a hook.
 *
 * Notes
 * - `startMessages` runs at app start (main.tsx, after the first render), so a survey answer or a
 *   case-review application saved without signal is sent when the app is next opened with one,
 *   whatever page it opens on. The module (and zod) load then, not with the start page.
 * - What only the page can do happens here when a message is delivered, whoever sent it (this
 *   tab, another one or the service worker): a survey answer marks the report's survey answered
 *   in the status cache (so it is not offered again), and a case-review application is
 *   remembered in localStorage, where its page reads it (readSent in case-review/send.ts).
 * - Saving while offline also asks for Background Sync, so the service worker can send even if
 *   the app is closed before the signal comes back.
 */
import { useEffect, useState } from 'react';
import type { Result } from '../../shared/result';
import { rememberSent } from '../case-review/send';
import type { MessagePayload, MessageRecord, Messages } from '../messages';
import { markSurveyAnswered } from '../my-reports/report-status';
import { markReady } from '../shell/app-ready';

const load = () => import('../messages');

let opened: Promise<Messages> | null = null;

/** The app's one messages queue, opened (and sending) on first use. */
export function messagesQueue(): Promise<Messages> {
  opened ??= load()
    .then(async (m) => {
      const queue = await m.openMessages();
      markReady('messages');
      const delivered = new Set<string>();
      const onDelivered = async () => {
        const { records } = await queue.list();
        for (const r of records) {
          if (r.state !== 'sent' || delivered.has(r.id)) continue;
          delivered.add(r.id);
          await afterDelivery(r);
        }
      };
      queue.subscribe(() => void onDelivered().catch(() => undefined));
      void onDelivered().catch(() => undefined);
      m.startMessagesAutoSend(queue, window, document);
      return queue;
    })
    .catch((e: unknown) => {
      opened = null;
      throw e;
    });
  return opened;
}

async function afterDelivery(r: MessageRecord): Promise<void> {
  if (r.payload.kind === 'survey') await markSurveyAnswered(r.payload.reportSecret);
  else if (r.answer?.kind === 'case-review') {
    rememberSent({
      reference: r.answer.reference,
      at: r.answer.receivedAt,
      reports: r.answer.reports,
    });
  }
}

/** Called once at app start: opens the queue so anything waiting is sent. */
export function startMessages(): void {
  void messagesQueue().catch(() => undefined);
}

/** Saves a message; offline, also asks the service worker to send it when the signal returns. */
export async function saveMessage(payload: MessagePayload): Promise<Result<MessageRecord, string>> {
  let queue: Messages;
  try {
    queue = await messagesQueue();
  } catch (e) {
    return { ok: false, error: `storage-error: ${(e as Error)?.message ?? String(e)}` };
  }
  const saved = await queue.save(payload);
  if (saved.ok && !navigator.onLine && 'serviceWorker' in navigator) {
    void Promise.all([navigator.serviceWorker.ready, load()])
      .then(([registration, m]) => m.requestMessagesSync(registration))
      .catch(() => undefined);
  }
  return saved;
}

export interface MessagesState {
  records: MessageRecord[];
  loaded: boolean;
  /** IndexedDB could not be opened (some private modes). */
  failed: boolean;
}

/** The queue's messages, kept current through its change notifications. */
export function useMessages(): MessagesState {
  const [state, setState] = useState<MessagesState>({ records: [], loaded: false, failed: false });
  useEffect(() => {
    let cancelled = false;
    let unsubscribe: (() => void) | null = null;
    messagesQueue().then(
      (queue) => {
        if (cancelled) return;
        const refresh = async () => {
          const { records } = await queue.list();
          if (!cancelled) setState({ records, loaded: true, failed: false });
        };
        unsubscribe = queue.subscribe(() => void refresh().catch(() => undefined));
        void refresh().catch(() => undefined);
      },
      () => {
        if (!cancelled) setState({ records: [], loaded: true, failed: true });
      },
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, []);
  return state;
}
