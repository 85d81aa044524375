/* Areas and queries: every located crime in the borough gets its LSOA and ward (whatever the
 * order of the imports), and counts by month and type for the borough, a ward and an LSOA,
 * and crime points, agree with the source files. */
#include <math.h>
#include "crime_testutil.h"
#include "analytics/area_assign.h"
#include "analytics/boundary_import.h"
#include "analytics/crime_query.h"
#include "analytics/policeuk_import.h"
#include "analytics/projection.h"

static const char *const STREET[] = {CRIME_DATA "2018-11-cheshire-street-excerpt.csv",
	CRIME_DATA "2018-12-cheshire-street-excerpt.csv", CRIME_DATA "2018-11-lancashire-street-excerpt.csv"};
#define NSTREET (sizeof STREET / sizeof *STREET)
#define LOOKUP CRIME_DATA "stockport-lsoa11-ward16-lookup.csv"
#define LSOAS CRIME_DATA "stockport-lsoa11-excerpt.geojson"
#define WARDS CRIME_DATA "stockport-wards-2016-bng-excerpt.geojson"

static void import_areas(struct db *db)
{
	struct import_summary s;
	struct boundary_options lsoa = {"lsoa", NULL, NULL}, ward = {"ward", NULL, NULL};
	assert_int_equal(boundary_import_lookup(db, NULL, LOOKUP, &s), 0);
	assert_int_equal(boundary_import_geojson(db, NULL, LSOAS, &lsoa, &s), 0);
	assert_int_equal(boundary_import_geojson(db, NULL, WARDS, &ward, &s), 0);
}

static void import_crimes(struct db *db)
{
	for (size_t i = 0; i < NSTREET; i++) {
		struct import_summary s;
		assert_int_equal(policeuk_import_file(db, NULL, STREET[i], &s), 0);
	}
}

/* The lookup's ward code for LSOA, read from the CSV itself (caller frees), or NULL. */
static char *lookup_ward(const char *lsoa)
{
	char *text = crime_read_file(LOOKUP, NULL);
	char *p = strstr(text, lsoa), *ward = NULL;
	if (p) {
		char *c1 = strchr(p, ',');
		char *c2 = c1 ? strchr(c1 + 1, ',') : NULL;      /* LSOA11CD,LSOA11NM,WD16CD,... */
		if (c2) ward = xstrndup(c2 + 1, strcspn(c2 + 1, ","));
	}
	free(text);
	return ward;
}

/* Every located crime inside an LSOA boundary has an LSOA (the file's code when it gave one:
 * police.uk places points with its own, finer boundaries, so near an edge the two can
 * differ) and the lookup's ward for that LSOA. */
static void check_assignment(struct db *db)
{
	struct area_set *lsoas = area_set_load(db, "lsoa");
	assert_true(area_set_count(lsoas) > 0);
	struct db_stmt *st = db_prepare(db, "SELECT c.lon, c.lat, l.code, w.code, c.line, i.file_name FROM crime c "
		"JOIN crime_import i ON i.id = c.import_id LEFT JOIN geo_area l ON l.id = c.lsoa_id "
		"LEFT JOIN geo_area w ON w.id = c.ward_id WHERE c.lon IS NOT NULL");
	int inside = 0;
	while (db_step(st) == DB_ROW) {
		int64_t area = area_set_find(lsoas, db_column_double(st, 0), db_column_double(st, 1));
		if (!area) continue;
		inside++;
		/* the LSOA code on the row's line of its file */
		char path[256];
		snprintf(path, sizeof path, CRIME_DATA "%s", db_column_text(st, 5));
		char *text = crime_read_file(path, NULL);
		char *line = crime_line(text, db_column_int(st, 4));
		char *p = line;
		for (int k = 0; k < 7; k++) p = strchr(p, ',') + 1;
		char *file_code = xstrndup(p, strcspn(p, ","));
		assert_string_equal(db_column_text(st, 2), file_code);
		char *ward = lookup_ward(file_code);
		assert_non_null(ward);
		assert_string_equal(db_column_text(st, 3), ward);
		free(ward);
		free(file_code);
		free(line);
		free(text);
	}
	db_finalize(st);
	area_set_free(lsoas);
	assert_true(inside >= 4);
}

static void every_crime_in_the_borough_gets_its_lsoa_and_ward(void **state)
{
	struct db *db = test_db_new();
	import_areas(db);
	import_crimes(db);
	check_assignment(db);
	db_close(db);
}

static void crimes_imported_before_the_boundaries_get_them_too(void **state)
{
	struct db *db = test_db_new();
	import_crimes(db);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM crime WHERE ward_id IS NOT NULL", ""), 0);
	import_areas(db);
	check_assignment(db);
	db_close(db);
}

