-- ASB Case Review applications with the reports they rest on, and small facts about this
-- database (e.g. that the demo history was seeded once).

CREATE TABLE case_reviews (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  address TEXT,
  details TEXT NOT NULL DEFAULT '',
  consent_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE case_review_reports (
  case_review_id TEXT NOT NULL REFERENCES case_reviews (id),
  report_id TEXT NOT NULL REFERENCES reports (id),
  PRIMARY KEY (case_review_id, report_id)
);
CREATE INDEX case_review_reports_report ON case_review_reports (report_id);

CREATE TABLE app_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
