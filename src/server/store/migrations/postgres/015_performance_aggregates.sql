-- The published figures are read from per-category per-day counts (perf_days), kept up to date
-- from a queue of changed reports (perf_dirty) that triggers fill on every write of a report or
-- a survey answer, whoever writes it; perf_facts holds what each report last added to the counts,
-- so a change subtracts exactly that and adds the new. See src/server/stats/aggregates.ts.

CREATE TABLE perf_days (
  service_code TEXT NOT NULL,
  day TEXT NOT NULL,
  open_n INTEGER NOT NULL DEFAULT 0,
  counts TEXT NOT NULL,
  PRIMARY KEY (service_code, day)
);
CREATE INDEX perf_days_day ON perf_days (day);
CREATE INDEX perf_days_open ON perf_days (service_code, day, open_n) WHERE open_n > 0;

CREATE TABLE perf_facts (
  report_id TEXT PRIMARY KEY,
  fact TEXT NOT NULL
);

CREATE TABLE perf_dirty (
  seq BIGSERIAL PRIMARY KEY,
  report_id TEXT NOT NULL
);

CREATE FUNCTION perf_mark_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO perf_dirty (report_id) VALUES (OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.id <> OLD.id) THEN
    INSERT INTO perf_dirty (report_id) VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER perf_dirty_report_insert_delete AFTER INSERT OR DELETE ON reports
FOR EACH ROW EXECUTE FUNCTION perf_mark_report();
CREATE TRIGGER perf_dirty_report_update
AFTER UPDATE OF id, service_code, status, requested_datetime, expected_datetime, first_response_at, closed_at ON reports
FOR EACH ROW EXECUTE FUNCTION perf_mark_report();

CREATE FUNCTION perf_mark_survey() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO perf_dirty (report_id) VALUES (OLD.report_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.report_id <> OLD.report_id) THEN
    INSERT INTO perf_dirty (report_id) VALUES (NEW.report_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER perf_dirty_survey AFTER INSERT OR UPDATE OR DELETE ON surveys
FOR EACH ROW EXECUTE FUNCTION perf_mark_survey();
