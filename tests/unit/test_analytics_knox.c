/* Knox test: the observed table against a brute-force count over all pairs, band edges,
 * reproducibility, and the behaviour of the p-values with and without near repeats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/knox.h"
#include "analytics/pointfile.h"
#include "analytics_testutil.h"

static struct pointfile chicago;  /* 970 residential burglaries, Chicago, one month */

static int load_chicago(void **state)
{
	(void)state;
	const char *path = test_data_path("chicago_be_month1.csv");
	if (!path) return -1;
	struct pointfile_spec spec = {.x = "1", .y = "2", .date = "3", .no_header = 1};
	char err[256];
	return pointfile_read(path, &spec, &chicago, err, sizeof err);
}

static int free_chicago(void **state)
{
	(void)state;
	pointfile_free(&chicago);
	return 0;
}

/* Band of V, written out directly from the interval definitions (not via knox_band_index). */
static int brute_band(const double *b, size_t count, double v, enum knox_closure closure)
{
	for (size_t k = 0; k + 1 < count; k++) {
		int in = closure == KNOX_CLOSED_LEFT ? (b[k] <= v && v < b[k + 1])
			 : k == 0 ? (b[k] <= v && v <= b[k + 1]) : (b[k] < v && v <= b[k + 1]);
		if (in) return (int)k;
	}
	return -1;
}

/* Every one of the n(n-1)/2 pairs, no grid. */
static void brute_force_table(const double *x, const double *y, const double *t, size_t n,
			      const struct knox_params *p, uint64_t *table)
{
	size_t tb = p->time_breaks_count - 1;
	memset(table, 0, (p->distance_breaks_count - 1) * tb * sizeof *table);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			double dx = fabs(x[i] - x[j]), dy = fabs(y[i] - y[j]);
			double d = p->metric == KNOX_MANHATTAN ? dx + dy : sqrt(dx * dx + dy * dy);
			int s = brute_band(p->distance_breaks, p->distance_breaks_count, d, p->closure);
			int u = brute_band(p->time_breaks, p->time_breaks_count, fabs(t[i] - t[j]), p->closure);
			if (s >= 0 && u >= 0) table[s * tb + u]++;
		}
}

static void assert_observed_matches_brute_force(const double *t, enum knox_metric metric,
						 enum knox_closure closure)
{
	/* Breaks at 0 and at whole days are hit exactly by same-place pairs and by date gaps. */
	static const double db[] = {0, 1, 100, 200, 400}, tb[] = {0, 1, 7, 14};
	struct knox_params p = {db, 5, tb, 4, metric, closure, 9, 7, 0, 0};
	struct knox_result r;
	char err[256];
	assert_int_equal(knox_run(chicago.x, chicago.y, t, chicago.n, &p, &r, err, sizeof err), 0);
	uint64_t expect[12];
	brute_force_table(chicago.x, chicago.y, t, chicago.n, &p, expect);
	uint64_t total = 0;
	for (int k = 0; k < 12; k++) {
		assert_int_equal(r.observed[k], expect[k]);
		total += expect[k];
	}
	assert_true(total > 100);  /* the comparison is not between two empty tables */
	knox_result_free(&r);
}

static void the_observed_table_equals_a_brute_force_pair_count_manhattan_closed_left(void **state)
{
	(void)state;
	assert_observed_matches_brute_force(chicago.day, KNOX_MANHATTAN, KNOX_CLOSED_LEFT);
}

static void the_observed_table_equals_a_brute_force_pair_count_manhattan_closed_right(void **state)
{
	(void)state;
	assert_observed_matches_brute_force(chicago.day, KNOX_MANHATTAN, KNOX_CLOSED_RIGHT);
}

static void the_observed_table_equals_a_brute_force_pair_count_euclidean_closed_left(void **state)
{
	(void)state;
	assert_observed_matches_brute_force(chicago.day, KNOX_EUCLIDEAN, KNOX_CLOSED_LEFT);
}

