-- Indexes the public list and the staff queue read in their own order, so a page stops after its
-- rows instead of sorting every match (docs/scale.md shows the query plans' effect).
-- The public list (Open311 GET requests.json): newest first within a date window.
CREATE INDEX reports_requested_id ON reports (requested_datetime, id);
-- The staff queue's order (staff/queue-repository.ts): one index for the open reports, whose
-- WHERE is the very text the queue's "open" filter sends, and one for all reports.
CREATE INDEX reports_queue_open ON reports (
  (CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END),
  (expected_datetime IS NULL), expected_datetime, requested_datetime, id
) WHERE status IN ('open', 'investigating', 'in_progress', 'action_scheduled');
CREATE INDEX reports_queue_all ON reports (
  (CASE risk_band WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END),
  (expected_datetime IS NULL), expected_datetime, requested_datetime, id
);
-- A status index makes the planners sort every open report rather than walk the indexes above;
-- counting the open reports uses the partial index instead.
DROP INDEX reports_status;
