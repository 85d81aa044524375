-- Two narrow indexes for common list views that the wide covering indexes of 013 answer only by
-- reading far more entries than the page needs:
--  * open (or closed ...) cases of one risk level, newest first: the team leader's "open, high
--    risk" view. case_list_status reads every open case to find the high-risk ones (5,000 entries
--    for the first 1,000 of 9,636 at 100,000 cases); here they are one range in opened_on order.
--  * a ward's cases in reference order: without it a list filtered by ward and sorted by
--    reference sorts every case of the ward (15,279 of 100,000 in the benchmark).
-- Measured under wrk -c32 at 100,000 cases: open high-risk ~1,000 -> ~2,000 requests/s (186 ->
-- 107 page reads per request), ward by reference at page 50 ~500 -> ~2,300 (300 -> 75 page reads).
-- Narrow on purpose: each adds about 0.5 s or less to the import of 100,000 cases (about 9 s),
-- within its run-to-run spread, where another wide index would cost more.
CREATE INDEX case_list_status_risk ON case_file(agency_id, status, risk_level, opened_on);
CREATE INDEX case_list_ward_reference ON case_file(agency_id, ward_id, reference);
-- Statistics for the new indexes alone, sampled like db_analyze() samples the others: without
-- them the planner takes a narrow index where a covering one answers in order (every ward list
-- sorted by reading rows from the table, for instance).
PRAGMA analysis_limit=2000;
ANALYZE case_list_status_risk;
ANALYZE case_list_ward_reference;
