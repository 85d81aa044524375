/* Peak times: the aoristic hour-of-week table (Ratcliffe; src/analytics/aoristic.h) of the
 * selected incidents, behind the Peak times page, `nestguard analyse peak-times` and their
 * downloads: the 7 x 24 table with day and hour totals, the share of long windows that
 * flatten it, and a chart of the hours of the day. */
#ifndef NESTGUARD_PEAK_REPORT_H
#define NESTGUARD_PEAK_REPORT_H
#include <stddef.h>
#include "analytics/aoristic.h"
#include "analytics/incident_selection.h"
#include "report/chart.h"
#include "report/report_table.h"
#include "util/buf.h"

struct db;

struct peak_report {
	struct incident_selection sel;
	struct aoristic_table table;       /* weight[day * 24 + hour], Monday first */
	size_t over_day;                   /* windows longer than 24 hours */
	size_t exact;                      /* windows under two minutes (a known time) */
	double day_total[7], hour_total[24];
	double max;                        /* largest cell */
	double fifths[4];                  /* the 20th, 40th, 60th and 80th percentiles of the cells */
};

int peak_report_build(struct db *db, const struct incident_selection *s, struct peak_report *out,
	char *err, size_t errsize);

/* The heat-map table: a row per hour (00:00-00:59 ...), a column per day, totals. */
struct report_table *peak_report_table(const struct peak_report *r);
/* For colouring a cell of weight V: 0 for none, else 1 to 5, the fifth of the 168 hours of
 * the week it falls in (5: the busiest fifth). */
int peak_report_shade(const struct peak_report *r, double v);
/* Bars of incidents by hour of the day (all days together). Caller frees. */
struct chart *peak_report_chart(const struct peak_report *r);

/* CSV: hour_of_week, weekday, hour, weight (as `nestguard analyse aoristic`); JSON: the
 * selection, counts and the 7 x 24 weights. */
void peak_report_csv(const struct peak_report *r, struct buf *out);
void peak_report_json(const struct peak_report *r, struct buf *out);

#endif
