/* GeoJSON boundaries: polygons with holes and multipolygons, CRS from the "crs" member or
 * the coordinate ranges, British National Grid converted to WGS84, and clear errors. */
#include <math.h>
#include "crime_testutil.h"
#include "analytics/geojson.h"
#include "analytics/projection.h"

static int read_text(const char *json, const struct geojson_options *opt, struct geojson_areas *out, char *err, size_t n)
{
	char *path = crime_temp_file(".geojson", json, strlen(json));
	int rc = geojson_read_areas(path, opt, out, err, n);
	crime_temp_remove(path);
	return rc;
}

static const struct geojson_options WARDS = {NULL, NULL, "WD"};

static void a_polygon_with_a_hole_in_lon_lat_is_read(void **state)
{
	const char *json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
		"\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"WD25CD\":\"E05000001\","
		"\"WD25NM\":\"Ward One\",\"LAD25CD\":\"E08000007\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
		"[[-2.2,53.3],[-2.0,53.3],[-2.0,53.5],[-2.2,53.5],[-2.2,53.3]],"
		"[[-2.15,53.35],[-2.05,53.35],[-2.05,53.45],[-2.15,53.45],[-2.15,53.35]]]}}]}";
	struct geojson_areas a;
	char err[256];
	assert_int_equal(read_text(json, &WARDS, &a, err, sizeof err), 0);
	assert_int_equal(a.crs, GEOJSON_CRS_WGS84);
	assert_int_equal(a.n, 1);
	assert_string_equal(a.areas[0].code, "E05000001");
	assert_string_equal(a.areas[0].name, "Ward One");
	assert_string_equal(a.areas[0].parent_code, "E08000007");
	assert_string_equal(a.code_field, "WD25CD");
	assert_true(geometry_contains(&a.areas[0].geom, -2.19, 53.31));
	assert_false(geometry_contains(&a.areas[0].geom, -2.1, 53.4));
	geojson_areas_free(&a);
}

static void a_multipolygon_without_crs_in_grid_metres_is_converted(void **state)
{
	/* two squares 1 km across around two National Grid points; no "crs": found from ranges */
	const char *json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
		"{\"code\":\"X1\",\"label\":\"Two parts\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
		"[[[389000,386000],[390000,386000],[390000,387000],[389000,387000],[389000,386000]]],"
		"[[[395000,390000],[396000,390000],[396000,391000],[395000,391000],[395000,390000]]]]}}]}";
	struct geojson_options opt = {"code", "label", NULL};
	struct geojson_areas a;
	char err[256];
	assert_int_equal(read_text(json, &opt, &a, err, sizeof err), 0);
	assert_int_equal(a.crs, GEOJSON_CRS_BNG);
	assert_int_equal(geometry_polygon_count(&a.areas[0].geom), 2);
	double lon, lat;
	assert_int_equal(projection_bng_to_wgs84(389500, 386500, &lon, &lat), 0);
	assert_true(geometry_contains(&a.areas[0].geom, lon, lat));
	assert_int_equal(projection_bng_to_wgs84(395500, 390500, &lon, &lat), 0);
	assert_true(geometry_contains(&a.areas[0].geom, lon, lat));
	assert_int_equal(projection_bng_to_wgs84(392500, 388500, &lon, &lat), 0);
	assert_false(geometry_contains(&a.areas[0].geom, lon, lat));
	assert_true(a.areas[0].geom.min_x > -2.3 && a.areas[0].geom.max_x < -2.0);
	geojson_areas_free(&a);
}

