/* The glue behind the analytics pages: ward boundaries loaded for analysis (neighbours,
 * points), the ward of a property's point, the analysis arguments shared by pages and
 * commands, cases by ward with small numbers suppressed, and the printed changes. */
#include <math.h>
#include "case_fixture.h"
#include "analytics/analysis_output.h"
#include "analytics/boundary_import.h"
#include "analytics/area_shapes.h"
#include "analytics/case_map_report.h"
#include "analytics/crime_selection.h"
#include "analytics/geometry.h"
#include "analytics/projection.h"
#include "model/area.h"
#include "util/buf.h"

/* A square ward of SIDE degrees with its south-west corner at (LON, LAT). */
static void add_square(struct db *db, const char *level, const char *code, const char *name, double lon, double lat,
	double side, int64_t import_id)
{
	struct geometry g;
	geometry_init(&g);
	double xy[8] = {lon, lat, lon + side, lat, lon + side, lat + side, lon, lat + side};
	geometry_add_ring(&g, xy, 4, 1);
	struct buf blob = BUF_INIT;
	geometry_encode(&g, &blob);
	if (!db_int(db, 0, "SELECT 1 FROM crime_import WHERE id = ?", "i", import_id))
		db_run(db, "INSERT INTO crime_import(id, kind, file_name, fingerprint, imported_at) VALUES(?, 'boundaries', 'w', 'x', 0)",
			"i", import_id);
	db_run(db, "INSERT INTO geo_area(level, code, name, geometry, import_id) VALUES(?, ?, ?, ?, ?) "
		"ON CONFLICT(level, code) DO UPDATE SET geometry = excluded.geometry, import_id = excluded.import_id",
		"tttbi", level, code, name, blob.data, blob.len, import_id);
	buf_free(&blob);
	geometry_free(&g);
}

static int64_t add_locality_ward(struct db *db, const char *name, const char *code)
{
	db_run(db, "INSERT INTO locality(kind, name, ons_code) VALUES('ward', ?, ?)", "tt", name, code);
	return db_last_insert_id(db);
}

static void squares_that_touch_are_neighbours_and_squares_apart_are_not(void **state)
{
	struct fixture *f = *state;
	/* A and B share an edge, C touches B at a corner only, D is far away */
	add_square(f->db, "ward", "A", "Alpha", -2.20, 53.40, 0.01, 1);
	add_square(f->db, "ward", "B", "Bravo", -2.19, 53.40, 0.01, 1);
	add_square(f->db, "ward", "C", "Charlie", -2.18, 53.41, 0.01, 1);
	add_square(f->db, "ward", "D", "Delta", -2.00, 53.50, 0.01, 1);
	struct area_shapes s;
	assert_int_equal(area_shapes_load(f->db, "ward", &s), 4);
	struct neighbour_list nb;
	area_shapes_neighbours(&s, 1.0, &nb);
	size_t expected[4] = {1, 2, 1, 0};   /* A: B; B: A, C (queen); C: B; D: none */
	for (size_t i = 0; i < 4; i++) assert_int_equal(nb.start[i + 1] - nb.start[i], expected[i]);
	assert_int_equal(nb.index[nb.start[0]], 1);
	neighbour_list_free(&nb);
	double x, y;
	assert_int_equal(projection_wgs84_to_bng(-2.185, 53.405, &x, &y), 0);
	assert_string_equal(s.areas[area_shapes_find_bng(&s, x, y)].code, "B");
	assert_int_equal(projection_wgs84_to_bng(-2.10, 53.45, &x, &y), 0);
	assert_int_equal(area_shapes_find_bng(&s, x, y), -1);
	area_shapes_keep_one(&s, 2);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.areas[0].code, "C");
	area_shapes_free(&s);
}

