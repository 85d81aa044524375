/* Aoristic weights: hand-computed cases, the special cases of the R package, and the 1,025
 * Washington DC burglaries of the aoristic package against a minute-by-minute count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "analytics/aoristic.h"
#include "analytics/pointfile.h"
#include "analytics_testutil.h"

static long long at(const char *text)
{
	long long s;
	assert_int_equal(pointfile_parse_time(text, NULL, &s), 0);
	return s;
}

static void hours_of_the_week_start_on_monday_at_midnight(void **state)
{
	(void)state;
	assert_int_equal(aoristic_hour_of_week(at("2024-01-01 00:00")), 0);     /* a Monday */
	assert_int_equal(aoristic_hour_of_week(at("2024-01-01 00:59:59")), 0);
	assert_int_equal(aoristic_hour_of_week(at("2024-01-02 01:00")), 25);    /* Tuesday 01:00 */
	assert_int_equal(aoristic_hour_of_week(at("1970-01-01 00:00")), 72);    /* a Thursday */
	assert_int_equal(aoristic_hour_of_week(at("1969-12-31 23:30")), 71);    /* before the epoch */
	assert_int_equal(aoristic_hour_of_week(at("2024-01-07 23:59")), 167);   /* Sunday night */
}

static void a_two_hour_span_from_half_past_splits_a_quarter_a_half_and_a_quarter(void **state)
{
	(void)state;
	double w[AORISTIC_HOURS];
	struct aoristic_event e = {at("2024-01-01 10:30"), at("2024-01-01 12:30"), 1};
	assert_int_equal(aoristic_event_weights(&e, w), 0);
	assert_true(fabs(w[10] - 0.25) < 1e-15);
	assert_true(fabs(w[11] - 0.50) < 1e-15);
	assert_true(fabs(w[12] - 0.25) < 1e-15);
	assert_true(w[9] == 0 && w[13] == 0);
}

static void a_span_over_sunday_midnight_wraps_to_monday(void **state)
{
	(void)state;
	double w[AORISTIC_HOURS];
	struct aoristic_event e = {at("2024-01-07 23:30"), at("2024-01-08 00:30"), 1};
	aoristic_event_weights(&e, w);
	assert_true(fabs(w[167] - 0.5) < 1e-15);
	assert_true(fabs(w[0] - 0.5) < 1e-15);
}

static void seconds_are_dropped_as_the_r_package_drops_them(void **state)
{
	(void)state;
	/* 6 whole minutes; 1 of them left in the start hour (minute 59), 5 in the next. */
	double w[AORISTIC_HOURS];
	struct aoristic_event e = {at("2024-01-01 10:59:30"), at("2024-01-01 11:05:30"), 1};
	aoristic_event_weights(&e, w);
	assert_true(fabs(w[10] - 1.0 / 6) < 1e-15);
	assert_true(fabs(w[11] - 5.0 / 6) < 1e-15);
}

static void a_missing_or_earlier_end_puts_the_whole_weight_in_the_start_hour(void **state)
{
	(void)state;
	double w[AORISTIC_HOURS];
	struct aoristic_event none = {at("2024-01-03 14:10"), 0, 0};
	assert_int_equal(aoristic_event_weights(&none, w), 1);
	assert_true(w[48 + 14] == 1.0);
	struct aoristic_event backwards = {at("2024-01-03 14:10"), at("2024-01-03 09:00"), 1};
	assert_int_equal(aoristic_event_weights(&backwards, w), 2);
	assert_true(w[48 + 14] == 1.0);
	struct aoristic_event instant = {at("2024-01-03 14:10"), at("2024-01-03 14:11"), 1};
	assert_int_equal(aoristic_event_weights(&instant, w), 0);
	assert_true(w[48 + 14] == 1.0);
}

static void a_span_of_a_week_or_more_gives_every_hour_one_168th(void **state)
{
	(void)state;
	double w[AORISTIC_HOURS];
	struct aoristic_event e = {at("2024-01-03 14:10"), at("2024-01-20 09:00"), 1};
	assert_int_equal(aoristic_event_weights(&e, w), 3);
	for (int i = 0; i < AORISTIC_HOURS; i++) assert_true(w[i] == 1.0 / 168);
	struct aoristic_event exactly = {at("2024-01-03 14:10"), at("2024-01-10 14:10"), 1};
	aoristic_event_weights(&exactly, w);
	for (int i = 0; i < AORISTIC_HOURS; i++) assert_true(fabs(w[i] - 1.0 / 168) < 1e-15);
}

/* The same weights by brute force: each whole minute of the span, starting at the start's
 * minute, adds 1/minutes to the hour it falls in. */
static void brute_force_weights(const struct aoristic_event *e, double *table)
{
	long long minutes = e->has_to && e->to >= e->from ? (e->to - e->from) / 60 : 0;
	long long start = e->from - (((e->from % 60) + 60) % 60);
	if (!e->has_to || minutes <= 1) {
		table[aoristic_hour_of_week(e->from)] += 1;
		return;
	}
	if (minutes >= 10080) {
		for (int i = 0; i < 168; i++) table[i] += 1.0 / 168;
		return;
	}
	for (long long m = 0; m < minutes; m++) table[aoristic_hour_of_week(start + m * 60)] += 1.0 / minutes;
}

static void weights_of_real_burglaries_sum_to_the_number_of_events_and_match_a_minute_count(void **state)
{
	(void)state;
	const char *path = test_data_path("dc_burglary_times.csv");
	assert_non_null(path);
	struct pointfile pf;
	struct pointfile_spec spec = {.from = "from", .to = "to"};
	char err[256];
	assert_int_equal(pointfile_read(path, &spec, &pf, err, sizeof err), 0);
	assert_int_equal(pf.n, 1025);
	struct aoristic_table table;
	memset(&table, 0, sizeof table);
	double brute[168] = {0};
	for (size_t i = 0; i < pf.n; i++) {
		struct aoristic_event e = {pf.from[i], pf.to[i], pf.has_to[i]};
		aoristic_add(&table, &e);
		brute_force_weights(&e, brute);
	}
	double sum = 0;
	for (int h = 0; h < 168; h++) {
		sum += table.weight[h];
		assert_true(fabs(table.weight[h] - brute[h]) < 1e-9);
	}
	assert_true(fabs(sum - 1025) < 1e-9);
	assert_int_equal(table.events, 1025);
	assert_int_equal(table.missing_end, 37);
	pointfile_free(&pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hours_of_the_week_start_on_monday_at_midnight),
		cmocka_unit_test(a_two_hour_span_from_half_past_splits_a_quarter_a_half_and_a_quarter),
		cmocka_unit_test(a_span_over_sunday_midnight_wraps_to_monday),
		cmocka_unit_test(seconds_are_dropped_as_the_r_package_drops_them),
		cmocka_unit_test(a_missing_or_earlier_end_puts_the_whole_weight_in_the_start_hour),
		cmocka_unit_test(a_span_of_a_week_or_more_gives_every_hour_one_168th),
		cmocka_unit_test(weights_of_real_burglaries_sum_to_the_number_of_events_and_match_a_minute_count),
	};
	return cmocka_run_group_tests_name("analytics: aoristic", tests, NULL, NULL);
}
