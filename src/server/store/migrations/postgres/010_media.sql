-- Photos and recordings of reports: one row per file under DATA_DIR/media, in the order sent.
-- upload_sha256 is the hash of the bytes as the phone sent them (photos are stored re-encoded).

CREATE TABLE media (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photo', 'recording')),
  content_type TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  duration_ms INTEGER,
  upload_sha256 TEXT NOT NULL,
  upload_bytes INTEGER NOT NULL,
  file_name TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_report_position ON media (report_id, position);
