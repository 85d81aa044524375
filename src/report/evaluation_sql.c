/* The evaluation's figures defined in SQL: one readable GROUP BY query per table of the report,
 * with the period as ?1 (first day) and ?2 (last day). This is what `nestguard report
 * evaluation --sql` prints (run it in the sqlite3 shell after `.parameter set ?1 "'2019-04-01'"`),
 * what the benchmark's sqlite3 peer runs, and what tests/evaluation/test_reference_sql.py checks
 * the report against; the report itself counts the same rows in one pass per table
 * (evaluation_scan.c), because these joins take seconds at 100,000 cases. */
#include "report/evaluation.h"
#include "util/buf.h"

/* Cases opened in the period and still closed at its end. */
#define CLOSED_BY_END "c.status = 'closed' AND c.closed_on <= ?2"

/* Referrals received: every referral in the period, and the cases that did not come from a
 * referral (imported or opened directly), on the day they were opened. */
#define RECEIVED_CTE \
	"WITH received(day, agency_id) AS (" \
	" SELECT r.referred_on, r.referring_agency_id FROM referral r WHERE r.referred_on BETWEEN ?1 AND ?2" \
	" UNION ALL" \
	" SELECT c.opened_on, c.referring_agency_id FROM case_file c" \
	"  WHERE c.opened_on BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id))\n"

static const char sql_totals[] =
	"SELECT count(*),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.positively_resolved = 1 THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.moved = 'within_borough' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.moved = 'out_of_borough' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN " CLOSED_BY_END " AND c.stayed_in_tenancy = 1 THEN 1 ELSE 0 END), 0)\n"
	"FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2";

static const char sql_referrals[] =
	"SELECT count(*),\n"
	" coalesce(sum(CASE WHEN r.status = 'signposted' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.status = 'passed_to_asb' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END), 0),\n"
	" coalesce(sum(CASE WHEN r.consent = 'refused' THEN 1 ELSE 0 END), 0),\n"
	" (SELECT count(*) FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2\n"
	"   AND NOT EXISTS (SELECT 1 FROM referral x WHERE x.case_id = c.id))\n"
	"FROM referral r WHERE r.referred_on BETWEEN ?1 AND ?2";

static const char sql_months[] =
	RECEIVED_CTE
	"SELECT substr(day, 1, 7) AS month, count(*) FROM received GROUP BY substr(day, 1, 7) ORDER BY month";

static const char sql_agencies[] =
	RECEIVED_CTE
	"SELECT coalesce(a.id, 0), coalesce(a.name, 'Not recorded'), count(*) AS n\n"
	"FROM received LEFT JOIN agency a ON a.id = received.agency_id\n"
	"GROUP BY coalesce(a.id, 0), coalesce(a.name, 'Not recorded') ORDER BY n DESC, 2";

static const char sql_types[] =
	"SELECT t.id, t.code, t.label, count(c.id)\n"
	"FROM exploitation_type t\n"
	" LEFT JOIN case_exploitation_type ct ON ct.type_id = t.id\n"
	" LEFT JOIN case_file c ON c.id = ct.case_id AND c.opened_on BETWEEN ?1 AND ?2\n"
	"GROUP BY t.id, t.code, t.label, t.sort_order, t.retired\n"
	"HAVING count(c.id) > 0 OR t.retired = 0\n"
	"ORDER BY t.sort_order, t.label";

/* Cases per outcomes line: a case counts once per line. Kinds in a group count towards it;
 * a kind in no group is a line of its own ("kind:" + code keeps the two name spaces apart). */
static const char sql_outcomes[] =
	"WITH cohort AS (SELECT c.id, c.status, c.closed_on, c.moved FROM case_file c WHERE c.opened_on BETWEEN ?1 AND ?2),\n"
	"hits(line, case_id) AS (\n"
	" SELECT coalesce(g.group_code, 'kind:' || k.code), i.case_id\n"
	"  FROM case_intervention i JOIN cohort c ON c.id = i.case_id\n"
	"  JOIN intervention_kind k ON k.id = i.kind_id\n"
	"  LEFT JOIN report_outcome_group_kind g ON g.kind_id = k.id\n"
	"  WHERE i.occurred_on <= ?2\n"
	" UNION\n"
	" SELECT g.code, c.id FROM report_outcome_group g JOIN cohort c ON g.counts_moved = 1\n"
	"  WHERE " CLOSED_BY_END " AND c.moved IN ('within_borough', 'out_of_borough'))\n"
	"SELECT g.code, g.label, g.sort_order AS position, count(h.case_id)\n"
	" FROM report_outcome_group g LEFT JOIN hits h ON h.line = g.code\n"
	" GROUP BY g.code, g.label, g.sort_order\n"
	"UNION ALL\n"
	"SELECT k.code, k.label, 100000 + k.sort_order AS position, count(h.case_id)\n"
	" FROM intervention_kind k JOIN hits h ON h.line = 'kind:' || k.code\n"
	" GROUP BY k.code, k.label, k.sort_order\n"
	"ORDER BY position, 2";

static const char sql_interventions[] =
	"SELECT k.id, k.code, k.label, count(DISTINCT i.case_id), count(*)\n"
	"FROM case_intervention i\n"
	" JOIN case_file c ON c.id = i.case_id AND c.opened_on BETWEEN ?1 AND ?2\n"
	" JOIN intervention_kind k ON k.id = i.kind_id\n"
	"WHERE i.occurred_on <= ?2\n"
	"GROUP BY k.id, k.code, k.label, k.sort_order ORDER BY k.sort_order, k.label";

/* A case's named area: its neighbourhood or estate when recorded, else its ward. */
static const char sql_areas[] =
	"SELECT coalesce(n.id, w.id, 0), coalesce(n.name, w.name, 'Not recorded') AS name, count(*),\n"
	" CASE WHEN n.id IS NULL AND w.id IS NULL THEN 1 ELSE 0 END AS unknown\n"
	"FROM case_file c LEFT JOIN locality n ON n.id = c.neighbourhood_id LEFT JOIN locality w ON w.id = c.ward_id\n"
	"WHERE c.opened_on BETWEEN ?1 AND ?2\n"
	"GROUP BY coalesce(n.id, w.id, 0), coalesce(n.name, w.name, 'Not recorded'), CASE WHEN n.id IS NULL AND w.id IS NULL THEN 1 ELSE 0 END\n"
	"ORDER BY unknown, name";

static const char sql_wards[] =
	"WITH cw AS (SELECT coalesce(c.ward_id, n.ward_id) AS ward_id FROM case_file c\n"
	"  LEFT JOIN locality n ON n.id = c.neighbourhood_id WHERE c.opened_on BETWEEN ?1 AND ?2)\n"
	"SELECT w.id, w.name, coalesce(w.ons_code, ''), count(cw.ward_id)\n"
	"FROM locality w LEFT JOIN cw ON cw.ward_id = w.id WHERE w.kind = 'ward'\n"
	"GROUP BY w.id, w.name, w.ons_code ORDER BY w.name";

static const struct { const char *name; const char *sql; } queries[] = {
	{"totals", sql_totals}, {"referrals", sql_referrals}, {"referrals by month", sql_months},
	{"referrals by agency", sql_agencies}, {"exploitation types", sql_types}, {"outcomes", sql_outcomes},
	{"interventions", sql_interventions}, {"areas", sql_areas}, {"wards", sql_wards},
};

void evaluation_sql(struct buf *out)
{
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++)
		buf_printf(out, "-- %s\n%s;\n\n", queries[i].name, queries[i].sql);
}

