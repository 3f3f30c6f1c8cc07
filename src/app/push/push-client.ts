/**
 * The page's side of web push: asking the browser for a push subscription (one per phone, shared
 * by every report) and telling the council which reports it is for, with each report's secret.
 *
 * Notes
 * - Which reports this phone asked about is remembered in localStorage: a list of record ids,
 *   small and only a convenience (the server holds the subscriptions; losing the list only means
 *   the page offers the opt-in again).
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

export const isSubscribed = (recordId: string) => readList().includes(recordId);

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

async function post(path: string, secret: string, fields: Record<string, string>) {
  const answer = await fetch(path, {
    method: 'POST',
    headers: { [REPORT_SECRET_HEADER]: secret },
    body: new URLSearchParams(fields),
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
}

const language = (lng: string): PushLanguage =>
  (PUSH_LANGUAGES as readonly string[]).includes(lng) ? (lng as PushLanguage) : 'en';

/** Asks the council to tell this phone about the report; null when it worked. */
export async function subscribeReport(
  report: { id: string; reference: string },
  lng: string,
): Promise<PushProblem | null> {
  if (!pushSupported()) return 'not-supported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'blocked';
  try {
    const json = (await browserSubscription()).toJSON();
    await post(PUSH_SUBSCRIBE_PATH, report.id, {
      service_request_id: report.reference,
      endpoint: json.endpoint ?? '',
      p256dh: json.keys?.p256dh ?? '',
      auth: json.keys?.auth ?? '',
      lang: language(lng),
    });
  } catch {
    return 'failed';
  }
  writeList([...readList().filter((x) => x !== report.id), report.id]);
  return null;
}

/** Tells the council to stop telling this phone about the report; null when it worked. */
export async function unsubscribeReport(report: {
  id: string;
  reference: string;
}): Promise<PushProblem | null> {
  if (!pushSupported()) return null;
  try {
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription();
    if (subscription) {
      await post(PUSH_UNSUBSCRIBE_PATH, report.id, {
        service_request_id: report.reference,
        endpoint: subscription.endpoint,
      });
    }
  } catch {
    return 'failed';
  }
  writeList(readList().filter((x) => x !== report.id));
  return null;
}
