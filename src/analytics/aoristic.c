/* Aoristic weights by minute into the 168 hours of the week. */
#include <string.h>
#include "analytics/aoristic.h"

const char *const aoristic_weekday_names[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

static long long floor_div(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int aoristic_hour_of_week(long long t)
{
	long long hours = floor_div(t, 3600);
	/* 1970-01-01 was a Thursday: hour 0 of the epoch is hour 72 of a Monday-first week. */
	long long h = (hours + 72) % AORISTIC_HOURS;
	return (int)(h < 0 ? h + AORISTIC_HOURS : h);
}

int aoristic_event_weights(const struct aoristic_event *e, double w[AORISTIC_HOURS])
{
	memset(w, 0, AORISTIC_HOURS * sizeof *w);
	int hour = aoristic_hour_of_week(e->from);
	if (!e->has_to) {
		w[hour] = 1.0;
		return 1;
	}
	if (e->to < e->from) {
		w[hour] = 1.0;
		return 2;
	}
	long long minutes = (e->to - e->from) / 60;  /* whole minutes, rounded down */
	if (minutes >= (long long)AORISTIC_HOURS * 60) {
		for (int i = 0; i < AORISTIC_HOURS; i++) w[i] = 1.0 / AORISTIC_HOURS;
		return 3;
	}
	if (minutes <= 1) {
		w[hour] = 1.0;
		return 0;
	}
	/* The minute of the hour at the start, ignoring seconds, as the package does. */
	long long left_in_hour = 60 - (floor_div(e->from, 60) - floor_div(e->from, 3600) * 60);
	double per_minute = 1.0 / (double)minutes;
	long long remaining = minutes;
	while (remaining > 0) {
		long long take = remaining < left_in_hour ? remaining : left_in_hour;
		w[hour] += (double)take * per_minute;
		remaining -= take;
		left_in_hour = 60;
		hour = (hour + 1) % AORISTIC_HOURS;
	}
	return 0;
}

void aoristic_add(struct aoristic_table *table, const struct aoristic_event *e)
{
	double w[AORISTIC_HOURS];
	int kind = aoristic_event_weights(e, w);
	for (int i = 0; i < AORISTIC_HOURS; i++) table->weight[i] += w[i];
	table->events++;
	if (kind == 1) table->missing_end++;
	else if (kind == 2) table->end_before_start++;
	else if (kind == 3) table->longer_than_week++;
}
