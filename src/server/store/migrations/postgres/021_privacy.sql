-- Privacy (docs/privacy.md): staff roles (case officer, admin); per report a legal hold that the
-- retention job respects, and when it was anonymised and its media deleted; hashed, normalised
-- lookup keys of the contact details, so a subject access or erasure request finds every record
-- holding an email address or phone number through an index; and the audit of staff access to
-- Personal reports and of the rights work done (export, erase, anonymise, correct).

ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'case_officer'
  CHECK (role IN ('case_officer', 'admin'));

ALTER TABLE reports ADD COLUMN email_key TEXT;
ALTER TABLE reports ADD COLUMN phone_key TEXT;
ALTER TABLE reports ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN anonymised_at TIMESTAMPTZ;
ALTER TABLE reports ADD COLUMN media_deleted_at TIMESTAMPTZ;
CREATE INDEX reports_email_key ON reports (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX reports_phone_key ON reports (phone_key) WHERE phone_key IS NOT NULL;
-- Reports whose contact details have no lookup key yet (written before this migration).
CREATE INDEX reports_keys_missing ON reports (id)
  WHERE email_key IS NULL AND phone_key IS NULL AND (email IS NOT NULL OR phone IS NOT NULL);
-- The retention job's two questions: closed reports of a group, closed before a date, not yet done.
CREATE INDEX reports_to_anonymise ON reports (service_group, closed_at)
  WHERE anonymised_at IS NULL AND closed_at IS NOT NULL AND legal_hold = 0;
CREATE INDEX reports_media_to_delete ON reports (service_group, closed_at)
  WHERE media_deleted_at IS NULL AND closed_at IS NOT NULL AND legal_hold = 0;

ALTER TABLE case_reviews ADD COLUMN email_key TEXT;
ALTER TABLE case_reviews ADD COLUMN phone_key TEXT;
CREATE INDEX case_reviews_email_key ON case_reviews (email_key) WHERE email_key IS NOT NULL;
CREATE INDEX case_reviews_phone_key ON case_reviews (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX case_reviews_keys_missing ON case_reviews (id)
  WHERE email_key IS NULL AND phone_key IS NULL AND (email IS NOT NULL OR phone IS NOT NULL);

CREATE TABLE access_audit (
  id TEXT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'integration', 'admin_cli', 'system')),
  actor_id TEXT NOT NULL,
  report_id TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_audit_at ON access_audit (at);
CREATE INDEX access_audit_report ON access_audit (report_id, at);
