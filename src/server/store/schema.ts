/**
 * Kysely's view of the tables (see migrations/). Column types are what we write; what comes back
 * differs by dialect (PostgreSQL returns Date for timestamptz and objects for jsonb), so rows are
 * read through `rows.ts`, which normalises and checks them.
 */
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

export interface Database {
  reports: ReportsTable;
  idempotency_keys: IdempotencyKeysTable;
}