static void a_point_gets_the_ward_whose_boundary_holds_it_and_a_new_boundary_counts_at_once(void **state)
{
	struct fixture *f = *state;
	int64_t alpha = add_locality_ward(f->db, "Alpha", "E05000001");
	int64_t bravo = add_locality_ward(f->db, "Bravo", "E05000002");
	assert_int_equal(area_ward_for_point(f->db, -2.195, 53.405), 0);    /* no boundaries yet */
	add_square(f->db, "ward", "E05000001", "Alpha", -2.20, 53.40, 0.01, 1);
	add_square(f->db, "ward", "E05000002", "Bravo", -2.19, 53.40, 0.01, 1);
	assert_int_equal(area_ward_for_point(f->db, -2.195, 53.405), alpha);
	assert_int_equal(area_ward_for_point(f->db, -2.185, 53.405), bravo);
	assert_int_equal(area_ward_for_point(f->db, -2.10, 53.405), 0);
	assert_int_equal(area_ward_for_point(f->db, 400, 53.405), 0);
	/* a later import moves Alpha's boundary east: the cached wards must not be used */
	add_square(f->db, "ward", "E05000001", "Alpha", -2.11, 53.40, 0.02, 2);
	assert_int_equal(area_ward_for_point(f->db, -2.10, 53.405), alpha);
	assert_int_equal(area_ward_for_point(f->db, -2.195, 53.405), 0);
}

/* Regression: a property saved with coordinates before the ward boundaries were imported kept
 * no ward (and neither did its case), so ward filters and counts missed it for good. */
static void importing_ward_boundaries_gives_earlier_properties_and_their_cases_a_ward(void **state)
{
	struct fixture *f = *state;
	int64_t alpha = add_locality_ward(f->db, "Alpha", "E05000001");
	int64_t case_id = fixture_case(f);
	int64_t property = db_int(f->db, 0, "SELECT property_id FROM case_property WHERE case_id = ?", "i", case_id);
	db_run(f->db, "UPDATE property SET longitude = -2.195, latitude = 53.405, ward_id = NULL WHERE id = ?", "i", property);
	db_run(f->db, "UPDATE case_file SET ward_id = NULL WHERE id = ?", "i", case_id);
	char path[] = "/tmp/nestguard-wards-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char geojson[] = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
		"\"properties\":{\"WD23CD\":\"E05000001\",\"WD23NM\":\"Alpha\"},\"geometry\":{\"type\":\"Polygon\","
		"\"coordinates\":[[[-2.20,53.40],[-2.19,53.40],[-2.19,53.41],[-2.20,53.41],[-2.20,53.40]]]}}]}";
	assert_int_equal(write(fd, geojson, sizeof geojson - 1), (ssize_t)(sizeof geojson - 1));
	close(fd);
	struct boundary_options opt = {"ward", NULL, NULL};
	struct import_summary sum;
	assert_int_equal(boundary_import_geojson(f->db, NULL, path, &opt, &sum), 0);
	unlink(path);
	assert_int_equal(db_int(f->db, 0, "SELECT ward_id FROM property WHERE id = ?", "i", property), alpha);
	assert_int_equal(db_int(f->db, 0, "SELECT ward_id FROM case_file WHERE id = ?", "i", case_id), alpha);
	assert_non_null(strstr(sum.note, "1 property given a ward"));
}

static void analysis_arguments_are_checked_and_name_their_field(void **state)
{
	struct fixture *f = *state;
	add_square(f->db, "ward", "E05000001", "Alpha", -2.20, 53.40, 0.01, 1);
	db_run(f->db, "INSERT INTO crime_type(name) VALUES('Burglary'), ('Vehicle crime')", "");
	struct analysis_args a;
	memset(&a, 0, sizeof a);
	struct field_errors e;
	field_errors_init(&e);
	struct crime_selection s;
	assert_int_equal(crime_selection_parse(f->db, &a, "Burglary", &s, &e), 0);
	assert_int_equal(s.ntypes, 1);
	assert_string_equal(s.types[0], "Burglary");
	analysis_args_add(&a, "area", "e05000001");
	analysis_args_add(&a, "type", "all");
	assert_int_equal(crime_selection_parse(f->db, &a, "Burglary", &s, &e), 0);
	assert_int_equal(s.ntypes, 0);                  /* "all" overrides the default */
	assert_int_equal(s.level, CRIME_AREA_WARD);
	assert_string_equal(s.area_name, "Alpha");
	char slug[200];
	crime_selection_slug(&s, slug, sizeof slug);
	assert_string_equal(slug, "all-crime-e05000001");
	memset(&a, 0, sizeof a);
	analysis_args_add(&a, "area", "E09999999");
	analysis_args_add(&a, "type", "Arson");
	analysis_args_add(&a, "from", "2018-13");
	analysis_args_add(&a, "to", "2018-01");
	assert_int_equal(crime_selection_parse(f->db, &a, NULL, &s, &e), -1);
	assert_non_null(field_errors_for(&e, "area"));
	assert_non_null(field_errors_for(&e, "type"));
	assert_non_null(field_errors_for(&e, "from"));
	field_errors_init(&e);
	memset(&a, 0, sizeof a);
	analysis_args_add(&a, "cell", " 25 ");
	analysis_args_add(&a, "bandwidth", "lots");
	assert_true(analysis_args_number(&a, "cell", "the cell", 50, 10, 100, &e) == 25);
	assert_true(analysis_args_number(&a, "bandwidth", "the bandwidth", 250, 10, 100, &e) == 250);
	assert_int_equal(e.count, 1);
	assert_string_equal(e.items[0].field, "bandwidth");
}

