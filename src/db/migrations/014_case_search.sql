-- Search terms of each case: the terms of its people and properties (person_search,
-- property_search), kept per case so that a search by name, address or postcode is one index
-- range per word instead of a walk through people -> cases. Maintained by the model whenever a
-- person or property is linked, unlinked or merged (model/case.c case_search_refresh).
-- WITHOUT ROWID: the primary key is the only copy of the rows.
CREATE TABLE case_search (
  term TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  PRIMARY KEY (term, case_id)
) WITHOUT ROWID;
CREATE INDEX case_search_case ON case_search(case_id);
INSERT OR IGNORE INTO case_search(term, case_id)
  SELECT ps.term, cp.case_id FROM case_person cp JOIN person_search ps ON ps.person_id = cp.person_id;
INSERT OR IGNORE INTO case_search(term, case_id)
  SELECT ps.term, cp.case_id FROM case_property cp JOIN property_search ps ON ps.property_id = cp.property_id;
