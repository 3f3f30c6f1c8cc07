-- Keeping residents informed: status updates with notes (FixMyStreet's servicerequestupdates),
-- the times statistics need on each report, and the satisfaction survey after closure.

ALTER TABLE reports ADD COLUMN first_response_at TIMESTAMPTZ;
ALTER TABLE reports ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE reports ADD COLUMN status_notes TEXT;
CREATE INDEX reports_status ON reports (status);

CREATE TABLE report_updates (
  update_id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  status TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  media_url TEXT,
  external_status_code TEXT,
  updated_datetime TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('staff', 'integration', 'demo')),
  author_id TEXT,
  content_hash TEXT NOT NULL
);
CREATE INDEX report_updates_report ON report_updates (report_id, updated_datetime);
CREATE INDEX report_updates_updated ON report_updates (updated_datetime);

CREATE TABLE surveys (
  report_id TEXT PRIMARY KEY REFERENCES reports (id),
  satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMPTZ NOT NULL
);
