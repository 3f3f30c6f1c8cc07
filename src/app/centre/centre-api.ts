/**
 * Centre mode's calls to the centre API (/api/centre, session cookie set by sign-in). Everything
 * is same-origin; the server checks the Origin of POSTs. Requests the app makes by itself (the
 * list refreshing) say so with `X-Centre-Background: 1`, so they do not keep an idle tablet
 * signed in; requests a person causes (sign-in, opening a page, the activity ping) do.
 */
import type { CentreView } from '../../shared/centre-report';
import type { ServiceRequestView } from '../../shared/open311';
import { err, ok, type Result } from '../../shared/result';
import type { ReportStatus } from '../../shared/statuses';
import { CENTRE_BACKGROUND_HEADER } from '../outbox/sealed-send';

export interface CentreMe {
  name: string;
  email: string;
  user_id: string;
  centre: { code: string; name: string };
  idle_seconds: number;
}

export interface CentreListItem {
  service_request_id: string;
  service_name: string;
  extended_status: ReportStatus;
  status_notes: string | null;
  requested_datetime: string;
  updated_datetime: string;
  centre: CentreView;
}

export type CentreApiError =
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'refused'; status: number; message: string; retryAfter: number | null };

async function call<T>(
  url: string,
  init: RequestInit & { background?: boolean } = {},
): Promise<Result<T, CentreApiError>> {
  const { background, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...rest,
      headers: background ? { [CENTRE_BACKGROUND_HEADER]: '1' } : undefined,
    });
  } catch {
    return err({ kind: 'offline' });
  }
  if (res.status === 401 && !url.endsWith('/sign-in')) return err({ kind: 'signed-out' });
  if (res.status === 204) return ok(undefined as T);
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // reported below by status
  }
  if (!res.ok) {
    const first = Array.isArray(body) ? (body[0] as { description?: string } | undefined) : null;
    const retry = Number(res.headers.get('retry-after'));
    return err({
      kind: 'refused',
      status: res.status,
      message: first?.description ?? `HTTP ${res.status}`,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    });
  }
  return ok(body as T);
}

/** The sign-in answer: who, the seal secret, and how long offline sign-in may keep it (days). */
export type CentreSignedIn = CentreMe & { seal_secret: string; offline_days: number };

export const signIn = (email: string, password: string) =>
  call<CentreSignedIn>('/api/centre/sign-in', {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
  });

/** Ends the session; `keepalive` lets it finish while the page is being replaced. */
export const signOut = () =>
  call<void>('/api/centre/sign-out', { method: 'POST', keepalive: true });

export const me = (opts: { background?: boolean } = {}) => call<CentreMe>('/api/centre/me', opts);

export const sealKey = () => call<{ user_id: string; seal_secret: string }>('/api/centre/seal-key');

export const reports = (opts: { background?: boolean } = {}) =>
  call<{ total: number; reports: CentreListItem[] }>('/api/centre/reports?limit=100', opts);

export const report = (reference: string) =>
  call<Array<ServiceRequestView & { centre: CentreView }>>(
    `/api/centre/reports/${encodeURIComponent(reference)}.json`,
  );

/** What the centre may correct afterwards (CentreAmendSchema), as wire fields. */
export type CentreAmendFields = Partial<
  Record<
    | 'centre_police_consent'
    | 'centre_contact'
    | 'centre_not_to_share'
    | 'centre_reference'
    | 'centre_victim_support',
    string
  >
>;

/** Corrects what the centre recorded for one of its reports (audited as an update). */
export const amend = (reference: string, fields: CentreAmendFields) =>
  call<{ service_request_id: string; centre: CentreView; victim_contact_removed: boolean }>(
    `/api/centre/reports/${encodeURIComponent(reference)}.json`,
    { method: 'POST', body: new URLSearchParams(fields as Record<string, string>) },
  );
