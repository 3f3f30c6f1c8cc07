-- Background jobs (src/server/jobs): one row per job. An instance runs a job only after taking
-- its lease (a conditional UPDATE), so several instances run each job once per period between
-- them, and a lease left by an instance that died expires.

CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  next_run_at TIMESTAMPTZ NOT NULL,
  lease_until TIMESTAMPTZ NOT NULL,
  holder TEXT
);
