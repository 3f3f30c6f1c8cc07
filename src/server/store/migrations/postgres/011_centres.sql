-- Third-party hate crime reporting centres (issue 7): the centres the council set up, their users
-- (argon2id password hashes; a random secret each, from which the app derives the key that seals
-- reports queued on a shared tablet), their sessions (only a hash of the cookie's token; each
-- session keeps the idle limit it was made with), what a centre recorded with each report it
-- filed on a victim's behalf, and the audit log of every read and write of those reports.

CREATE TABLE centres (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  disabled_at TIMESTAMPTZ
);

CREATE TABLE centre_users (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centres (id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  seal_secret TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  disabled_at TIMESTAMPTZ
);
CREATE INDEX centre_users_centre ON centre_users (centre_id);

CREATE TABLE centre_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES centre_users (id),
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  idle_seconds INTEGER NOT NULL
);
CREATE INDEX centre_sessions_user ON centre_sessions (user_id);
CREATE INDEX centre_sessions_expires ON centre_sessions (expires_at);

CREATE TABLE centre_reports (
  report_id TEXT PRIMARY KEY REFERENCES reports (id),
  centre_id TEXT NOT NULL REFERENCES centres (id),
  filed_by TEXT NOT NULL REFERENCES centre_users (id),
  filed_at TIMESTAMPTZ NOT NULL,
  consent_to_report TEXT NOT NULL CHECK (consent_to_report = 'yes'),
  police_consent TEXT NOT NULL CHECK (police_consent IN ('yes', 'no')),
  contact TEXT NOT NULL CHECK (contact IN ('none', 'centre', 'direct')),
  not_to_share TEXT NOT NULL DEFAULT '',
  centre_reference TEXT NOT NULL,
  victim_support TEXT NOT NULL CHECK (victim_support IN ('yes', 'no')),
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX centre_reports_centre ON centre_reports (centre_id, filed_at);

CREATE TABLE centre_audit (
  id TEXT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'centre_user', 'integration')),
  actor_id TEXT NOT NULL,
  actor_centre_id TEXT,
  report_id TEXT NOT NULL,
  action TEXT NOT NULL
);
CREATE INDEX centre_audit_report ON centre_audit (report_id, at);
CREATE INDEX centre_audit_at ON centre_audit (at);
