-- The case-management areas (wards by ONS code, and named neighbourhoods or estates inside a
-- ward) are called "locality" in the schema: crime analytics (020) keeps its statistical
-- geography (LSOAs and wards with their boundaries) in a table called "area". The two meet
-- through the ward's ONS code (locality.ons_code = area.code for area.level = 'ward').
-- Foreign keys from property and case_file follow the rename.
ALTER TABLE area RENAME TO locality;
DROP INDEX area_kind_name;
CREATE UNIQUE INDEX locality_kind_name ON locality(kind, name);
DROP INDEX area_ward;
CREATE INDEX locality_ward ON locality(ward_id);
