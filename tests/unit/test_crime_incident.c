/* Generic incident logs: date-time formats, the column mapping, grid or lon/lat locations,
 * re-import adding nothing, bad rows rejected with line and column, and the windows the
 * peak-time analysis reads. */
#include <time.h>
#include "crime_testutil.h"
#include "analytics/crime_query.h"
#include "analytics/incident_import.h"
#include "analytics/projection.h"

static long long wall(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
	return (long long)timegm(&tm);
}

static void the_usual_date_time_forms_are_read(void **state)
{
	long long t;
	assert_int_equal(incident_parse_time("2024-03-05 14:30", NULL, 0, &t), 0);
	assert_int_equal(t, wall(2024, 3, 5, 14, 30, 0));
	assert_int_equal(incident_parse_time("2024-03-05T14:30:15", NULL, 0, &t), 0);
	assert_int_equal(t, wall(2024, 3, 5, 14, 30, 15));
	assert_int_equal(incident_parse_time("05/03/2024 14:30", NULL, 0, &t), 0);   /* day first */
	assert_int_equal(t, wall(2024, 3, 5, 14, 30, 0));
	assert_int_equal(incident_parse_time("05/03/2024", NULL, 0, &t), 0);
	assert_int_equal(t, wall(2024, 3, 5, 0, 0, 0));
	assert_int_equal(incident_parse_time("05/03/2024", NULL, 1, &t), 0);         /* a "to" date: end of day */
	assert_int_equal(t, wall(2024, 3, 5, 23, 59, 59));
	assert_int_equal(incident_parse_time("03.05.24 2pm", "%m.%d.%y %I%p", 0, &t), 0);
	assert_int_equal(t, wall(2024, 3, 5, 14, 0, 0));
}

static void impossible_dates_are_refused(void **state)
{
	long long t;
	assert_int_equal(incident_parse_time("31/02/2024 10:00", NULL, 0, &t), -1);
	assert_int_equal(incident_parse_time("2024-13-01", NULL, 0, &t), -1);
	assert_int_equal(incident_parse_time("2024-03-05 25:00", NULL, 0, &t), -1);
	assert_int_equal(incident_parse_time("yesterday", NULL, 0, &t), -1);
	assert_int_equal(incident_parse_time("", NULL, 0, &t), -1);
	assert_int_equal(incident_parse_time("2024-03-05 14:30 extra", NULL, 0, &t), -1);
}

static const char LOG[] =
	"Ref,Category,Start,End,Easting,Northing,Notes\n"
	"1,Burglary,05/03/2024 22:00,06/03/2024 07:30,389286,386174,\"front door, forced\"\n"
	"2,Burglary,06/03/2024 13:00,06/03/2024 13:00,389300,386200,\n"
	"3,Vehicle,07/03/2024,07/03/2024,,,no location\n"
	"4,Vehicle,07/03/2024,07/03/2024,,,no location\n";

static int import_log(struct db *db, const char *text, const struct incident_mapping *m, struct import_summary *s)
{
	char *path = crime_temp_file(".csv", text, strlen(text));
	int rc = incident_import_file(db, NULL, path, m, s);
	crime_temp_remove(path);
	return rc;
}

static const struct incident_mapping GRID = {"Start", "End", "Easting", "Northing", NULL, NULL, "Category", NULL};

static void an_incident_log_imports_with_grid_references(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_log(db, LOG, &GRID, &s), 0);
	assert_int_equal(s.rows_added, 4);
	assert_int_equal(s.rows_without_location, 2);
	assert_int_equal(db_int(db, 0, "SELECT from_ts FROM incident WHERE line=2", ""), wall(2024, 3, 5, 22, 0, 0));
	assert_int_equal(db_int(db, 0, "SELECT to_ts FROM incident WHERE line=2", ""), wall(2024, 3, 6, 7, 30, 0));
	assert_int_equal(db_int(db, 0, "SELECT to_ts FROM incident WHERE line=4", ""), wall(2024, 3, 7, 23, 59, 59));
	char *from = db_text(db, "SELECT from_time FROM incident WHERE line=2", "");
	assert_string_equal(from, "2024-03-05 22:00:00");
	free(from);
	double lon, lat;
	assert_int_equal(projection_bng_to_wgs84(389286, 386174, &lon, &lat), 0);
	struct db_stmt *st = db_prepare(db, "SELECT lon, lat, incident_type FROM incident WHERE line=2");
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_column_double(st, 0) == lon && db_column_double(st, 1) == lat);
	assert_string_equal(db_column_text(st, 2), "Burglary");
	db_finalize(st);
	/* the two identical rows 3 and 4 are two incidents; a re-import adds nothing */
	assert_int_equal(import_log(db, LOG, &GRID, &s), 0);
	assert_int_equal(s.rows_added, 0);
	assert_int_equal(s.rows_present, 4);
	assert_int_equal(crime_table_count(db, "incident"), 4);
	db_close(db);
}

