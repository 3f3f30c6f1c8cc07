/** Sending an ASB Case Review application, and remembering on this phone that it was sent. */
import { err, ok, type Result } from '../../shared/result';

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

/** Posts the application; the error is 'offline' or the council's message. */
export async function sendApplication(
  applicationId: string,
  a: Application,
  reports: Array<[reference: string, secret: string]>,
): Promise<Result<SentApplication, string>> {
  const body = new URLSearchParams([
    ['application_id', applicationId],
    ['name', a.name.trim()],
    ['email', a.email.trim()],
    ['phone', a.phone.trim()],
    ['address', a.address.trim()],
    ['details', a.details.trim()],
    ['consent', a.consent ? 'yes' : 'no'],
    ...reports.map(([ref, secret]): [string, string] => [`report[${ref}]`, secret]),
  ]);
  let res: Response;
  try {
    res = await fetch('/api/case-reviews', { method: 'POST', body });
  } catch {
    return err('offline');
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // handled below
  }
  if (!res.ok) {
    const first = Array.isArray(json)
      ? (json[0] as { description?: string } | undefined)
      : undefined;
    return err(first?.description ?? `HTTP ${res.status}`);
  }
  const value = json as {
    case_review_id?: unknown;
    service_request_ids?: unknown;
    received_datetime?: unknown;
  };
  if (typeof value?.case_review_id !== 'string') return err(`HTTP ${res.status}`);
  const sent: SentApplication = {
    reference: value.case_review_id,
    at:
      typeof value.received_datetime === 'string'
        ? value.received_datetime
        : new Date().toISOString(),
    reports: Array.isArray(value.service_request_ids) ? value.service_request_ids.map(String) : [],
  };
  try {
    localStorage.setItem(SENT_KEY, JSON.stringify(sent));
  } catch {
    // not remembered; the council has it anyway
  }
  return ok(sent);
}
