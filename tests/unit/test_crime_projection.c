/* WGS84 <-> British National Grid: Ordnance Survey's worked example for the projection,
 * round trips, and agreement with the ONS's own coordinates for every Greater Manchester
 * ward (ONS converts with OSTN15; the Helmert shift used here is good to a few metres). */
#include <math.h>
#include "crime_testutil.h"
#include "analytics/projection.h"

static double dms(double d, double m, double s) { return d + m / 60 + s / 3600; }

static void the_os_worked_example_projects_exactly(void **state)
{
	/* "A guide to coordinate systems in Great Britain", Annex C: 52°39'27.2531"N 1°43'4.5177"E */
	double e, n;
	projection_osgb36_to_grid(dms(1, 43, 4.5177), dms(52, 39, 27.2531), &e, &n);
	assert_true(fabs(e - 651409.903) < 0.001);
	assert_true(fabs(n - 313177.270) < 0.001);
	double lon, lat;
	projection_grid_to_osgb36(651409.903, 313177.270, &lon, &lat);
	assert_true(fabs(lon - dms(1, 43, 4.5177)) < 1e-8);
	assert_true(fabs(lat - dms(52, 39, 27.2531)) < 1e-8);
}

static void a_round_trip_returns_to_the_same_point(void **state)
{
	for (double lon = -7.5; lon <= 1.5; lon += 0.75)
		for (double lat = 50.0; lat <= 58.5; lat += 0.5) {
			double e, n, lon2, lat2;
			assert_int_equal(projection_wgs84_to_bng(lon, lat, &e, &n), 0);
			assert_int_equal(projection_bng_to_wgs84(e, n, &lon2, &lat2), 0);
			/* 1e-7 degrees is about a centimetre */
			assert_true(fabs(lon2 - lon) < 1e-7 && fabs(lat2 - lat) < 1e-7);
		}
}

static void nonsense_input_is_refused(void **state)
{
	double a = 1, b = 2;
	assert_int_equal(projection_wgs84_to_bng(NAN, 53, &a, &b), -1);
	assert_int_equal(projection_wgs84_to_bng(-2, 91, &a, &b), -1);
	assert_int_equal(projection_bng_to_wgs84(INFINITY, 0, &a, &b), -1);
	assert_int_equal(projection_bng_to_wgs84(5e6, 0, &a, &b), -1);
	assert_true(a == 1 && b == 2);
}

/* Metres between two WGS84 points (equirectangular: fine over a few metres). */
static double metres_apart(double lon1, double lat1, double lon2, double lat2)
{
	double k = M_PI / 180 * 6371000;
	return hypot((lon2 - lon1) * k * cos(lat1 * M_PI / 180), (lat2 - lat1) * k);
}

/* For every "bng_e": E, "bng_n": N, ..., "long": X, "lat": Y in PATH, the distance between
 * our conversion of (E, N) and (X, Y); the worst is returned. */
static double worst_disagreement(const char *path, int *count)
{
	char *text = crime_read_file(path, NULL);
	double worst = 0;
	*count = 0;
	for (const char *p = text; (p = strcasestr(p, "\"bng_e\": ")); p++) {
		const char *pn = strcasestr(p, "\"bng_n\": "), *plon = strcasestr(p, "\"long\": "), *plat = strcasestr(p, "\"lat\": ");
		if (!pn || !plon || !plat) break;
		double lon, lat;
		assert_int_equal(projection_bng_to_wgs84(atof(p + 9), atof(pn + 9), &lon, &lat), 0);
		double d = metres_apart(lon, lat, atof(plon + 8), atof(plat + 7));
		if (d > worst) worst = d;
		(*count)++;
	}
	free(text);
	return worst;
}

static void grid_references_agree_with_the_ons_to_a_few_metres(void **state)
{
	int count;
	double worst = worst_disagreement(CRIME_DATA "stockport-wards-2016-bng-excerpt.geojson", &count);
	assert_true(count >= 4);
	print_message("excerpt: %d wards, worst %.2f m\n", count, worst);
	assert_true(worst < 5.0);
	char path[512];
	if (crime_shared_path("geo/maczokni_crime_mapping/data/manchester_wards.geojson", path, sizeof path) == 0) {
		worst = worst_disagreement(path, &count);
		print_message("Greater Manchester: %d wards, worst %.2f m\n", count, worst);
		assert_int_equal(count, 215);
		assert_true(worst < 5.0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_os_worked_example_projects_exactly),
		cmocka_unit_test(a_round_trip_returns_to_the_same_point),
		cmocka_unit_test(nonsense_input_is_refused),
		cmocka_unit_test(grid_references_agree_with_the_ons_to_a_few_metres),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
