-- Crime analytics data: imported files, police.uk street crimes, outcomes, stop and search,
-- generic incidents with from/to times, area boundaries and the LSOA -> ward lookup.
-- Identity rule (docs/import.md): every data row has a row_key = SipHash-128 (keyed) of its table, its
-- identifying fields and its occurrence number among identical rows of the same file; a row
-- whose key is already stored is "already present", so re-importing a file adds nothing.
-- Keys are checked through row_keyset, not a UNIQUE index (see there).

-- One row per import attempt that committed (a rejected file leaves no trace here).
CREATE TABLE crime_import (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('street','outcomes','stop-and-search','incidents','boundaries','lookup')),
  file_name TEXT NOT NULL,            -- base name only
  fingerprint TEXT NOT NULL,          -- BLAKE2b-256 of the file's bytes, hex
  imported_at INTEGER NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_added INTEGER NOT NULL DEFAULT 0,
  rows_present INTEGER NOT NULL DEFAULT 0,
  rows_without_location INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX crime_import_fingerprint ON crime_import(fingerprint);

-- Identity keys of stored rows, one blob per (table, group): the 16-byte row_keys of every
-- row of the group, concatenated. The importer loads a group's keys when a row of that group
-- first appears, checks rows against them in memory and writes the group back before it
-- commits. The group is made of fields inside the identity (police.uk: month and force), so
-- equal rows always meet in the same group. A UNIQUE index on random 16-byte keys would cost
-- more than all the rest of an insert. Every row also carries its key, so a group can be
-- rebuilt from its table (e.g. SELECT row_key FROM crime WHERE month=? AND falls_within=?).
CREATE TABLE row_keyset (
  table_name TEXT NOT NULL,
  group_key TEXT NOT NULL,
  keys BLOB NOT NULL,
  PRIMARY KEY (table_name, group_key)
);

-- Small dictionaries: police.uk repeats these strings on every row.
CREATE TABLE crime_type (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE police_force (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE outcome_category (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

-- Statistical areas for the analytics: LSOAs and wards by ONS code. A code seen in a crime
-- file or a lookup gets a row without geometry; boundary imports add the geometry (WGS84
-- lon/lat, blob format in src/analytics/geometry.h) and its bounding box. (Case management's
-- "area" table holds the wards and neighbourhoods staff pick on forms; the two meet on the
-- ward code: area.ons_code = geo_area.code.)
CREATE TABLE geo_area (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('lsoa','ward')),
  code TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  parent_code TEXT,                    -- local authority code when known
  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
  geometry BLOB,
  import_id INTEGER REFERENCES crime_import(id),  -- boundary import that set the geometry
  UNIQUE (level, code)
);

-- ONS best-fit LSOA -> ward lookup (one ward per LSOA).
CREATE TABLE lsoa_ward (
  lsoa_code TEXT PRIMARY KEY,
  ward_code TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES crime_import(id)
);

-- police.uk street-level crimes and ASB: every row of every file, never merged.
CREATE TABLE crime (
  id INTEGER PRIMARY KEY,
  row_key BLOB NOT NULL,
  import_id INTEGER NOT NULL REFERENCES crime_import(id),
  line INTEGER NOT NULL,               -- line of the source file where the row was first seen
  crime_ref TEXT,                      -- police.uk "Crime ID"; NULL for ASB; NOT unique
  month TEXT NOT NULL,                 -- YYYY-MM
  reported_by INTEGER REFERENCES police_force(id),
  falls_within INTEGER REFERENCES police_force(id),
  lon REAL, lat REAL,                  -- NULL when the crime could not be located
  location TEXT NOT NULL DEFAULT '',
  lsoa_id INTEGER REFERENCES geo_area(id), -- from the file's LSOA code, else point in polygon
  ward_id INTEGER REFERENCES geo_area(id), -- from lsoa_ward, else point in polygon
  crime_type_id INTEGER NOT NULL REFERENCES crime_type(id),
  outcome_id INTEGER REFERENCES outcome_category(id),
  context TEXT NOT NULL DEFAULT ''
);
-- No secondary indexes: each costs as much per imported row as the insert itself, and the
-- analytics read whole months or areas (a scan of a borough's years of crime takes tens
-- of milliseconds).

-- police.uk outcomes files: one row per outcome event; joins crime on crime_ref.
CREATE TABLE crime_outcome (
  id INTEGER PRIMARY KEY,
  row_key BLOB NOT NULL,
  import_id INTEGER NOT NULL REFERENCES crime_import(id),
  line INTEGER NOT NULL,
  crime_ref TEXT NOT NULL,
  month TEXT NOT NULL,
  reported_by INTEGER REFERENCES police_force(id),
  falls_within INTEGER REFERENCES police_force(id),
  lon REAL, lat REAL,
  location TEXT NOT NULL DEFAULT '',
  lsoa_id INTEGER REFERENCES geo_area(id),
  ward_id INTEGER REFERENCES geo_area(id),
  outcome_id INTEGER NOT NULL REFERENCES outcome_category(id)
);
CREATE INDEX crime_outcome_ref ON crime_outcome(crime_ref);

-- police.uk stop and search.
CREATE TABLE stop_search (
  id INTEGER PRIMARY KEY,
  row_key BLOB NOT NULL,
  import_id INTEGER NOT NULL REFERENCES crime_import(id),
  line INTEGER NOT NULL,
  search_type TEXT NOT NULL,
  searched_at INTEGER NOT NULL,        -- Unix time (UTC)
  date_text TEXT NOT NULL,             -- as in the file, e.g. 2019-05-31T23:01:00+00:00
  date_only INTEGER NOT NULL DEFAULT 0,-- the force gave a date without a time
  policing_operation TEXT NOT NULL DEFAULT '',
  operation_name TEXT NOT NULL DEFAULT '',
  lon REAL, lat REAL,
  gender TEXT NOT NULL DEFAULT '',
  age_range TEXT NOT NULL DEFAULT '',
  self_defined_ethnicity TEXT NOT NULL DEFAULT '',
  officer_defined_ethnicity TEXT NOT NULL DEFAULT '',
  legislation TEXT NOT NULL DEFAULT '',
  object_of_search TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  outcome_linked TEXT NOT NULL DEFAULT '',
  removal_of_clothing TEXT NOT NULL DEFAULT '',
  lsoa_id INTEGER REFERENCES geo_area(id),
  ward_id INTEGER REFERENCES geo_area(id)
);
CREATE INDEX stop_search_at ON stop_search(searched_at);

-- Generic incidents (council or local police logs) with a from/to window, for aoristic
-- analysis. Times are local wall-clock (UK civil time as logged), stored as text and as
-- seconds since 1970-01-01 00:00 of that wall clock (no zone arithmetic).
CREATE TABLE incident (
  id INTEGER PRIMARY KEY,
  row_key BLOB NOT NULL,
  import_id INTEGER NOT NULL REFERENCES crime_import(id),
  line INTEGER NOT NULL,
  incident_type TEXT NOT NULL DEFAULT '',
  from_time TEXT NOT NULL,             -- YYYY-MM-DD HH:MM:SS
  to_time TEXT NOT NULL,
  from_ts INTEGER NOT NULL,
  to_ts INTEGER NOT NULL CHECK (to_ts >= from_ts),
  lon REAL, lat REAL,
  lsoa_id INTEGER REFERENCES geo_area(id),
  ward_id INTEGER REFERENCES geo_area(id)
);
CREATE INDEX incident_from ON incident(from_ts);
