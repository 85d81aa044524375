-- police.uk street crimes stored compactly. The values that repeat across a file's rows are
-- stored once: a crime's import, month, forces, crime type and outcome as a "class", and its
-- place -- police.uk publishes crimes at a fixed set of anonymised map points, each with its
-- street description and LSOA, so a force's years of crime stand on a few tens of thousands of
-- places. A crime row is then its identity, line, Crime ID, class, place and context: less
-- than half the bytes and columns of the 020 table, which is what an import pays for per row.
-- The view "crime" keeps the 020 shape for every reader; writers use the tables.

-- What a group of crimes of one import have in common.
CREATE TABLE crime_class (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES crime_import(id),
  month TEXT NOT NULL,                 -- YYYY-MM
  reported_by INTEGER REFERENCES police_force(id),
  falls_within INTEGER REFERENCES police_force(id),
  crime_type_id INTEGER NOT NULL REFERENCES crime_type(id),
  outcome_id INTEGER REFERENCES outcome_category(id)
);

-- Where crimes were recorded. The importer finds a row's place by (lon, lat, location,
-- lsoa_code) through an in-memory copy of this table.
CREATE TABLE crime_place (
  id INTEGER PRIMARY KEY,
  lon REAL, lat REAL,                  -- NULL when the crime could not be located
  location TEXT NOT NULL DEFAULT '',
  lsoa_code TEXT NOT NULL DEFAULT '',  -- as given in the file ('' when none)
  lsoa_id INTEGER REFERENCES geo_area(id), -- the file's LSOA code, else point in polygon
  ward_id INTEGER REFERENCES geo_area(id)  -- from lsoa_ward, else point in polygon
);

-- Every row of every street file, never merged (020's rules). The references are checked at
-- commit, so an importer may write a row before the class and place it names.
CREATE TABLE crime_row (
  id INTEGER PRIMARY KEY,
  row_key BLOB NOT NULL,
  line INTEGER NOT NULL,               -- line of the source file where the row was first seen
  -- police.uk "Crime ID", NOT unique; NULL for ASB. 64 lower-case hex digits (every police.uk
  -- ID) are stored as their 32 bytes, anything else as the text itself.
  crime_ref BLOB,
  class_id INTEGER NOT NULL REFERENCES crime_class(id) DEFERRABLE INITIALLY DEFERRED,
  place_id INTEGER NOT NULL REFERENCES crime_place(id) DEFERRABLE INITIALLY DEFERRED,
  context TEXT NOT NULL DEFAULT ''
);

-- Crimes already stored move over, ids and all.
INSERT INTO crime_class(import_id, month, reported_by, falls_within, crime_type_id, outcome_id)
  SELECT DISTINCT import_id, month, reported_by, falls_within, crime_type_id, outcome_id FROM crime;
INSERT INTO crime_place(lon, lat, location, lsoa_code, lsoa_id, ward_id)
  SELECT DISTINCT c.lon, c.lat, c.location, coalesce(a.code, ''), c.lsoa_id, c.ward_id
  FROM crime c LEFT JOIN geo_area a ON a.id = c.lsoa_id;
INSERT INTO crime_row(id, row_key, line, crime_ref, class_id, place_id, context)
  SELECT c.id, c.row_key, c.line, c.crime_ref, k.id, p.id, c.context
  FROM crime c
  JOIN crime_class k ON k.import_id = c.import_id AND k.month = c.month AND k.reported_by IS c.reported_by
    AND k.falls_within IS c.falls_within AND k.crime_type_id = c.crime_type_id AND k.outcome_id IS c.outcome_id
  JOIN crime_place p ON p.lon IS c.lon AND p.lat IS c.lat AND p.location = c.location
    AND p.lsoa_id IS c.lsoa_id AND p.ward_id IS c.ward_id
  LEFT JOIN geo_area a ON a.id = c.lsoa_id
  WHERE p.lsoa_code = coalesce(a.code, '');
DROP TABLE crime;

-- The 020 shape, for reading.
CREATE VIEW crime AS
  SELECT r.id AS id, r.row_key AS row_key, k.import_id AS import_id, r.line AS line,
    CASE WHEN typeof(r.crime_ref) = 'blob' THEN lower(hex(r.crime_ref)) ELSE r.crime_ref END AS crime_ref,
    k.month AS month, k.reported_by AS reported_by, k.falls_within AS falls_within,
    p.lon AS lon, p.lat AS lat, p.location AS location, p.lsoa_id AS lsoa_id, p.ward_id AS ward_id,
    k.crime_type_id AS crime_type_id, k.outcome_id AS outcome_id, r.context AS context
  FROM crime_row r
  JOIN crime_class k ON k.id = r.class_id
  JOIN crime_place p ON p.id = r.place_id;