static void the_observed_table_equals_a_brute_force_pair_count_euclidean_closed_right(void **state)
{
	(void)state;
	assert_observed_matches_brute_force(chicago.day, KNOX_EUCLIDEAN, KNOX_CLOSED_RIGHT);
}

static void dates_with_times_of_day_are_counted_like_the_brute_force(void **state)
{
	(void)state;
	double *t = malloc(chicago.n * sizeof *t);
	uint64_t rng = 11;
	for (size_t i = 0; i < chicago.n; i++) t[i] = chicago.day[i] + floor(test_uniform(&rng) * 24) / 24.0;
	assert_observed_matches_brute_force(t, KNOX_EUCLIDEAN, KNOX_CLOSED_LEFT);
	assert_observed_matches_brute_force(t, KNOX_MANHATTAN, KNOX_CLOSED_RIGHT);
	free(t);
}

/* Two events 100 m and 3 days apart, bands 0,100,200 m x 0,3,6 days. */
static void the_pathological_pair_falls_in_the_band_its_closure_says(void **state)
{
	(void)state;
	const char *path = test_data_path("pathological_example.csv");
	assert_non_null(path);
	struct pointfile pf;
	struct pointfile_spec spec = {.x = "x", .y = "y", .date = "t", .date_format = "%d/%m/%Y"};
	char err[256];
	assert_int_equal(pointfile_read(path, &spec, &pf, err, sizeof err), 0);
	assert_int_equal(pf.n, 2);
	static const double db[] = {0, 100, 200}, tb[] = {0, 3, 6};
	struct knox_params p = {db, 3, tb, 3, KNOX_MANHATTAN, KNOX_CLOSED_LEFT, 9, 1, 1, 0};
	struct knox_result r;
	/* [a,b): 100 m is in [100,200), 3 days in [3,6) — the bottom-right cell. */
	assert_int_equal(knox_run(pf.x, pf.y, pf.day, pf.n, &p, &r, err, sizeof err), 0);
	assert_int_equal(r.observed[0], 0);
	assert_int_equal(r.observed[1], 0);
	assert_int_equal(r.observed[2], 0);
	assert_int_equal(r.observed[3], 1);
	knox_result_free(&r);
	/* (a,b]: 100 m is in [0,100], 3 days in [0,3] — the top-left cell. */
	p.closure = KNOX_CLOSED_RIGHT;
	assert_int_equal(knox_run(pf.x, pf.y, pf.day, pf.n, &p, &r, err, sizeof err), 0);
	assert_int_equal(r.observed[0], 1);
	assert_int_equal(r.observed[3], 0);
	knox_result_free(&r);
	/* Beyond the last break: in no band at all. */
	static const double short_db[] = {0, 50, 99.5};
	p.distance_breaks = short_db;
	assert_int_equal(knox_run(pf.x, pf.y, pf.day, pf.n, &p, &r, err, sizeof err), 0);
	assert_int_equal(r.close_pairs, 0);
	knox_result_free(&r);
	pointfile_free(&pf);
}

static void same_place_and_same_day_pairs_count_in_the_first_band_under_either_closure(void **state)
{
	(void)state;
	double x[] = {5, 5}, y[] = {7, 7}, t[] = {100, 100};
	static const double db[] = {0, 0.1, 200}, tb[] = {0, 7};
	for (int c = 0; c < 2; c++) {
		struct knox_params p = {db, 3, tb, 2, KNOX_MANHATTAN, c ? KNOX_CLOSED_RIGHT : KNOX_CLOSED_LEFT, 5, 1, 1, 0};
		struct knox_result r;
		char err[256];
		assert_int_equal(knox_run(x, y, t, 2, &p, &r, err, sizeof err), 0);
		assert_int_equal(r.observed[0], 1);
		assert_int_equal(r.observed[1], 0);
		knox_result_free(&r);
	}
}

