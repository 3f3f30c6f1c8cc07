-- Reports as residents filed them, and the Idempotency-Key ledger that makes a resend harmless.
-- Timestamps are ISO 8601 text in UTC (e.g. 2026-11-21T18:30:00.000Z), so text order is time order.

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  service_code TEXT NOT NULL,
  service_group TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  description TEXT NOT NULL DEFAULT '',
  lat REAL,
  long REAL,
  address_string TEXT,
  address_id TEXT,
  attributes TEXT NOT NULL DEFAULT '{}',
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  phone TEXT,
  device_id TEXT,
  occurred_datetime TEXT,
  requested_datetime TEXT NOT NULL,
  updated_datetime TEXT NOT NULL,
  expected_datetime TEXT,
  secret_hash TEXT,
  risk_band TEXT CHECK (risk_band IN ('low', 'medium', 'high'))
);
CREATE INDEX reports_requested_datetime ON reports (requested_datetime);
CREATE INDEX reports_service_code_requested ON reports (service_code, requested_datetime);

CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'complete')),
  claim_token TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  report_id TEXT REFERENCES reports (id),
  created_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
