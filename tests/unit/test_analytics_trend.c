/* Monthly trend helpers: Mann-Kendall and Sen's slope against values worked by hand, rolling
 * sums, period changes and the caveats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "analytics/trend.h"

#define CLOSE(a, b, tol) assert_true(fabs((a) - (b)) < (tol))

static void mann_kendall_of_a_steady_rise_matches_the_hand_computed_values(void **state)
{
	(void)state;
	/* 1..5: all 10 pairs rise, S = 10, var = 5*4*15/18 = 50/3, z = 9/sqrt(50/3) = 2.2045,
	 * p = 2(1 - Phi(2.2045)) = 0.02749. */
	double x[] = {1, 2, 3, 4, 5};
	struct trend_mann_kendall mk;
	trend_mann_kendall(x, 5, &mk);
	CLOSE(mk.s, 10, 1e-12);
	CLOSE(mk.var_s, 50.0 / 3, 1e-12);
	CLOSE(mk.z, 9 / sqrt(50.0 / 3), 1e-12);
	CLOSE(mk.p, 0.027486, 1e-5);
	CLOSE(mk.tau, 1, 1e-12);
	CLOSE(mk.sen_slope, 1, 1e-12);
}

static void mann_kendall_corrects_the_variance_for_ties(void **state)
{
	(void)state;
	/* 1,2,2,3: five rising pairs and one tie, S = 5; one tie group of 2:
	 * var = (4*3*13 - 2*1*9)/18 = 138/18; z = 4/sqrt(138/18) = 1.44463; p = 0.14856.
	 * Slopes 1, 1/2, 2/3, 0, 1/2, 1 -> median (1/2 + 2/3)/2 = 7/12. */
	double x[] = {1, 2, 2, 3};
	struct trend_mann_kendall mk;
	trend_mann_kendall(x, 4, &mk);
	CLOSE(mk.s, 5, 1e-12);
	CLOSE(mk.var_s, 138.0 / 18, 1e-12);
	CLOSE(mk.z, 4 / sqrt(138.0 / 18), 1e-12);
	CLOSE(mk.p, 0.14856, 1e-4);
	CLOSE(mk.sen_slope, 7.0 / 12, 1e-12);
}

static void a_falling_series_has_a_negative_z_and_a_flat_one_none(void **state)
{
	(void)state;
	double down[] = {9, 7, 8, 5, 4, 4, 2}, flat[] = {3, 3, 3, 3};
	struct trend_mann_kendall mk;
	trend_mann_kendall(down, 7, &mk);
	assert_true(mk.s < 0 && mk.z < 0 && mk.sen_slope < 0);
	/* S by hand: pairs that fall minus pairs that rise = 19 - 1 = -18 (one tie, 4 and 4). */
	CLOSE(mk.s, -18, 1e-12);
	CLOSE(mk.z, (mk.s + 1) / sqrt(mk.var_s), 1e-12);
	trend_mann_kendall(flat, 4, &mk);
	CLOSE(mk.s, 0, 1e-12);
	CLOSE(mk.p, 1, 1e-12);
}

static void rolling_twelve_month_sums_start_at_the_twelfth_month(void **state)
{
	(void)state;
	double x[14], out[14];
	for (int i = 0; i < 14; i++) x[i] = i + 1;
	trend_rolling_sum(x, 14, 12, out);
	for (int i = 0; i < 11; i++) assert_true(isnan(out[i]));
	CLOSE(out[11], 78, 1e-12);   /* 1 + ... + 12 */
	CLOSE(out[12], 90, 1e-12);   /* 2 + ... + 13 */
	CLOSE(out[13], 102, 1e-12);
}

static void changes_on_the_previous_month_and_last_year_are_reported_with_their_base(void **state)
{
	(void)state;
	double x[13] = {40, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 50};
	struct trend_change c;
	assert_int_equal(trend_change(x, 13, 12, 1, &c), 0);
	CLOSE(c.change, 46, 1e-12);
	CLOSE(c.percent, 1150, 1e-9);
	assert_true(c.small_base);
	assert_int_equal(trend_change(x, 13, 12, 12, &c), 0);
	CLOSE(c.previous, 40, 1e-12);
	CLOSE(c.percent, 25, 1e-9);
	assert_false(c.small_base);
	assert_int_equal(trend_change(x, 13, 5, 12, &c), -1);
	x[0] = 0;
	assert_int_equal(trend_change(x, 13, 12, 12, &c), 0);
	assert_true(isnan(c.percent));
}

static void months_are_parsed_and_formatted_as_police_uk_writes_them(void **state)
{
	(void)state;
	int a, b;
	assert_int_equal(trend_month_parse("2018-12", &a), 0);
	assert_int_equal(trend_month_parse("2019-01", &b), 0);
	assert_int_equal(b - a, 1);
	char text[8];
	trend_month_format(b, text);
	assert_string_equal(text, "2019-01");
	assert_int_equal(trend_month_parse("2019-13", &a), -1);
	assert_int_equal(trend_month_parse("2019-1", &a), -1);
	assert_int_equal(trend_month_parse("2019-01x", &a), -1);
}

static void a_seasonal_series_is_flagged_and_a_short_small_one_gets_its_caveats(void **state)
{
	(void)state;
	double seasonal[48], noise[48];
	unsigned long long r = 7;
	for (int i = 0; i < 48; i++) {
		seasonal[i] = 100 + 30 * sin(2 * M_PI * i / 12.0) + i;
		r = r * 6364136223846793005ull + 1442695040888963407ull;
		noise[i] = 100 + (double)(r >> 58);  /* 0..63, no pattern */
	}
	unsigned c = trend_caveats(seasonal, 48);
	assert_true(c & TREND_CAVEAT_SEASONAL);
	assert_false(c & TREND_CAVEAT_SMALL_NUMBERS);
	assert_false(trend_caveats(noise, 48) & TREND_CAVEAT_SEASONAL);
	double small[6] = {2, 0, 3, 1, 4, 2};
	c = trend_caveats(small, 6);
	assert_true(c & TREND_CAVEAT_SMALL_NUMBERS);
	assert_true(c & TREND_CAVEAT_SHORT_SERIES);
	assert_true(c & TREND_CAVEAT_SEASONALITY_UNTESTED);
	assert_true(strlen(trend_caveat_text(TREND_CAVEAT_SEASONAL)) > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mann_kendall_of_a_steady_rise_matches_the_hand_computed_values),
		cmocka_unit_test(mann_kendall_corrects_the_variance_for_ties),
		cmocka_unit_test(a_falling_series_has_a_negative_z_and_a_flat_one_none),
		cmocka_unit_test(rolling_twelve_month_sums_start_at_the_twelfth_month),
		cmocka_unit_test(changes_on_the_previous_month_and_last_year_are_reported_with_their_base),
		cmocka_unit_test(months_are_parsed_and_formatted_as_police_uk_writes_them),
		cmocka_unit_test(a_seasonal_series_is_flagged_and_a_short_small_one_gets_its_caveats),
	};
	return cmocka_run_group_tests_name("analytics: trends", tests, NULL, NULL);
}
