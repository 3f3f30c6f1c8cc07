/**
 * The page's side of web push: asking the browser for a push subscription (one per device, shared
 * by every report) and telling the council which reports it is for, with each report's secret,
 * or for a reporting centre's report with the centre's session (the cookie fetch sends on this
 * origin), which the server takes as the proof instead.
 *
 * Notes
 * - Which reports this device asked about is remembered in localStorage: a list of ids (a
 *   resident's record id, or `centre:` and the reference), small and only a convenience (the
 *   server holds the subscriptions; losing the list only means the page offers the opt-in again).
 * - The browser's subscription is kept when one report is turned off: other reports may use it.
 */
import { REPORT_SECRET_HEADER } from '../../shared/open311';
import {
  PUSH_KEY_PATH,
  PUSH_SUBSCRIBE_PATH,
  PUSH_UNSUBSCRIBE_PATH,
  PushKeySchema,
  type PushLanguage,
  PUSH_LANGUAGES,
} from '../../shared/push';

const LIST_KEY = 'nr-push-reports';
const TIME_LIMIT_MS = 15_000;

export type PushProblem = 'not-supported' | 'blocked' | 'failed';

export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

function readList(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(LIST_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeList(ids: string[]) {
  try {
    localStorage.setItem(LIST_KEY, JSON.stringify(ids));
  } catch {
    // Storage full or blocked: the server still holds the subscription.
  }
}

/** A report the opt-in is for: which one, how it is remembered here, and its proof. */
export interface PushTarget {
  reference: string;
  /** What this device remembers the opt-in by. */
  rememberAs: string;
  /** The report's secret; null for a centre's report, proven by the centre's session instead. */
  secret: string | null;
}

/** A report on this phone (its record id is its secret). */
export const residentTarget = (record: { id: string; reference: string }): PushTarget => ({
  reference: record.reference,
  rememberAs: record.id,
  secret: record.id,
});

/** A report a reporting centre filed, opted in on the centre's device. */
export const centreTarget = (reference: string): PushTarget => ({
  reference,
  rememberAs: `centre:${reference}`,
  secret: null,
});

export const isSubscribed = (target: PushTarget) => readList().includes(target.rememberAs);

const fromBase64url = (text: string) => {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
};

async function browserSubscription(): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  if (existing) return existing;
  const answer = await fetch(PUSH_KEY_PATH, { signal: AbortSignal.timeout(TIME_LIMIT_MS) });
  if (!answer.ok) throw new Error(`push key: ${answer.status}`);
  const { publicKey } = PushKeySchema.parse(await answer.json());
  return registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: fromBase64url(publicKey),
  });
}

async function post(path: string, secret: string | null, fields: Record<string, string>) {
  const answer = await fetch(path, {
    method: 'POST',
    headers: secret === null ? {} : { [REPORT_SECRET_HEADER]: secret },
    credentials: 'same-origin',
    body: new URLSearchParams(fields),
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
}

const language = (lng: string): PushLanguage =>
  (PUSH_LANGUAGES as readonly string[]).includes(lng) ? (lng as PushLanguage) : 'en';

/** Asks the council to tell this device about the report; null when it worked. */
export async function subscribeReport(
  target: PushTarget,
  lng: string,
): Promise<PushProblem | null> {
  if (!pushSupported()) return 'not-supported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'blocked';
  try {
    const json = (await browserSubscription()).toJSON();
    await post(PUSH_SUBSCRIBE_PATH, target.secret, {
      service_request_id: target.reference,
      endpoint: json.endpoint ?? '',
      p256dh: json.keys?.p256dh ?? '',
      auth: json.keys?.auth ?? '',
      lang: language(lng),
    });
  } catch {
    return 'failed';
  }
  writeList([...readList().filter((x) => x !== target.rememberAs), target.rememberAs]);
  return null;
}

/** Tells the council to stop telling this device about the report; null when it worked. */
export async function unsubscribeReport(target: PushTarget): Promise<PushProblem | null> {
  if (!pushSupported()) return null;
  try {
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    if (subscription) {
      await post(PUSH_UNSUBSCRIBE_PATH, target.secret, {
        service_request_id: target.reference,
        endpoint: subscription.endpoint,
      });
    }
  } catch {
    return 'failed';
  }
  writeList(readList().filter((x) => x !== target.rememberAs));
  return null;
}
