/* Quartic kernel density and the grid it is evaluated on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include "analytics/grid.h"
#include "analytics/kde.h"
#include "analytics_testutil.h"

static double quartic(double d, double h)
{
	return d >= h ? 0 : 3 / (M_PI * h * h) * pow(1 - d * d / (h * h), 2);
}

static void the_density_of_a_single_point_is_the_quartic_formula_at_every_cell_centre(void **state)
{
	(void)state;
	struct grid g = {1000, 2000, 10, 30, 25};
	double px = 1137.3, py = 2101.9, h = 95, density[30 * 25];
	kde_quartic(&g, h, &px, &py, NULL, 1, density);
	int inside = 0;
	for (int r = 0; r < g.ny; r++)
		for (int c = 0; c < g.nx; c++) {
			double d = hypot(grid_centre_x(&g, c) - px, grid_centre_y(&g, r) - py);
			double want = quartic(d, h);
			assert_true(fabs(density[r * g.nx + c] - want) <= 1e-15 * fmax(1, want));
			inside += want > 0;
		}
	assert_true(inside > 200);  /* the kernel really covers many cells */
}

static void a_cell_centre_exactly_one_bandwidth_away_gets_nothing(void **state)
{
	(void)state;
	struct grid g = {0, 0, 10, 11, 1};
	double px = 5, py = 5, density[11];
	kde_quartic(&g, 100, &px, &py, NULL, 1, density);
	assert_true(density[10] == 0);        /* centre at x = 105: exactly h away */
	assert_true(density[9] > 0);
	assert_true(fabs(density[0] - 3 / (M_PI * 1e4)) < 1e-18);
}

static void the_surface_integrates_to_the_number_of_points(void **state)
{
	(void)state;
	double x[] = {500, 520, 800}, y[] = {500, 560, 300}, w[] = {1, 2, 0.5};
	struct grid g;
	char err[128];
	assert_int_equal(grid_fit(&g, x, y, 3, 2, 150, 10000000, err, sizeof err), 0);
	double *density = malloc(grid_cells(&g) * sizeof *density);
	kde_quartic(&g, 150, x, y, NULL, 3, density);
	double sum = 0;
	for (size_t i = 0; i < grid_cells(&g); i++) sum += density[i] * g.cell * g.cell;
	assert_true(fabs(sum - 3) < 1e-3);
	kde_quartic(&g, 150, x, y, w, 3, density);
	sum = 0;
	for (size_t i = 0; i < grid_cells(&g); i++) sum += density[i] * g.cell * g.cell;
	assert_true(fabs(sum - 3.5) < 1e-3);
	free(density);
}

static void points_off_the_grid_still_reach_the_cells_within_the_bandwidth(void **state)
{
	(void)state;
	struct grid g = {0, 0, 10, 5, 5};
	double px = -40, py = 25, density[25];
	kde_quartic(&g, 60, &px, &py, NULL, 1, density);
	assert_true(fabs(density[2 * 5 + 0] - quartic(45, 60)) < 1e-15);
	double far[] = {1e9, NAN}, fy[] = {25, 25};
	kde_quartic(&g, 60, far, fy, NULL, 2, density);
	for (int i = 0; i < 25; i++) assert_true(density[i] == 0);
}

static void the_grid_is_aligned_on_the_cell_size_and_holds_every_point(void **state)
{
	(void)state;
	double x[] = {391234.5, 392050}, y[] = {388001, 389999.99};
	struct grid g;
	char err[128];
	assert_int_equal(grid_fit(&g, x, y, 2, 50, 100, 1000000, err, sizeof err), 0);
	assert_true(fmod(g.x0, 50) == 0 && fmod(g.y0, 50) == 0);
	assert_true(g.x0 <= 391134.5 && g.y0 <= 387901);
	assert_true(g.x0 + g.nx * 50 > 392150 && g.y0 + g.ny * 50 > 390099.99);
	for (int i = 0; i < 2; i++) assert_true(grid_cell_of(&g, x[i], y[i]) >= 0);
	assert_int_equal(grid_cell_of(&g, g.x0 - 1, y[0]), -1);
	double counts[1];
	assert_int_equal(grid_fit(&g, x, y, 2, 0.001, 0, 1000, err, sizeof err), -1);
	assert_int_equal(grid_fit(&g, x, y, 0, 50, 0, 1000, err, sizeof err), -1);
	struct grid one = {0, 0, 10, 1, 1};
	double px[] = {5, 10, 0}, py[] = {5, 0, 0};  /* the east edge belongs to the next cell */
	assert_int_equal(grid_count(&one, px, py, 3, counts), 2);
	assert_true(counts[0] == 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_density_of_a_single_point_is_the_quartic_formula_at_every_cell_centre),
		cmocka_unit_test(a_cell_centre_exactly_one_bandwidth_away_gets_nothing),
		cmocka_unit_test(the_surface_integrates_to_the_number_of_points),
		cmocka_unit_test(points_off_the_grid_still_reach_the_cells_within_the_bandwidth),
		cmocka_unit_test(the_grid_is_aligned_on_the_cell_size_and_holds_every_point),
	};
	return cmocka_run_group_tests_name("analytics: kernel density", tests, NULL, NULL);
}
