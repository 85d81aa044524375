/* Aoristic analysis (Ratcliffe 2002) of incidents known only to lie between a "from" and a "to"
 * time: each incident's weight of 1 is spread evenly, minute by minute, over its time span and
 * summed into the 168 hours of the week, as the R package aoristic (>= 1.0) does.
 * Hour of week 0 is Monday 00:00-00:59, 24 is Tuesday 00:00, ... 167 is Sunday 23:00-23:59. */
#ifndef NESTGUARD_AORISTIC_H
#define NESTGUARD_AORISTIC_H
#include <stddef.h>

#define AORISTIC_HOURS 168

/* Times are seconds since 1970-01-01 00:00 of the local wall clock as recorded (not UTC):
 * the hour and weekday are read off them directly. */
struct aoristic_event {
	long long from;
	long long to;
	int has_to;      /* 0: no end time recorded */
};

struct aoristic_table {
	double weight[AORISTIC_HOURS];
	size_t events;
	size_t missing_end;       /* no end time: the whole weight went to the start hour */
	size_t end_before_start;  /* end before start: the whole weight went to the start hour */
	size_t longer_than_week;  /* 168 hours or more: 1/168 to every hour */
};

/* Hour of week (0..167, Monday 00:00 first) of wall-clock time T. */
int aoristic_hour_of_week(long long t);

/* Fills W[168] with the incident's weights, which sum to 1:
 *  - no end, or an end before the start, or a span under two minutes: 1 to the start hour;
 *  - a span of 168 hours or more: 1/168 to every hour;
 *  - otherwise the span in whole minutes (rounded down) m, and 1/m for each minute, the first
 *    hour getting the minutes left in it after the start minute.
 * Returns which special case applied: 0 none, 1 no end, 2 end before start, 3 a week or more. */
int aoristic_event_weights(const struct aoristic_event *e, double w[AORISTIC_HOURS]);

/* Adds one incident to TABLE (zero TABLE first with memset). */
void aoristic_add(struct aoristic_table *table, const struct aoristic_event *e);

/* English names, Monday first, for labelling the 7 days. */
extern const char *const aoristic_weekday_names[7];

#endif
