-- Cases of a ward in reference order: a list filtered by ward and sorted by reference reads its
-- page from here instead of sorting every case of the ward (15,279 of 100,000 cases in the
-- benchmark: 2,400 instead of 500 requests/s at page 50 under wrk -c32). Narrow on purpose: it
-- costs the import of 100,000 cases about 0.6 s, the wide covering indexes of 013 more.
CREATE INDEX case_list_ward_reference ON case_file(agency_id, ward_id, reference);
-- Statistics for the new index alone, sampled like db_analyze() samples the others: without them
-- the planner takes this narrow index for every ward filter, sorting the ward's rows read from
-- the table, even where case_list_ward answers from the index in order.
PRAGMA analysis_limit=2000;
ANALYZE case_list_ward_reference;
