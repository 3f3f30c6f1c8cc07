/**
 * The staff console's calls: the staff API under /api/staff (session cookie, set by sign-in) and
 * the Open311 endpoints, which give staff the full view of a report and take their updates.
 * Everything is same-origin; the browser sends the cookie and an Origin header, which the server
 * checks on POSTs (CSRF).
 */
import { OPEN311_BASE, type ServiceRequestView } from '../../shared/open311';
import { SERVICE_REQUEST_UPDATES_PATH } from '../../shared/request-updates';
import { err, ok, type Result } from '../../shared/result';
import type { ReportStatus } from '../../shared/statuses';

export interface StaffMe {
  name: string;
  email: string;
  /** Admins also see the access audit and people's rights pages. */
  role: 'admin' | 'case_officer';
}

export interface QueueItem {
  service_request_id: string;
  service_code: string;
  service_name: string;
  group: string;
  extended_status: ReportStatus;
  risk_band: 'low' | 'medium' | 'high' | null;
  requested_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  overdue: boolean;
}

export interface QueuePage {
  total: number;
  offset: number;
  limit: number;
  reports: QueueItem[];
}

export type ApiError =
  | { kind: 'signed-out' }
  | { kind: 'offline' }
  | { kind: 'refused'; status: number; message: string; retryAfter: number | null };

/** A same-origin call with the session cookie; the error says what kind of failure it was. */
export async function call<T>(url: string, init?: RequestInit): Promise<Result<T, ApiError>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    return err({ kind: 'offline' });
  }
  if (res.status === 401 && !url.endsWith('/sign-in')) return err({ kind: 'signed-out' });
  if (res.status === 204) return ok(undefined as T);
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // an empty or broken body: reported below by status
  }
  if (!res.ok) {
    const first = Array.isArray(body)
      ? (body[0] as { description?: string } | undefined)
      : undefined;
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

export const me = () => call<StaffMe>('/api/staff/me');

export const signIn = (email: string, password: string) =>
  call<StaffMe>('/api/staff/sign-in', {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
  });

export const signOut = () => call<void>('/api/staff/sign-out', { method: 'POST' });

export const queue = (filter: 'open' | 'closed' | 'all', offset: number, limit = 50) =>
  call<QueuePage>(`/api/staff/reports?status=${filter}&offset=${offset}&limit=${limit}`);

export async function report(reference: string): Promise<Result<ServiceRequestView, ApiError>> {
  const r = await call<ServiceRequestView[]>(
    `${OPEN311_BASE}/requests/${encodeURIComponent(reference)}.json`,
  );
  return r.ok ? ok(r.value[0]!) : r;
}

export const postUpdate = (u: {
  updateId: string;
  reference: string;
  status: ReportStatus;
  note: string;
}) =>
  call<unknown>(`${OPEN311_BASE}${SERVICE_REQUEST_UPDATES_PATH}`, {
    method: 'POST',
    body: new URLSearchParams({
      update_id: u.updateId,
      service_request_id: u.reference,
      status: u.status,
      description: u.note,
    }),
  });
