/**
 * Kysely's view of the tables (see migrations/). Column types are what we write; what comes back
 * differs by dialect (PostgreSQL returns Date for timestamptz and objects for jsonb), so rows are
 * read through `rows.ts`, which normalises and checks them.
 */
import type { Generated } from 'kysely';
import type { MediaTable } from '../media/media-repository';
import type { PushDeliveriesTable, PushSubscriptionsTable } from '../push/push-repository';

export interface ReportsTable {
  id: string;
  service_code: string;
  service_group: string;
  status: string;
  description: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  address_id: string | null;
  /** JSON text (SQLite) or jsonb (PostgreSQL). */
  attributes: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  device_id: string | null;
  occurred_datetime: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  secret_hash: string | null;
  risk_band: string | null;
  /** Set from the report's updates (migration 002). */
  first_response_at: string | null;
  closed_at: string | null;
  status_notes: string | null;
  /** Hashed lookup keys of the contact details (privacy/contact-key.ts; migration 020). */
  email_key: string | null;
  phone_key: string | null;
  /** 1: a staff member put the report on legal hold; the retention job leaves it alone. */
  legal_hold: number;
  anonymised_at: string | null;
  media_deleted_at: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  state: string;
  claim_token: string;
  response_status: number | null;
  response_body: string | null;
  report_id: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface ReportUpdatesTable {
  update_id: string;
  report_id: string;
  status: string;
  description: string;
  media_url: string | null;
  external_status_code: string | null;
  updated_datetime: string;
  created_at: string;
  author_kind: string;
  author_id: string | null;
  content_hash: string;
}

export interface SurveysTable {
  report_id: string;
  satisfaction: number;
  comment: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** 'case_officer' or 'admin' (migration 020). */
  role: string;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  /** Space-separated scopes, e.g. "updates:write". */
  scopes: string;
  created_at: string;
  disabled_at: string | null;
  last_used_at: string | null;
}

export interface SignInAttemptsTable {
  bucket: string;
  failures: number;
  window_start: string;
  last_failure_at: string;
}

export interface CaseReviewsTable {
  id: string;
  application_id: string;
  content_hash: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  details: string;
  consent_at: string;
  created_at: string;
  email_key: string | null;
  phone_key: string | null;
}

export interface CaseReviewReportsTable {
  case_review_id: string;
  report_id: string;
}

export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Staff and integration access to Personal reports, and rights work (migration 021). */
export interface AccessAuditTable {
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string;
  report_id: string | null;
  action: string;
  detail: string;
}

/** Per category per London day: the counts the published figures need (stats/aggregates.ts). */
export interface PerfDaysTable {
  service_code: string;
  day: string;
  open_n: number;
  /** JSON object of counter name to count (stats/report-fact.ts names them). */
  counts: string;
}

/** What each report last added to perf_days (JSON), so a change can take exactly that back. */
export interface PerfFactsTable {
  report_id: string;
  fact: string;
}

/** Reports changed since the counts were last brought up to date (filled by triggers). */
export interface PerfDirtyTable {
  seq: Generated<number>;
  report_id: string;
}

export interface Database {
  access_audit: AccessAuditTable;
  perf_days: PerfDaysTable;
  perf_facts: PerfFactsTable;
  perf_dirty: PerfDirtyTable;
  media: MediaTable;
  reports: ReportsTable;
  idempotency_keys: IdempotencyKeysTable;
  report_updates: ReportUpdatesTable;
  surveys: SurveysTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  api_keys: ApiKeysTable;
  sign_in_attempts: SignInAttemptsTable;
  case_reviews: CaseReviewsTable;
  case_review_reports: CaseReviewReportsTable;
  app_meta: AppMetaTable;
  push_subscriptions: PushSubscriptionsTable;
  push_deliveries: PushDeliveriesTable;
  job_leases: JobLeasesTable;
}

export interface JobLeasesTable {
  name: string;
  next_run_at: string;
  lease_until: string;
  holder: string | null;
}