static void the_same_seed_gives_the_same_result_whatever_the_number_of_threads(void **state)
{
	(void)state;
	static const double db[] = {0, 1, 200, 400}, tb[] = {0, 7, 14};
	struct knox_params p = {db, 4, tb, 3, KNOX_MANHATTAN, KNOX_CLOSED_LEFT, 49, 12345, 1, 0};
	struct knox_result a, b, c;
	char err[256];
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &a, err, sizeof err), 0);
	p.threads = 3;
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &b, err, sizeof err), 0);
	p.seed = 54321;
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &c, err, sizeof err), 0);
	int differs = 0;
	for (int k = 0; k < 6; k++) {
		assert_true(a.sim_mean[k] == b.sim_mean[k]);
		assert_true(a.p[k] == b.p[k]);
		assert_true(a.sim_median[k] == b.sim_median[k]);
		differs |= a.sim_mean[k] != c.sim_mean[k];
	}
	assert_true(differs);  /* another seed draws other permutations */
	knox_result_free(&a);
	knox_result_free(&b);
	knox_result_free(&c);
}

static void ratios_and_p_values_follow_their_definitions(void **state)
{
	(void)state;
	static const double db[] = {0, 1, 200, 400}, tb[] = {0, 7, 14};
	struct knox_params p = {db, 4, tb, 3, KNOX_EUCLIDEAN, KNOX_CLOSED_LEFT, 99, 3, 0, 0};
	struct knox_result r;
	char err[256];
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &r, err, sizeof err), 0);
	for (int k = 0; k < 6; k++) {
		if (r.sim_mean[k] > 0) assert_true(fabs(r.ratio_mean[k] - r.observed[k] / r.sim_mean[k]) < 1e-12);
		if (r.sim_median[k] > 0) assert_true(fabs(r.ratio_median[k] - r.observed[k] / r.sim_median[k]) < 1e-12);
		/* p is a count of simulations (plus one) over 100. */
		double hits = r.p[k] * 100;
		assert_true(fabs(hits - round(hits)) < 1e-9);
		assert_true(r.p[k] >= 0.01 && r.p[k] <= 1);
	}
	knox_result_free(&r);
}

/* With the dates shuffled over the locations there is no space-time interaction left, so the
 * p-values should be spread evenly over (0, 1]. */
static void p_values_are_roughly_uniform_when_the_dates_are_randomly_permuted(void **state)
{
	(void)state;
	static const double db[] = {0, 100, 300, 600}, tb[] = {0, 3, 7, 14};
	struct knox_params p = {db, 4, tb, 4, KNOX_MANHATTAN, KNOX_CLOSED_LEFT, 99, 0, 0, 0};
	double *t = malloc(chicago.n * sizeof *t);
	uint64_t rng = 2024;
	int runs = 40, small = 0, total = 0;
	double sum = 0;
	for (int run = 0; run < runs; run++) {
		memcpy(t, chicago.day, chicago.n * sizeof *t);
		for (size_t i = chicago.n - 1; i > 0; i--) {
			size_t j = test_random(&rng) % (i + 1);
			double v = t[i];
			t[i] = t[j];
			t[j] = v;
		}
		p.seed = (uint64_t)run + 1;
		struct knox_result r;
		char err[256];
		assert_int_equal(knox_run(chicago.x, chicago.y, t, chicago.n, &p, &r, err, sizeof err), 0);
		for (int k = 0; k < 9; k++) {
			sum += r.p[k];
			small += r.p[k] <= 0.05;
			total++;
		}
		knox_result_free(&r);
	}
	double mean = sum / total, share = (double)small / total;
	print_message("null p-values: mean %.3f, share <= 0.05: %.3f over %d\n", mean, share, total);
	assert_true(mean > 0.40 && mean < 0.60);
	assert_true(share < 0.12);
	free(t);
}

/* Background burglaries over a year and a 10 km square, plus planted near repeats: a few
 * houses near each seed burglary hit within days. The first cell must be significant. */
