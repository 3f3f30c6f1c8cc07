-- Reports as residents filed them, and the Idempotency-Key ledger that makes a resend harmless.

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  service_code TEXT NOT NULL,
  service_group TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  description TEXT NOT NULL DEFAULT '',
  lat DOUBLE PRECISION,
  long DOUBLE PRECISION,
  address_string TEXT,
  address_id TEXT,
  attributes JSONB NOT NULL DEFAULT '{}',
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  phone TEXT,
  device_id TEXT,
  occurred_datetime TIMESTAMPTZ,
  requested_datetime TIMESTAMPTZ NOT NULL,
  updated_datetime TIMESTAMPTZ NOT NULL,
  expected_datetime TIMESTAMPTZ,
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
  created_at TIMESTAMPTZ NOT NULL,
  completed_at TIMESTAMPTZ
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