static void features_sharing_a_code_become_one_area(void **state)
{
	const char *json = "{\"type\":\"FeatureCollection\",\"features\":["
		"{\"type\":\"Feature\",\"properties\":{\"WD16CD\":\"E1\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
		"[[[-2.2,53.3],[-2.1,53.3],[-2.1,53.4],[-2.2,53.3]]]}},"
		"{\"type\":\"Feature\",\"properties\":{\"WD16CD\":\"E1\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
		"[[[-2.0,53.3],[-1.9,53.3],[-1.9,53.4],[-2.0,53.3]]]}}]}";
	struct geojson_areas a;
	char err[256];
	assert_int_equal(read_text(json, &WARDS, &a, err, sizeof err), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(geometry_polygon_count(&a.areas[0].geom), 2);
	assert_string_equal(a.areas[0].name, "");
	geojson_areas_free(&a);
}

static void bad_files_give_a_clear_reason(void **state)
{
	static const struct { const char *json, *reason; } cases[] = {
		{"{\"type\":\"FeatureCollection\",\"features\":[", "end of file"},
		{"[1,2]", "not a GeoJSON FeatureCollection"},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"WD16CD\":\"E1\"},"
		 "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-2.1,53.4]}}]}", "Point is not Polygon"},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},"
		 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-2.2,53.3],[-2.1,53.3],[-2.1,53.4]]]}}]}", "no WDnnCD"},
		{"{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},"
		 "\"features\":[]}", "not supported"},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"WD16CD\":\"E1\"},"
		 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[53.3,-2.2],[53.3,-2.1],[53.4,-2.1]]]}}]}", "outside Great Britain"},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"WD16CD\":\"E1\"},"
		 "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-2.2,53.3],[\"x\",53.3],[-2.1,53.4]]]}}]}", "position 2"},
		{"{\"type\":\"FeatureCollection\",\"features\":[]}", "no features"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct geojson_areas a;
		char err[256] = "";
		assert_int_equal(read_text(cases[i].json, &WARDS, &a, err, sizeof err), -1);
		if (!strstr(err, cases[i].reason)) fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err, cases[i].reason);
		assert_int_equal(a.n, 0);
	}
}

/* Count the features whose own label point (ONS LONG/LAT) falls in their own polygon. */
static void labels_fall_in_their_own_areas(const char *path, const char *prefix, double at_least)
{
	struct geojson_options opt = {NULL, NULL, prefix};
	struct geojson_areas a;
	char err[256];
	assert_int_equal(geojson_read_areas(path, &opt, &a, err, sizeof err), 0);
	char *text = crime_read_file(path, NULL);
	size_t hits = 0, labelled = 0;
	for (size_t i = 0; i < a.n; i++) {
		/* the label point follows the code in the properties: "long": x, "lat": y (any case) */
		const char *p = strstr(text, a.areas[i].code);
		const char *lon = p ? strcasestr(p, "\"long\": ") : NULL, *lat = p ? strcasestr(p, "\"lat\": ") : NULL;
		if (!lon || !lat) continue;
		labelled++;
		hits += geometry_contains(&a.areas[i].geom, atof(lon + 8), atof(lat + 7));
	}
	assert_true(labelled == a.n);
	if (hits < at_least * (double)a.n) fail_msg("%s: only %zu of %zu label points inside", path, hits, a.n);
	free(text);
	geojson_areas_free(&a);
}

static void the_committed_ward_excerpts_in_both_systems_read(void **state)
{
	labels_fall_in_their_own_areas(CRIME_DATA "stockport-wards-2025-excerpt.geojson", "WD", 1.0);
	labels_fall_in_their_own_areas(CRIME_DATA "stockport-wards-2016-bng-excerpt.geojson", "WD", 1.0);
}

static void the_shared_ward_files_read_and_label_points_fall_inside(void **state)
{
	char path[512];
	if (crime_shared_path("geo/maczokni_crime_mapping/data/manchester_wards.geojson", path, sizeof path)) {
		print_message("skipped: shared/data/geo is absent\n");
		skip();
	}
	/* ONS label points can sit outside a very irregular ward; nearly all are inside */
	labels_fall_in_their_own_areas(path, "WD", 0.97);
	if (crime_shared_path("geo/drkane_geo-lookups/boundaries/ward/E08000007.geojson", path, sizeof path) == 0)
		labels_fall_in_their_own_areas(path, "WD", 0.95);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_polygon_with_a_hole_in_lon_lat_is_read),
		cmocka_unit_test(a_multipolygon_without_crs_in_grid_metres_is_converted),
		cmocka_unit_test(features_sharing_a_code_become_one_area),
		cmocka_unit_test(bad_files_give_a_clear_reason),
		cmocka_unit_test(the_committed_ward_excerpts_in_both_systems_read),
		cmocka_unit_test(the_shared_ward_files_read_and_label_points_fall_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
