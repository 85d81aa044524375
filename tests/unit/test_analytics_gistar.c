/* Getis-Ord Gi*: against the textbook formula with a dense weight matrix, grid neighbourhoods,
 * the false discovery rate adjustment and the confidence bins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include "analytics/gistar.h"
#include "analytics_testutil.h"

/* Gi* written out from Ord & Getis (1995) with a full n x n weight matrix W (w_ii = 1). */
static double textbook_gistar(const double *x, const int *w, size_t n, size_t i)
{
	double mean = 0, sq = 0, wx = 0, sw = 0, sw2 = 0;
	for (size_t j = 0; j < n; j++) {
		mean += x[j];
		sq += x[j] * x[j];
	}
	mean /= n;
	double s = sqrt(sq / n - mean * mean);
	for (size_t j = 0; j < n; j++) {
		wx += w[i * n + j] * x[j];
		sw += w[i * n + j];
		sw2 += w[i * n + j] * w[i * n + j];
	}
	return (wx - mean * sw) / (s * sqrt((n * sw2 - sw * sw) / (n - 1)));
}

static void grid_gistar_equals_the_textbook_formula(void **state)
{
	(void)state;
	struct grid g = {0, 0, 100, 7, 6};
	size_t n = grid_cells(&g);
	double *x = malloc(n * sizeof *x);
	uint64_t rng = 42;
	for (size_t i = 0; i < n; i++) x[i] = floor(test_uniform(&rng) * 6);
	for (int r = 2; r <= 4; r++)  /* a hot spot */
		for (int c = 2; c <= 4; c++) x[r * 7 + c] = 25;
	struct neighbour_list nb;
	gistar_grid_neighbours(&g, 150, &nb);   /* 3x3 queen block */
	int *w = calloc(n * n, sizeof *w);
	for (int r = 0; r < g.ny; r++)
		for (int c = 0; c < g.nx; c++)
			for (int r2 = 0; r2 < g.ny; r2++)
				for (int c2 = 0; c2 < g.nx; c2++)
					w[(r * g.nx + c) * n + r2 * g.nx + c2] = abs(r - r2) <= 1 && abs(c - c2) <= 1;
	struct gistar_result res;
	gistar_compute(x, &nb, 0, &res);
	assert_true(res.defined);
	for (size_t i = 0; i < n; i++) {
		double want = textbook_gistar(x, w, n, i);
		assert_true(fabs(res.z[i] - want) < 1e-12 * fmax(1, fabs(want)));
		assert_true(fabs(res.p[i] - erfc(fabs(want) / sqrt(2))) < 1e-12);
	}
	assert_true(res.bin[3 * 7 + 3] == 3);
	gistar_result_free(&res);
	neighbour_list_free(&nb);
	free(w);
	free(x);
}

static void grid_neighbourhoods_hold_the_cells_within_the_radius_but_not_the_cell_itself(void **state)
{
	(void)state;
	struct grid g = {0, 0, 50, 5, 4};
	struct neighbour_list nb;
	gistar_grid_neighbours(&g, 75, &nb);
	assert_int_equal(nb.start[1] - nb.start[0], 3);                  /* corner */
	size_t mid = 1 * 5 + 2;
	assert_int_equal(nb.start[mid + 1] - nb.start[mid], 8);          /* interior */
	for (size_t k = nb.start[mid]; k < nb.start[mid + 1]; k++) assert_true(nb.index[k] != mid);
	neighbour_list_free(&nb);
	gistar_grid_neighbours(&g, 50, &nb);                              /* rook */
	assert_int_equal(nb.start[mid + 1] - nb.start[mid], 4);
	neighbour_list_free(&nb);
	gistar_grid_neighbours(&g, 105, &nb);                             /* two cells along the axes too */
	assert_int_equal(nb.start[mid + 1] - nb.start[mid], 8 + 3);      /* (0,+-2), (-2,0), (+2,0); row -2 is off the grid */
	neighbour_list_free(&nb);
}

static void areas_with_their_own_neighbour_lists_work_too(void **state)
{
	(void)state;
	/* Five areas in a row, each touching the next. */
	size_t start[] = {0, 1, 3, 5, 7, 8}, index[] = {1, 0, 2, 1, 3, 2, 4, 3};
	struct neighbour_list nb = {5, start, index};
	double x[] = {1, 9, 10, 2, 0};
	int w[25] = {0};
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++) w[i * 5 + j] = abs(i - j) <= 1;
	struct gistar_result res;
	gistar_compute(x, &nb, 1, &res);
	for (int i = 0; i < 5; i++) assert_true(fabs(res.z[i] - textbook_gistar(x, w, 5, i)) < 1e-12);
	assert_non_null(res.q);
	gistar_result_free(&res);
}

static void equal_values_everywhere_leave_gistar_undefined_and_not_significant(void **state)
{
	(void)state;
	struct grid g = {0, 0, 1, 3, 3};
	struct neighbour_list nb;
	gistar_grid_neighbours(&g, 1.5, &nb);
	double x[9] = {2, 2, 2, 2, 2, 2, 2, 2, 2};
	struct gistar_result res;
	gistar_compute(x, &nb, 0, &res);
	assert_false(res.defined);
	for (int i = 0; i < 9; i++) assert_true(res.z[i] == 0 && res.p[i] == 1 && res.bin[i] == 0);
	gistar_result_free(&res);
	neighbour_list_free(&nb);
}

static void benjamini_hochberg_matches_the_hand_computed_q_values(void **state)
{
	(void)state;
	/* Sorted .01 .03 .04 .20: .20*4/4 = .2; .04*4/3 = .0533; .03*4/2 = .06 -> .0533; .01*4 = .04. */
	double p[] = {0.01, 0.04, 0.03, 0.20}, q[4];
	gistar_fdr_adjust(p, 4, q);
	assert_true(fabs(q[0] - 0.04) < 1e-15);
	assert_true(fabs(q[1] - 0.16 / 3) < 1e-15);
	assert_true(fabs(q[2] - 0.16 / 3) < 1e-15);
	assert_true(fabs(q[3] - 0.20) < 1e-15);
}

static void bins_follow_arcgis_confidence_levels(void **state)
{
	(void)state;
	assert_int_equal(gistar_bin(3.0, gistar_p_value(3.0)), 3);
	assert_int_equal(gistar_bin(-2.2, gistar_p_value(-2.2)), -2);
	assert_int_equal(gistar_bin(1.7, gistar_p_value(1.7)), 1);
	assert_int_equal(gistar_bin(1.6, gistar_p_value(1.6)), 0);
	assert_true(fabs(gistar_p_value(1.959963984540054) - 0.05) < 1e-12);
	assert_true(fabs(gistar_p_value(2.5758293035489) - 0.01) < 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grid_gistar_equals_the_textbook_formula),
		cmocka_unit_test(grid_neighbourhoods_hold_the_cells_within_the_radius_but_not_the_cell_itself),
		cmocka_unit_test(areas_with_their_own_neighbour_lists_work_too),
		cmocka_unit_test(equal_values_everywhere_leave_gistar_undefined_and_not_significant),
		cmocka_unit_test(benjamini_hochberg_matches_the_hand_computed_q_values),
		cmocka_unit_test(bins_follow_arcgis_confidence_levels),
	};
	return cmocka_run_group_tests_name("analytics: Gi*", tests, NULL, NULL);
}
