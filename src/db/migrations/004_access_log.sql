-- The access log: who viewed, listed, searched, exported or signed in, and the refusals. It
-- lives in its own file (PATH.access, attached as schema "access") so that page views, many a
-- second, never commit to the records file (see db_open in src/db/db.h). Rows that record a
-- change stay in main.audit, committed with the change. Same columns and hash chain as audit;
-- the two logs are verified together by `nestguard audit verify`.
CREATE TABLE IF NOT EXISTS access.access_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  agency_id INTEGER,
  action TEXT NOT NULL,
  record_type TEXT NOT NULL DEFAULT '',
  record_id TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access.access_log_user ON access_log(user_id, at);
CREATE INDEX IF NOT EXISTS access.access_log_record ON access_log(record_type, record_id);
CREATE TRIGGER IF NOT EXISTS access.access_log_no_update BEFORE UPDATE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access.access_log_no_delete BEFORE DELETE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
