/**
 * Sends the messages queue by itself: at start, when the phone comes online, when the app is
 * visible again, when the earliest backoff timer is due (src/app/outbox/send-triggers.ts, shared
 * with the outbox), and soon after a message is saved.
 *
 * Notes
 * - Start and a new message are "force" drains like `online` and visible-again: they skip our own
 *   backoff (the last failure, often no signal, may be over) but never the server's Retry-After.
 * - A new message is one queued, never tried and not seen before (saved here, in another tab or
 *   by the service worker): other changes only reschedule.
 */
import {
  startSendTriggers,
  triggerSettings,
  type EventSourceLike,
  type SendTriggerOptions,
  type VisibilitySourceLike,
} from '../outbox/send-triggers';
import type { Messages } from './queue';

export type MessagesAutoSendOptions = SendTriggerOptions;

export function startMessagesAutoSend(
  queue: Messages,
  win: EventSourceLike,
  doc?: VisibilitySourceLike,
  opts: MessagesAutoSendOptions = {},
): () => void {
  const settings = triggerSettings(opts);
  const { onError } = settings;
  const triggers = startSendTriggers(queue, win, doc, settings);
  let known = new Set<string>();

  /** A message saved here or elsewhere: send it now rather than at the next timer. */
  const onChange = async () => {
    if (triggers.stopped()) return;
    try {
      const { records } = await queue.list();
      const fresh = records.filter(
        (r) => r.state === 'queued' && r.attempts === 0 && !known.has(r.id),
      );
      known = new Set(records.map((r) => r.id));
      if (fresh.length) await triggers.run(true);
      else await triggers.schedule();
    } catch (e) {
      onError(e);
    }
  };

  const unsubscribe = queue.subscribe(() => void onChange());
  void queue
    .list()
    .then(({ records }) => void (known = new Set(records.map((r) => r.id))))
    .catch(() => undefined)
    .then(() => triggers.run(true));

  return () => {
    triggers.stop();
    unsubscribe();
  };
}
