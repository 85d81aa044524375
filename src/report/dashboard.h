/* The dashboard's figures for team leaders and the board: open cases, new referrals this
 * month, overdue tasks, open cases by risk and the last twelve months' trend -- computed for
 * one agency's cases (what its staff can click through to) or for every case (aggregates for
 * analysts and the board). */
#ifndef NESTGUARD_DASHBOARD_H
#define NESTGUARD_DASHBOARD_H
#include <stdint.h>

struct db;

#define DASHBOARD_MONTHS 12

struct dashboard_month {
	char month[16];          /* "2026-03" */
	char first[11], last[11];/* its first and last day */
	char label[24];          /* "Mar 2026" */
	int64_t referrals;       /* referrals received (as in the evaluation) */
	int64_t opened, closed;  /* cases opened and closed in the month */
};

struct dashboard {
	char today[11], month_start[11];
	int64_t open_cases;               /* not closed (closure requested included) */
	int64_t awaiting_approval;        /* closure requested */
	int64_t new_referrals;            /* this month, as in the evaluation */
	int64_t overdue_tasks;            /* not done, due before today, on open cases */
	int64_t risk[4];                  /* open cases: high, medium, low, not assessed */
	struct dashboard_month months[DASHBOARD_MONTHS];   /* oldest first, this month last */
};

extern const char *const dashboard_risk_codes[4];   /* "high", "medium", "low", "none" */
extern const char *const dashboard_risk_labels[4];

/* Compute for the cases owned by AGENCY_ID, or every case when AGENCY_ID is 0. */
void dashboard_compute(struct db *db, int64_t agency_id, struct dashboard *d);

#endif
