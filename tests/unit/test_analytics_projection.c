/* WGS84 <-> British National Grid against the Ordnance Survey's published examples and the
 * ONS centroids of Stockport's LSOAs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include "analytics/pointfile.h"
#include "analytics/projection.h"
#include "analytics_testutil.h"

static double dms(double d, double m, double s) { return d + m / 60 + s / 3600; }

/* OS "A guide to coordinate systems in Great Britain", Annex C: Caister water tower,
 * 52°39'27.2531"N 1°43'4.5177"E on OSGB36 is E 651409.903, N 313177.270. */
static void the_os_worked_example_projects_to_the_millimetre(void **state)
{
	(void)state;
	double e, n, lon, lat;
	projection_osgb36_to_grid(dms(1, 43, 4.5177), dms(52, 39, 27.2531), &e, &n);
	assert_true(fabs(e - 651409.903) < 0.001);
	assert_true(fabs(n - 313177.270) < 0.001);
	projection_grid_to_osgb36(651409.903, 313177.270, &lon, &lat);
	assert_true(fabs(lon - dms(1, 43, 4.5177)) < 1e-8);
	assert_true(fabs(lat - dms(52, 39, 27.2531)) < 1e-8);
}

/* The same point on WGS84 through the OS Helmert parameters: 52°39'28.723"N 1°42'57.787"E
 * (published to a thousandth of a second, about 3 cm). */
static void the_helmert_transform_gives_the_published_wgs84_position(void **state)
{
	(void)state;
	double lon, lat, e, n;
	projection_bng_to_wgs84(651409.903, 313177.270, &lon, &lat);
	assert_true(fabs(lat - dms(52, 39, 28.723)) < 5e-7);
	assert_true(fabs(lon - dms(1, 42, 57.787)) < 5e-7);
	projection_wgs84_to_bng(dms(1, 42, 57.787), dms(52, 39, 28.723), &e, &n);
	assert_true(fabs(e - 651409.903) < 0.05);
	assert_true(fabs(n - 313177.270) < 0.05);
}

/* OS test point TP01 (Scilly, the far south-west, where Helmert is weakest): OSTN15 puts
 * ETRS89 49.92226393730N 6.29977752014W at E 91492.146, N 11318.804. Helmert is within 5 m. */
static void the_helmert_transform_is_within_five_metres_of_ostn15(void **state)
{
	(void)state;
	double e, n;
	projection_wgs84_to_bng(-6.29977752014, 49.92226393730, &e, &n);
	assert_true(hypot(e - 91492.146, n - 11318.804) < 5);
	assert_true(hypot(e - 91492.146, n - 11318.804) > 0.5);  /* it is Helmert, not a copy */
}

static void grid_to_wgs84_and_back_returns_to_the_same_point(void **state)
{
	(void)state;
	double pts[][2] = {{392026, 391285}, {91492, 11318}, {651409.903, 313177.270}, {300000, 1000000}};
	for (int i = 0; i < 4; i++) {
		double lon, lat, e, n;
		assert_int_equal(projection_bng_to_wgs84(pts[i][0], pts[i][1], &lon, &lat), 0);
		assert_int_equal(projection_wgs84_to_bng(lon, lat, &e, &n), 0);
		assert_true(fabs(e - pts[i][0]) < 1e-4 && fabs(n - pts[i][1]) < 1e-4);
	}
}

/* ONS publishes each LSOA's centroid in both systems (metres rounded to 1 m, degrees to 1e-5). */
static void stockport_lsoa_centroids_agree_with_ons_to_within_three_metres(void **state)
{
	(void)state;
	const char *path = test_data_path("stockport_lsoa_centroids.csv");
	assert_non_null(path);
	struct pointfile lonlat, grid;
	struct pointfile_spec a = {.x = "LONG", .y = "LAT", .lonlat = 1}, b = {.x = "BNG_E", .y = "BNG_N"};
	char err[256];
	assert_int_equal(pointfile_read(path, &a, &lonlat, err, sizeof err), 0);
	assert_int_equal(pointfile_read(path, &b, &grid, err, sizeof err), 0);
	assert_int_equal(lonlat.n, 190);
	double worst = 0;
	for (size_t i = 0; i < lonlat.n; i++) worst = fmax(worst, hypot(lonlat.x[i] - grid.x[i], lonlat.y[i] - grid.y[i]));
	print_message("largest difference from ONS: %.2f m\n", worst);
	assert_true(worst < 3);
	pointfile_free(&lonlat);
	pointfile_free(&grid);
}

static void impossible_coordinates_are_refused_and_leave_the_outputs_alone(void **state)
{
	(void)state;
	double a = 7, b = 8;
	assert_int_equal(projection_wgs84_to_bng(181, 50, &a, &b), -1);
	assert_int_equal(projection_wgs84_to_bng(-2, NAN, &a, &b), -1);
	assert_int_equal(projection_bng_to_wgs84(400000, 9e6, &a, &b), -1);
	assert_true(a == 7 && b == 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_os_worked_example_projects_to_the_millimetre),
		cmocka_unit_test(the_helmert_transform_gives_the_published_wgs84_position),
		cmocka_unit_test(the_helmert_transform_is_within_five_metres_of_ostn15),
		cmocka_unit_test(grid_to_wgs84_and_back_returns_to_the_same_point),
		cmocka_unit_test(stockport_lsoa_centroids_agree_with_ons_to_within_three_metres),
		cmocka_unit_test(impossible_coordinates_are_refused_and_leave_the_outputs_alone),
	};
	return cmocka_run_group_tests_name("analytics: projection", tests, NULL, NULL);
}
