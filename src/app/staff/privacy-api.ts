/**
 * The staff console's calls to the privacy endpoints (contract in shared/privacy-api.ts): the
 * access audit, people's rights and a report's legal hold. The audit CSV and the subject access
 * archive are plain links (the browser downloads them with the session cookie).
 */
import type {
  AuditPage,
  ContactField,
  EraseOutcome,
  Subject,
  SubjectSummary,
} from '../../shared/privacy-api';
import { call } from './staff-api';

/** The audit page's filters, as the page's own URL holds them. */
export interface AuditFilters {
  actor?: string;
  report?: string;
  from?: string;
  to?: string;
  before?: string;
}

/** The longest CSV the server gives in one download (AuditQuerySchema's limit). */
export const AUDIT_CSV_MAX = 1000;

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();

export const auditPage = (f: AuditFilters, limit: number) =>
  call<AuditPage>(`/api/staff/audit?${query({ ...f, limit: String(limit) })}`);

/** The filtered audit as CSV, newest first, from the first page on. */
export const auditCsvUrl = (f: AuditFilters) =>
  `/api/staff/audit.csv?${query({ ...f, before: undefined, limit: String(AUDIT_CSV_MAX) })}`;

/** The one detail the person is found by (email, phone or reference). */
const given = (s: Subject) => ({ email: s.email, phone: s.phone, reference: s.reference });
const subjectQuery = (s: Subject) => query(given(s));

export const findSubject = (s: Subject) =>
  call<SubjectSummary>(`/api/staff/rights?${subjectQuery(s)}`);

export const exportUrl = (s: Subject) => `/api/staff/rights/export.tar.gz?${subjectQuery(s)}`;

export const eraseSubject = (s: Subject, mode: 'erase' | 'anonymise', reason: string) =>
  call<EraseOutcome>('/api/staff/rights/erase', {
    method: 'POST',
    body: new URLSearchParams(query({ ...given(s), mode, reason })),
  });

export const correctContact = (c: {
  reference: string;
  field: ContactField;
  value: string;
  reason: string;
}) =>
  call<{ corrected: ContactField }>('/api/staff/rights/correct', {
    method: 'POST',
    body: new URLSearchParams(c),
  });

export const legalHold = (reference: string) =>
  call<{ legal_hold: boolean }>(`/api/staff/reports/${encodeURIComponent(reference)}/hold`);

export const setLegalHold = (reference: string, hold: boolean, reason: string) =>
  call<{ legal_hold: boolean }>(`/api/staff/reports/${encodeURIComponent(reference)}/hold`, {
    method: 'POST',
    body: new URLSearchParams({ hold: hold ? 'yes' : 'no', reason }),
  });