static void a_crime_without_an_lsoa_code_is_placed_by_its_point(void **state)
{
	struct db *db = test_db_new();
	import_areas(db);
	/* the centroid of Stockport 037B (E01005809, from the boundary file), without its LSOA code */
	const char *text = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
		"Crime type,Last outcome category,Context\n"
		",2018-12,Cheshire Constabulary,Cheshire Constabulary,-2.14735,53.36253,On or near Seal Road,,,"
		"Anti-social behaviour,,\n";
	char *path = crime_temp_file(".csv", text, strlen(text));
	struct import_summary s;
	assert_int_equal(policeuk_import_file(db, NULL, path, &s), 0);
	crime_temp_remove(path);
	char *lsoa = db_text(db, "SELECT l.code FROM crime c JOIN geo_area l ON l.id = c.lsoa_id", "");
	assert_non_null(lsoa);
	assert_string_equal(lsoa, "E01005809");
	char *ward = db_text(db, "SELECT w.code FROM crime c JOIN geo_area w ON w.id = c.ward_id", "");
	char *expected = lookup_ward("E01005809");
	assert_non_null(ward);
	assert_string_equal(ward, expected);
	free(expected);
	free(ward);
	free(lsoa);
	db_close(db);
}

/* Tally month x type from the street excerpts (no quoted fields in them). */
struct tally { char month[8]; char type[64]; long n; };

static size_t tally_files(struct tally *t, size_t cap, const char *only_lsoa)
{
	size_t n = 0;
	for (size_t f = 0; f < NSTREET; f++) {
		char *text = crime_read_file(STREET[f], NULL);
		assert_null(strchr(text, '"'));
		long lines = crime_count_lines(text);
		for (long i = 2; i <= lines; i++) {
			char *l = crime_line(text, i), *fields[12] = {0}, *p = l;
			for (int k = 0; k < 12 && p; k++) { fields[k] = p; p = strchr(p, ','); if (p) *p++ = 0; }
			if (!only_lsoa || strcmp(fields[7], only_lsoa) == 0) {
				size_t k = 0;
				while (k < n && !(strcmp(t[k].month, fields[1]) == 0 && strcmp(t[k].type, fields[9]) == 0)) k++;
				if (k == n) {
					assert_true(n < cap);
					snprintf(t[n].month, sizeof t[n].month, "%s", fields[1]);
					snprintf(t[n].type, sizeof t[n].type, "%s", fields[9]);
					t[n++].n = 0;
				}
				t[k].n++;
			}
			free(l);
		}
		free(text);
	}
	return n;
}

static void counts_by_month_and_type_match_the_files(void **state)
{
	struct db *db = test_db_new();
	import_crimes(db);
	struct tally t[128];
	size_t n = tally_files(t, 128, NULL);
	struct crime_filter f = {.level = CRIME_AREA_ALL};
	struct crime_month_counts c;
	char err[128];
	assert_int_equal(crime_count_by_month(db, &f, &c, err, sizeof err), 0);
	assert_int_equal(c.nmonths, 2);
	long total = 0;
	for (size_t k = 0; k < n; k++) {
		size_t m = strcmp(t[k].month, c.months[0]) == 0 ? 0 : 1;
		assert_string_equal(c.months[m], t[k].month);
		assert_int_equal(crime_month_counts_get(&c, m, t[k].type), t[k].n);
		total += t[k].n;
	}
	assert_int_equal(c.total, total);
	crime_month_counts_free(&c);
	db_close(db);
}

static void months_without_crime_are_rows_of_zeros(void **state)
{
	struct db *db = test_db_new();
	import_crimes(db);
	struct crime_filter f = {.level = CRIME_AREA_ALL, .month_from = "2018-09", .month_to = "2019-02"};
	struct crime_month_counts c;
	char err[128];
	assert_int_equal(crime_count_by_month(db, &f, &c, err, sizeof err), 0);
	assert_int_equal(c.nmonths, 6);
	assert_string_equal(c.months[0], "2018-09");
	assert_string_equal(c.months[5], "2019-02");
	for (size_t t = 0; t < c.ntypes; t++) {
		assert_int_equal(c.counts[0 * c.ntypes + t], 0);
		assert_int_equal(c.counts[5 * c.ntypes + t], 0);
	}
	assert_true(c.total > 0);
	crime_month_counts_free(&c);
	db_close(db);
}