static void planted_near_repeat_clusters_give_small_p_values(void **state)
{
	(void)state;
	size_t n = 0, cap = 1200;
	double *x = malloc(cap * sizeof *x), *y = malloc(cap * sizeof *y), *t = malloc(cap * sizeof *t);
	uint64_t rng = 99;
	for (int i = 0; i < 800; i++, n++) {
		x[n] = test_uniform(&rng) * 10000;
		y[n] = test_uniform(&rng) * 10000;
		t[n] = floor(test_uniform(&rng) * 365);
	}
	for (int seed = 0; seed < 60; seed++)
		for (int k = 0; k < 4; k++, n++) {
			x[n] = x[seed] + (test_uniform(&rng) - 0.5) * 150;
			y[n] = y[seed] + (test_uniform(&rng) - 0.5) * 150;
			t[n] = t[seed] + floor(test_uniform(&rng) * 7);
		}
	static const double db[] = {0, 200, 400}, tb[] = {0, 7, 14};
	struct knox_params p = {db, 3, tb, 3, KNOX_EUCLIDEAN, KNOX_CLOSED_LEFT, 199, 5, 0, 0};
	struct knox_result r;
	char err[256];
	assert_int_equal(knox_run(x, y, t, n, &p, &r, err, sizeof err), 0);
	assert_true(r.p[0] <= 0.01);         /* 0-200 m, 0-6 days */
	assert_true(r.ratio_mean[0] > 2);
	assert_true(r.p[3] > 0.01);          /* 200-400 m, 7-13 days: nothing planted there */
	knox_result_free(&r);
	free(x);
	free(y);
	free(t);
}

static void bad_bands_are_refused_with_a_message(void **state)
{
	(void)state;
	double x[] = {0, 1}, y[] = {0, 1}, t[] = {0, 1};
	static const double down[] = {0, 200, 100}, ok[] = {0, 7}, negative[] = {-1, 7};
	struct knox_params p = {down, 3, ok, 2, KNOX_MANHATTAN, KNOX_CLOSED_LEFT, 9, 1, 1, 0};
	struct knox_result r;
	char err[256] = "";
	assert_int_equal(knox_run(x, y, t, 2, &p, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "distance bands"));
	p.distance_breaks = ok;
	p.distance_breaks_count = 2;
	p.time_breaks = negative;
	assert_int_equal(knox_run(x, y, t, 2, &p, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "time bands"));
	p.time_breaks = ok;
	assert_int_equal(knox_run(x, y, t, 1, &p, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "two events"));
}

static void too_many_close_pairs_are_refused_rather_than_exhausting_memory(void **state)
{
	(void)state;
	static const double db[] = {0, 1000, 100000}, tb[] = {0, 7};
	struct knox_params p = {db, 3, tb, 2, KNOX_MANHATTAN, KNOX_CLOSED_LEFT, 9, 1, 1, 1000};
	struct knox_result r;
	char err[256] = "";
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "more than 1000 pairs"));
	p.max_pairs = 0;
	p.iterations = 30000000;
	assert_int_equal(knox_run(chicago.x, chicago.y, chicago.day, chicago.n, &p, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "iterations"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_observed_table_equals_a_brute_force_pair_count_manhattan_closed_left),
		cmocka_unit_test(the_observed_table_equals_a_brute_force_pair_count_manhattan_closed_right),
		cmocka_unit_test(the_observed_table_equals_a_brute_force_pair_count_euclidean_closed_left),
		cmocka_unit_test(the_observed_table_equals_a_brute_force_pair_count_euclidean_closed_right),
		cmocka_unit_test(dates_with_times_of_day_are_counted_like_the_brute_force),
		cmocka_unit_test(the_pathological_pair_falls_in_the_band_its_closure_says),
		cmocka_unit_test(same_place_and_same_day_pairs_count_in_the_first_band_under_either_closure),
		cmocka_unit_test(the_same_seed_gives_the_same_result_whatever_the_number_of_threads),
		cmocka_unit_test(ratios_and_p_values_follow_their_definitions),
		cmocka_unit_test(p_values_are_roughly_uniform_when_the_dates_are_randomly_permuted),
		cmocka_unit_test(planted_near_repeat_clusters_give_small_p_values),
		cmocka_unit_test(bad_bands_are_refused_with_a_message),
		cmocka_unit_test(too_many_close_pairs_are_refused_rather_than_exhausting_memory),
	};
	return cmocka_run_group_tests_name("analytics: Knox test", tests, load_chicago, free_chicago);
}