static void columns_can_be_given_by_number(void **state)
{
	struct db *db = test_db_new();
	struct incident_mapping m = {"3", "4", NULL, NULL, NULL, NULL, "2", NULL};
	struct import_summary s;
	assert_int_equal(import_log(db, LOG, &m, &s), 0);
	assert_int_equal(s.rows_added, 4);
	assert_int_equal(s.rows_without_location, 4);
	db_close(db);
}

static void an_unknown_column_is_named(void **state)
{
	struct db *db = test_db_new();
	struct incident_mapping m = {"Begin", NULL, NULL, NULL, NULL, NULL, NULL, NULL};
	struct import_summary s;
	assert_int_equal(import_log(db, LOG, &m, &s), -1);
	assert_int_equal(s.problems[0].line, 1);
	assert_non_null(strstr(s.problems[0].reason, "--from Begin"));
	db_close(db);
}

static void bad_rows_are_rejected_with_line_and_column_without_quoting_them(void **state)
{
	struct db *db = test_db_new();
	const char *text =
		"Ref,Category,Start,End,Easting,Northing,Notes\n"
		"1,Burglary,05/03/2024 22:00,05/03/2024 07:30,389286,386174,Mr Smith\n"     /* ends before it starts */
		"2,Burglary,31/02/2024 13:00,,389300,386200,Mrs Jones\n"                    /* no such date */
		"3,Vehicle,07/03/2024,07/03/2024,9999999,0,x\n"                              /* not a grid reference */
		"4,Vehicle,07/03/2024,07/03/2024,389300,,x\n";                              /* half a location */
	struct import_summary s;
	assert_int_equal(import_log(db, text, &GRID, &s), -1);
	assert_int_equal(s.problems_total, 4);
	assert_int_equal(s.problems[0].line, 2);
	assert_int_equal(s.problems[0].column, 4);
	assert_int_equal(s.problems[1].line, 3);
	assert_int_equal(s.problems[1].column, 3);
	assert_int_equal(s.problems[2].line, 4);
	assert_int_equal(s.problems[3].line, 5);
	for (size_t i = 0; i < s.nproblems; i++) {
		assert_null(strstr(s.problems[i].reason, "Smith"));
		assert_null(strstr(s.problems[i].reason, "31/02"));
	}
	assert_int_equal(crime_table_count(db, "incident"), 0);
	db_close(db);
}

static void windows_are_read_back_for_a_period(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_log(db, LOG, &GRID, &s), 0);
	struct crime_filter all = {.level = CRIME_AREA_ALL};
	struct incident_windows w;
	char err[128];
	assert_int_equal(crime_incidents_get(db, &all, "Burglary", 0, 0, &w, err, sizeof err), 0);
	assert_int_equal(w.n, 2);
	assert_true(w.windows[0].located);
	assert_int_equal(w.windows[0].to_ts - w.windows[0].from_ts, 9 * 3600 + 30 * 60);
	incident_windows_free(&w);
	/* only windows overlapping 6 March 12:00-14:00 */
	assert_int_equal(crime_incidents_get(db, &all, NULL, wall(2024, 3, 6, 12, 0, 0), wall(2024, 3, 6, 14, 0, 0), &w,
		err, sizeof err), 0);
	assert_int_equal(w.n, 1);
	incident_windows_free(&w);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_usual_date_time_forms_are_read),
		cmocka_unit_test(impossible_dates_are_refused),
		cmocka_unit_test(an_incident_log_imports_with_grid_references),
		cmocka_unit_test(columns_can_be_given_by_number),
		cmocka_unit_test(an_unknown_column_is_named),
		cmocka_unit_test(bad_rows_are_rejected_with_line_and_column_without_quoting_them),
		cmocka_unit_test(windows_are_read_back_for_a_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