static void the_borough_a_ward_and_an_lsoa_count_their_own_crimes(void **state)
{
	struct db *db = test_db_new();
	import_areas(db);
	import_crimes(db);
	char err[128];
	struct crime_month_counts c;
	/* an LSOA: the rows of the files with its code */
	struct tally t[64];
	size_t n = tally_files(t, 64, "E01005793");
	long expected = 0;
	for (size_t k = 0; k < n; k++) expected += t[k].n;
	assert_true(expected > 0);
	struct crime_filter lsoa = {.level = CRIME_AREA_LSOA, .area_code = "E01005793"};
	assert_int_equal(crime_count_by_month(db, &lsoa, &c, err, sizeof err), 0);
	assert_int_equal(c.total, expected);
	crime_month_counts_free(&c);
	/* its ward holds at least its crimes */
	char *ward = lookup_ward("E01005793");
	struct crime_filter w = {.level = CRIME_AREA_WARD, .area_code = ward};
	assert_int_equal(crime_count_by_month(db, &w, &c, err, sizeof err), 0);
	assert_true(c.total >= expected);
	crime_month_counts_free(&c);
	free(ward);
	/* the borough: rows in LSOAs with boundaries = rows in the excerpt's LSOAs */
	long in_borough = 0;
	struct db_stmt *st = db_prepare(db, "SELECT code FROM geo_area WHERE level='lsoa' AND geometry IS NOT NULL");
	while (db_step(st) == DB_ROW) {
		n = tally_files(t, 64, db_column_text(st, 0));
		for (size_t k = 0; k < n; k++) in_borough += t[k].n;
	}
	db_finalize(st);
	struct crime_filter b = {.level = CRIME_AREA_BOROUGH};
	assert_int_equal(crime_count_by_month(db, &b, &c, err, sizeof err), 0);
	assert_int_equal(c.total, in_borough);
	crime_month_counts_free(&c);
	db_close(db);
}

static void points_come_with_grid_coordinates_and_filters(void **state)
{
	struct db *db = test_db_new();
	import_crimes(db);
	const char *types[] = {"Burglary", "Vehicle crime"};
	struct crime_filter f = {.level = CRIME_AREA_ALL, .types = types, .ntypes = 2, .month_from = "2018-11",
		.month_to = "2018-11"};
	struct crime_points p;
	char err[128];
	assert_int_equal(crime_points_get(db, &f, &p, err, sizeof err), 0);
	int64_t expected = db_int(db, -1, "SELECT count(*) FROM crime c JOIN crime_type t ON t.id = c.crime_type_id "
		"WHERE t.name IN ('Burglary','Vehicle crime') AND c.month='2018-11' AND c.lon IS NOT NULL", "");
	assert_true(expected > 0);
	assert_int_equal(p.n, expected);
	for (size_t i = 0; i < p.n; i++) {
		double e, n;
		assert_int_equal(projection_wgs84_to_bng(p.points[i].lon, p.points[i].lat, &e, &n), 0);
		assert_true(fabs(e - p.points[i].x) < 1e-6 && fabs(n - p.points[i].y) < 1e-6);
		assert_int_equal(p.points[i].month, 2018 * 12 + 10);
		assert_true(strcmp(p.types[p.points[i].type], "Burglary") == 0 || strcmp(p.types[p.points[i].type], "Vehicle crime") == 0);
	}
	crime_points_free(&p);
	db_close(db);
}

static void an_unknown_area_or_a_bad_month_is_a_user_error(void **state)
{
	struct db *db = test_db_new();
	import_crimes(db);
	struct crime_month_counts c;
	char err[128];
	struct crime_filter w = {.level = CRIME_AREA_WARD, .area_code = "E05999999"};
	assert_int_equal(crime_count_by_month(db, &w, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "E05999999"));
	struct crime_filter m = {.level = CRIME_AREA_ALL, .month_from = "2018-13"};
	assert_int_equal(crime_count_by_month(db, &m, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "2018-13"));
	db_close(db);
}

static void the_area_list_holds_the_areas_with_boundaries(void **state)
{
	struct db *db = test_db_new();
	import_areas(db);
	struct crime_area_info *a;
	size_t n = crime_area_list(db, "ward", &a);
	int with = 0;
	for (size_t i = 0; i < n; i++) with += a[i].has_boundary;
	assert_int_equal(with, db_int(db, -1, "SELECT count(*) FROM geo_area WHERE level='ward' AND geometry IS NOT NULL", ""));
	assert_true(with >= 4);
	crime_area_list_free(a, n);
	db_close(db);
}

static void importing_boundaries_again_changes_nothing(void **state)
{
	struct db *db = test_db_new();
	import_areas(db);
	struct import_summary s;
	struct boundary_options ward = {"ward", NULL, NULL};
	assert_int_equal(boundary_import_geojson(db, NULL, WARDS, &ward, &s), 0);
	assert_int_equal(s.rows_added, 0);
	assert_int_equal(s.rows_present, s.rows_read);
	assert_int_equal(boundary_import_lookup(db, NULL, LOOKUP, &s), 0);
	assert_int_equal(s.rows_added, 0);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_crime_in_the_borough_gets_its_lsoa_and_ward),
		cmocka_unit_test(crimes_imported_before_the_boundaries_get_them_too),
		cmocka_unit_test(a_crime_without_an_lsoa_code_is_placed_by_its_point),
		cmocka_unit_test(counts_by_month_and_type_match_the_files),
		cmocka_unit_test(months_without_crime_are_rows_of_zeros),
		cmocka_unit_test(the_borough_a_ward_and_an_lsoa_count_their_own_crimes),
		cmocka_unit_test(points_come_with_grid_coordinates_and_filters),
		cmocka_unit_test(an_unknown_area_or_a_bad_month_is_a_user_error),
		cmocka_unit_test(the_area_list_holds_the_areas_with_boundaries),
		cmocka_unit_test(importing_boundaries_again_changes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