static void add_cases(struct db *db, int64_t agency, int64_t ward, int n)
{
	static int next = 0;
	for (int i = 0; i < n; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "NG-TEST-%05d", ++next);
		db_run(db, "INSERT INTO case_file(reference, agency_id, ward_id, opened_on, created_at, updated_at) "
			"VALUES(?, ?, ?, '2025-01-01', 0, 0)", "tii", ref, agency, ward);
	}
}

static void cases_by_ward_never_show_a_count_from_one_to_four(void **state)
{
	struct fixture *f = *state;
	int64_t w[4];
	const char *codes[4] = {"E05000001", "E05000002", "E05000003", "E05000004"};
	for (int i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "Ward %d", i + 1);
		w[i] = add_locality_ward(f->db, name, codes[i]);
		add_square(f->db, "ward", codes[i], name, -2.2 + 0.01 * i, 53.4, 0.01, 1);
	}
	add_cases(f->db, f->council, w[0], 12);
	add_cases(f->db, f->council, w[1], 2);
	add_cases(f->db, f->council, w[2], 7);
	struct case_map_params p = {0, CASES_ALL, "", ""};
	struct case_map_report r;
	assert_int_equal(case_map_report_build(f->db, &p, &r), 0);
	assert_int_equal(r.n, 5);                       /* four wards and "not known" */
	assert_int_equal(r.total.count, 21);
	assert_int_equal(r.rows[1].status, DISCLOSURE_SMALL);
	assert_string_equal(r.rows[1].label, "fewer than 5");
	/* with the total known, one hidden count would be given away: another is hidden too */
	int hidden = 0;
	for (size_t i = 0; i < r.n; i++) hidden += r.rows[i].status != DISCLOSURE_SHOWN;
	assert_true(hidden >= 2);
	struct buf out = BUF_INIT;
	case_map_report_csv(&r, &out);
	assert_null(strstr(buf_str(&out), ",2,"));
	assert_non_null(strstr(buf_str(&out), "Ward 1,12,no"));
	buf_free(&out);
	case_map_report_free(&r);
}

static void changes_and_p_values_are_printed_for_people(void **state)
{
	(void)state;
	char s[96];
	analysis_format_change(6, 50, 0, s, sizeof s);
	assert_string_equal(s, "+6 (+50.0%)");
	analysis_format_change(-2, -40, 1, s, sizeof s);
	assert_string_equal(s, "-2 (-40.0%, base under 10)");
	analysis_format_change(3, NAN, 1, s, sizeof s);
	assert_string_equal(s, "+3 (none before)");
	analysis_format_change(0, 0, 0, s, sizeof s);
	assert_string_equal(s, "no change");
	analysis_format_p(0.0004, s, sizeof s);
	assert_string_equal(s, "< 0.001");
	analysis_format_p(0.0312, s, sizeof s);
	assert_string_equal(s, "0.031");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(squares_that_touch_are_neighbours_and_squares_apart_are_not, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_point_gets_the_ward_whose_boundary_holds_it_and_a_new_boundary_counts_at_once,
			fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(importing_ward_boundaries_gives_earlier_properties_and_their_cases_a_ward,
			fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(analysis_arguments_are_checked_and_name_their_field, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(cases_by_ward_never_show_a_count_from_one_to_four, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(changes_and_p_values_are_printed_for_people, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
