-- Web push: subscriptions held against a report (never a person), and the deliveries waiting
-- to be sent, one per subscription and update, retried with backoff by the push worker.

CREATE TABLE push_subscriptions (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  lang TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (report_id, endpoint)
);

CREATE TABLE push_deliveries (
  subscription_id TEXT NOT NULL REFERENCES push_subscriptions (id) ON DELETE CASCADE,
  update_id TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (subscription_id, update_id)
);
CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at);
