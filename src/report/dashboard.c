/* Dashboard figures (see dashboard.h). ?1 is the agency (0 for all); the scope test
 * "(?1 = 0 OR agency_id = ?1)" keeps one statement per figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/validation.h"
#include "report/dashboard.h"

const char *const dashboard_risk_codes[4] = {"high", "medium", "low", "none"};
const char *const dashboard_risk_labels[4] = {"High", "Medium", "Low", "Not assessed"};

#define IN_SCOPE(alias) "(?1 = 0 OR " alias ".agency_id = ?1)"

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : days[m - 1];
}

void dashboard_compute(struct db *db, int64_t agency_id, struct dashboard *d)
{
	static const char *const abbrev[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	memset(d, 0, sizeof *d);
	date_today(d->today);
	int y = atoi(d->today), m = atoi(d->today + 5);
	snprintf(d->month_start, sizeof d->month_start, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 100u);
	/* the twelve months ending with this one */
	int my = y, mm = m - (DASHBOARD_MONTHS - 1);
	while (mm < 1) { mm += 12; my--; }
	for (int i = 0; i < DASHBOARD_MONTHS; i++) {
		struct dashboard_month *mo = &d->months[i];
		snprintf(mo->month, sizeof mo->month, "%04u-%02u", (unsigned)my % 10000u, (unsigned)mm % 100u);
		snprintf(mo->first, sizeof mo->first, "%04u-%02u-01", (unsigned)my % 10000u, (unsigned)mm % 100u);
		snprintf(mo->last, sizeof mo->last, "%04u-%02u-%02u", (unsigned)my % 10000u, (unsigned)mm % 100u,
			(unsigned)days_in_month(my, mm) % 100u);
		snprintf(mo->label, sizeof mo->label, "%s %04u", abbrev[mm - 1], (unsigned)my % 10000u);
		if (++mm > 12) { mm = 1; my++; }
	}

	struct db_stmt *st = db_preparef(db,
		"SELECT count(*), coalesce(sum(CASE WHEN c.status = 'closure_requested' THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.risk_level = 'high' THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.risk_level = 'medium' THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.risk_level = 'low' THEN 1 ELSE 0 END), 0),"
		" coalesce(sum(CASE WHEN c.risk_level IS NULL THEN 1 ELSE 0 END), 0)"
		" FROM case_file c WHERE c.status <> 'closed' AND " IN_SCOPE("c"), "i", agency_id);
	if (db_step(st) == DB_ROW) {
		d->open_cases = db_column_int(st, 0);
		d->awaiting_approval = db_column_int(st, 1);
		for (int k = 0; k < 4; k++) d->risk[k] = db_column_int(st, 2 + k);
	}
	db_finalize(st);

	d->overdue_tasks = db_int(db, 0,
		"SELECT count(*) FROM case_task t JOIN case_file c ON c.id = t.case_id"
		" WHERE t.done_at IS NULL AND t.due_on < ?2 AND c.status <> 'closed' AND " IN_SCOPE("c"), "it", agency_id, d->today);

	/* per month: referrals received (every referral, and cases that did not come from one),
	 * cases opened and cases closed */
	const char *first = d->months[0].first, *last = d->months[DASHBOARD_MONTHS - 1].last;
	st = db_preparef(db,
		"SELECT m, sum(r), sum(o), sum(x) FROM ("
		" SELECT substr(f.referred_on, 1, 7) AS m, 1 AS r, 0 AS o, 0 AS x FROM referral f"
		"  WHERE f.referred_on BETWEEN ?2 AND ?3 AND (?1 = 0 OR f.receiving_agency_id = ?1)"
		" UNION ALL SELECT substr(c.opened_on, 1, 7), CASE WHEN NOT EXISTS (SELECT 1 FROM referral f WHERE f.case_id = c.id)"
		"  THEN 1 ELSE 0 END, 1, 0 FROM case_file c WHERE c.opened_on BETWEEN ?2 AND ?3 AND " IN_SCOPE("c")
		" UNION ALL SELECT substr(c.closed_on, 1, 7), 0, 0, 1 FROM case_file c"
		"  WHERE c.status = 'closed' AND c.closed_on BETWEEN ?2 AND ?3 AND " IN_SCOPE("c")
		") AS events GROUP BY m ORDER BY m", "itt", agency_id, first, last);
	while (db_step(st) == DB_ROW) {
		const char *month = db_column_text(st, 0);
		for (int i = 0; i < DASHBOARD_MONTHS; i++)
			if (strcmp(d->months[i].month, month) == 0) {
				d->months[i].referrals = db_column_int(st, 1);
				d->months[i].opened = db_column_int(st, 2);
				d->months[i].closed = db_column_int(st, 3);
			}
	}
	db_finalize(st);
	d->new_referrals = d->months[DASHBOARD_MONTHS - 1].referrals;
}
