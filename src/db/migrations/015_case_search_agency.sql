-- The owning agency of each case's search terms, beside the term: a search without other
-- filters is then counted from the case_search index alone. Reading case_file for each match
-- instead touched a page per case (1,000 pages for "more than 1,000 cases"), and in WAL mode a
-- connection's page cache is emptied by every commit of another connection (an audit row per
-- page view), so each of those pages was read again from the operating system every time.
-- A case never changes agency; model/case.c case_search_refresh copies it with the terms.
CREATE TABLE case_search_by_agency (
  term TEXT NOT NULL,
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  case_id INTEGER NOT NULL REFERENCES case_file(id),
  PRIMARY KEY (term, agency_id, case_id)
) WITHOUT ROWID;
INSERT INTO case_search_by_agency(term, agency_id, case_id)
  SELECT s.term, c.agency_id, s.case_id FROM case_search s JOIN case_file c ON c.id = s.case_id;
DROP TABLE case_search;
ALTER TABLE case_search_by_agency RENAME TO case_search;
CREATE INDEX case_search_case ON case_search(case_id, term);
