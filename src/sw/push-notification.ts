/**
 * What a push shows and which page a tap opens, from its payload alone (src/shared/push.ts): the
 * reference, the language, the words key and who is told. The words are the `push` keys of the
 * app's locale files; a centre's push uses `push.centre` and opens the centre's page for the
 * report, since the resident's page would find nothing on the centre's tablet.
 *
 * Kept apart from the worker's event wiring (push.ts) so it can be tested without a worker.
 */
import { PushPayloadSchema, type PushLanguage } from '../shared/push';
import { push as cy } from '../app/i18n/locales/cy.json';
import { push as en } from '../app/i18n/locales/en.json';
import { push as pl } from '../app/i18n/locales/pl.json';
import { push as ur } from '../app/i18n/locales/ur.json';

const WORDS: Record<PushLanguage, typeof en> = { en, cy, pl, ur };
const RIGHT_TO_LEFT = new Set<PushLanguage>(['ur']);

/** The report's page, by reference (the app finds the report on the phone by it). */
export const reportPath = (reference: string) => `/reports/${encodeURIComponent(reference)}`;

/** The centre's page for a report it filed (read from the server with its session). */
export const centreReportPath = (reference: string) =>
  `/centre/reports/${encodeURIComponent(reference)}`;

export interface ShownNotification {
  title: string;
  options: NotificationOptions & { data: { url: string } };
}

/** The notification for a push payload, or null when the payload is not one of ours. */
export function notificationFor(data: unknown): ShownNotification | null {
  const parsed = PushPayloadSchema.safeParse(data);
  if (!parsed.success) return null;
  const { ref, lang, key, audience } = parsed.data;
  const words = WORDS[lang];
  const centre = audience === 'centre';
  return {
    title: words.title,
    options: {
      body: (centre ? words.centre : words)[key].replace('{{reference}}', ref),
      lang,
      dir: RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr',
      // One notification per report: a second update replaces the first.
      tag: `report-${ref}`,
      icon: '/icons/icon-192.png',
      data: { url: centre ? centreReportPath(ref) : reportPath(ref) },
    },
  };
}
