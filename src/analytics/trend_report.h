/* The trends analysis behind the Trends page, `nestguard analyse trends` and their downloads:
 * monthly counts of the selected crime for the borough, a ward or an LSOA, the rolling
 * 12-month total, changes on the previous period and on the same period last year (for the
 * latest month, 3 months and 12 months), the Mann-Kendall test with Sen's slope and its
 * caveats, and the same test for every crime type in the selection. Aggregates only. */
#ifndef NESTGUARD_TREND_REPORT_H
#define NESTGUARD_TREND_REPORT_H
#include <stddef.h>
#include "analytics/crime_selection.h"
#include "analytics/trend.h"
#include "report/chart.h"
#include "report/report_table.h"
#include "util/buf.h"

struct db;

/* The latest K months against the K before and the same K months a year earlier. */
struct trend_period {
	size_t months;                 /* 1, 3 or 12 */
	char first[8], last[8];        /* the current period, YYYY-MM */
	double current;
	int has_previous, has_last_year;
	struct trend_change previous, last_year;
};

struct trend_type_summary {
	char name[96];
	double total;                  /* over the whole period */
	double last12, previous12;     /* NAN when the series is shorter than 12 / 24 months */
	struct trend_mann_kendall mk;
	unsigned caveats;
};

struct trend_report {
	struct crime_selection sel;
	size_t nmonths;
	char (*months)[8];
	double *count;                 /* the selection per month */
	double *rolling12;             /* 12-month totals; NAN for the first 11 months */
	double total;
	struct trend_mann_kendall mk;
	unsigned caveats;
	size_t nperiods;
	struct trend_period periods[3];
	size_t ntypes;                 /* the crime types present, largest total first */
	struct trend_type_summary *types;
	double *type_counts;           /* nmonths x ntypes, [m * ntypes + t] */
};

/* Build the report for S. Returns 0, or -1 with a message in ERR (an unknown area). */
int trend_report_build(struct db *db, const struct crime_selection *s, struct trend_report *out,
	char *err, size_t errsize);
void trend_report_free(struct trend_report *r);

/* "Upward trend", "Downward trend" or "No significant trend" at the 5% level. */
const char *trend_report_direction(const struct trend_mann_kendall *mk);
/* One sentence: the direction, p, and Sen's slope in crimes a month per year. */
void trend_report_verdict(const struct trend_mann_kendall *mk, char *out, size_t size);

/* Line chart: crimes a month and the 12-month average. Caller frees. */
struct chart *trend_report_chart(const struct trend_report *r);
/* Tables shown on the page (caller frees): month by month; the three periods' changes; one
 * row per crime type. */
struct report_table *trend_report_month_table(const struct trend_report *r);
struct report_table *trend_report_change_table(const struct trend_report *r);
struct report_table *trend_report_type_table(const struct trend_report *r);

/* Downloads: CSV (one row per month: month, each type's count, total, rolling 12-month
 * total) and JSON (everything). */
void trend_report_csv(const struct trend_report *r, struct buf *out);
void trend_report_json(const struct trend_report *r, struct buf *out);

#endif
