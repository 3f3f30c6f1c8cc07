-- Who a push subscription speaks to: the resident who made the report (proven by its secret) or
-- the reporting centre that filed it (proven by its session). Set when subscribing, from the
-- proof given, so the push worker words the notification and picks the page it opens from the
-- subscription alone. Subscriptions made before this are backfilled from the filings (only a
-- centre's session can subscribe to a centre's report).

ALTER TABLE push_subscriptions ADD COLUMN audience TEXT NOT NULL DEFAULT 'resident'
  CHECK (audience IN ('resident', 'centre'));

UPDATE push_subscriptions SET audience = 'centre'
  WHERE report_id IN (SELECT report_id FROM centre_reports);
