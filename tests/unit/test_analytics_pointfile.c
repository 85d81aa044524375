/* Point files for the analyse commands: columns by name or number, with or without a header,
 * date formats, and clear errors naming the line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analytics/pointfile.h"

static char path[64];

static const char *write_file(const char *text)
{
	snprintf(path, sizeof path, "/tmp/nestguard-pointfile-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static int read_text(const char *text, const struct pointfile_spec *spec, struct pointfile *pf, char *err)
{
	int rc = pointfile_read(write_file(text), spec, pf, err, 256);
	unlink(path);
	return rc;
}

static void columns_are_found_by_name_or_by_number(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec byname = {.x = "Easting", .y = " northing ", .date = "when"};
	const char *text = "id,Easting,Northing,when\n1,100.5,200,2019-01-04\n2,-3e2,7,2019-01-01\n";
	assert_int_equal(read_text(text, &byname, &pf, err), 0);
	assert_int_equal(pf.n, 2);
	assert_true(pf.x[0] == 100.5 && pf.y[0] == 200 && pf.x[1] == -300);
	assert_true(pf.day[0] - pf.day[1] == 3);
	assert_true(pf.day[1] == 17897);  /* days from 1970-01-01 to 2019-01-01 */
	pointfile_free(&pf);
	struct pointfile_spec bynumber = {.x = "2", .y = "3", .date = "4"};
	assert_int_equal(read_text(text, &bynumber, &pf, err), 0);
	assert_true(pf.x[0] == 100.5);
	pointfile_free(&pf);
}

static void a_file_without_a_header_is_read_from_its_first_line(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.x = "1", .y = "2", .date = "3", .date_format = "%d/%m/%Y", .no_header = 1};
	assert_int_equal(read_text("1,2,04/01/2019\n\n3,4,31/12/2018\n", &spec, &pf, err), 0);
	assert_int_equal(pf.n, 2);
	assert_true(pf.day[0] - pf.day[1] == 4);
	pointfile_free(&pf);
	spec.x = "x";
	assert_int_equal(read_text("1,2,04/01/2019\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "column numbers"));
}

static void iso_dates_may_carry_a_time_of_day(void **state)
{
	(void)state;
	long long a, b, c;
	assert_int_equal(pointfile_parse_time("2016-01-01 20:00:00", NULL, &a), 0);
	assert_int_equal(pointfile_parse_time("2016-01-01T20:00", NULL, &b), 0);
	assert_int_equal(pointfile_parse_time("2016-01-01", NULL, &c), 0);
	assert_true(a == b && a - c == 20 * 3600);
	assert_int_equal(pointfile_parse_time("2019-02-31", NULL, &a), -1);
	assert_int_equal(pointfile_parse_time("2019-02-28 24:30", NULL, &a), -1);
	assert_int_equal(pointfile_parse_time("2019-02-28 junk", NULL, &a), -1);
	assert_int_equal(pointfile_parse_time("31/12/2018", NULL, &a), -1);
	assert_int_equal(pointfile_parse_time("31/12/2018", "%d/%m/%Y", &a), 0);
}

static void a_bad_number_names_the_line_and_column(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.x = "x", .y = "y"};
	assert_int_equal(read_text("x,y\n1,2\n3,four\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "line 3, column 2 (y): 'four' is not a number"));
	assert_int_equal(read_text("x,y\n1,2\n3,\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "line 3"));
	assert_int_equal(read_text("x,y\n1,nan\n", &spec, &pf, err), -1);
	assert_int_equal(pf.n, 0);  /* nothing partial is handed back */
}

static void a_bad_date_names_the_line_column_and_format(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.x = "x", .y = "y", .date = "d", .date_format = "%d/%m/%Y"};
	assert_int_equal(read_text("x,y,d\n1,2,01/01/2019\n1,2,31/02/2019\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "line 3, column 3 (date): '31/02/2019' is not a date in the format %d/%m/%Y"));
}

static void missing_columns_and_short_rows_are_reported(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.x = "x", .y = "lat"};
	assert_int_equal(read_text("x,y\n1,2\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "no column 'lat'"));
	struct pointfile_spec third = {.x = "1", .y = "3"};
	assert_int_equal(read_text("a,b,c\n1,2,3\n4,5\n", &third, &pf, err), -1);
	assert_non_null(strstr(err, "line 3: 2 fields, but --y is column 3"));
	assert_int_equal(read_text("", &third, &pf, err), -1);
	assert_non_null(strstr(err, "empty"));
	assert_int_equal(read_text("a,b\n\"1,2\n", &third, &pf, err), -1);
	assert_non_null(strstr(err, "unterminated"));
}

static void an_empty_end_time_means_no_end(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.from = "from", .to = "to"};
	assert_int_equal(read_text("from,to\n2016-01-01 20:00,2016-01-02 04:00\n2016-01-04 17:04,\n", &spec, &pf, err), 0);
	assert_true(pf.has_to[0] && !pf.has_to[1]);
	assert_true(pf.to[0] - pf.from[0] == 8 * 3600);
	assert_null(pf.x);
	pointfile_free(&pf);
}

static void longitude_and_latitude_out_of_range_are_refused(void **state)
{
	(void)state;
	struct pointfile pf;
	char err[256];
	struct pointfile_spec spec = {.x = "lon", .y = "lat", .lonlat = 1};
	assert_int_equal(read_text("lon,lat\n-2.15,53.41\n", &spec, &pf, err), 0);
	assert_true(pf.x[0] > 380000 && pf.x[0] < 400000 && pf.y[0] > 380000 && pf.y[0] < 400000);
	pointfile_free(&pf);
	assert_int_equal(read_text("lon,lat\n-2.15,53.41\n53.41,-200\n", &spec, &pf, err), -1);
	assert_non_null(strstr(err, "line 3"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns_are_found_by_name_or_by_number),
		cmocka_unit_test(a_file_without_a_header_is_read_from_its_first_line),
		cmocka_unit_test(iso_dates_may_carry_a_time_of_day),
		cmocka_unit_test(a_bad_number_names_the_line_and_column),
		cmocka_unit_test(a_bad_date_names_the_line_column_and_format),
		cmocka_unit_test(missing_columns_and_short_rows_are_reported),
		cmocka_unit_test(an_empty_end_time_means_no_end),
		cmocka_unit_test(longitude_and_latitude_out_of_range_are_refused),
	};
	return cmocka_run_group_tests_name("analytics: point files", tests, NULL, NULL);
}
