/**
 * An ASB Case Review application as the messages queue sends it, and remembering on this phone
 * that it was sent.
 *
 * Notes
 * - The application is not posted from here any more: it is saved in the messages queue
 *   (src/app/messages), which sends it now or when the phone is back online, exactly once (the
 *   application_id is the server's idempotency key for it).
 * - Once the council has it, its reference is kept in localStorage (`rememberSent`, called by
 *   src/app/messages-ui when the delivery is seen), so the page says it was sent.
 */
import type { CaseReviewPayload } from '../messages';

export interface Application {
  name: string;
  email: string;
  phone: string;
  address: string;
  details: string;
  consent: boolean;
}

export interface SentApplication {
  reference: string;
  at: string;
  reports: string[];
}

const SENT_KEY = 'nr-case-review';

export function readSent(): SentApplication | null {
  try {
    const v = JSON.parse(localStorage.getItem(SENT_KEY) ?? 'null') as SentApplication | null;
    return v && typeof v.reference === 'string' && typeof v.at === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function rememberSent(sent: SentApplication): void {
  try {
    localStorage.setItem(SENT_KEY, JSON.stringify(sent));
  } catch {
    // not remembered; the council has it anyway
  }
}

/** The queued message for an application (fields trimmed as the council stores them). */
export function applicationPayload(
  applicationId: string,
  a: Application,
  reports: Array<[reference: string, secret: string]>,
): CaseReviewPayload {
  return {
    kind: 'case-review',
    applicationId,
    name: a.name.trim(),
    email: a.email.trim(),
    phone: a.phone.trim(),
    address: a.address.trim(),
    details: a.details.trim(),
    consent: true,
    reports,
  };
}

/** The form again from a saved application (to change one the council refused). */
export function applicationFrom(p: CaseReviewPayload): Application {
  return {
    name: p.name,
    email: p.email,
    phone: p.phone,
    address: p.address,
    details: p.details,
    consent: p.consent,
  };
}
