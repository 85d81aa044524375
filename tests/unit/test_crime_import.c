/* police.uk import: every row kept, idempotent re-import, rows without location, the stop
 * and search and outcomes formats, and bad files rejected whole with file/line/column. */
#include <time.h>
#include "crime_testutil.h"
#include "model/audit.h"
#include "analytics/policeuk_import.h"
#include "util/embedded.h"

#define CHESHIRE CRIME_CHESHIRE
#define LANCASHIRE CRIME_LANCASHIRE
#define STOP_SEARCH CRIME_STOP_SEARCH

static int import_file(struct db *db, const char *path, struct import_summary *s)
{
	return policeuk_import_file(db, NULL, path, s);
}

/* Import DATA (LEN bytes) as a temporary file. */
static int import_text(struct db *db, const char *data, size_t len, struct import_summary *s)
{
	char *path = crime_temp_file(".csv", data, len);
	int rc = import_file(db, path, s);
	crime_temp_remove(path);
	return rc;
}

static void a_street_file_keeps_every_row(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	long rows = crime_count_lines(text) - 1;
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	assert_string_equal(s.kind, "street");
	assert_int_equal(s.rows_read, rows);
	assert_int_equal(s.rows_added, rows);
	assert_int_equal(s.rows_present, 0);
	assert_int_equal(crime_table_count(db, "crime"), rows);
	assert_int_equal(db_int(db, 0, "SELECT count(DISTINCT row_key) FROM crime", ""), rows);
	free(text);
	db_close(db);
}

static void importing_a_file_twice_adds_nothing(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	long long first = crime_table_count(db, "crime");
	int64_t first_import = s.import_id;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	assert_int_equal(s.rows_added, 0);
	assert_int_equal(s.rows_present, first);
	assert_int_equal(s.earlier_import, first_import);
	assert_int_equal(crime_table_count(db, "crime"), first);
	db_close(db);
}

static void a_file_whose_rows_were_all_seen_adds_nothing(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	long long stored = crime_table_count(db, "crime");
	/* the same rows in reverse order with CRLF line ends: other bytes, same rows */
	long lines = crime_count_lines(text);
	struct buf b = BUF_INIT;
	char *header = crime_line(text, 1);
	buf_printf(&b, "%s\r\n", header);
	for (long i = lines; i >= 2; i--) {
		char *l = crime_line(text, i);
		buf_printf(&b, "%s\r\n", l);
		free(l);
	}
	assert_int_equal(import_text(db, b.data, b.len, &s), 0);
	assert_int_equal(s.rows_added, 0);
	assert_int_equal(s.rows_present, stored);
	assert_int_equal(s.earlier_import, 0);
	assert_int_equal(crime_table_count(db, "crime"), stored);
	free(header);
	buf_free(&b);
	free(text);
	db_close(db);
}

static void rows_sharing_a_crime_id_are_all_kept(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	/* every Crime ID appears in the database as often as at the start of a line in the file */
	struct db_stmt *st = db_prepare(db, "SELECT crime_ref, count(*) FROM crime WHERE crime_ref IS NOT NULL "
		"GROUP BY crime_ref HAVING count(*) > 1");
	int groups = 0;
	while (db_step(st) == DB_ROW) {
		const char *id = db_column_text(st, 0);
		long in_file = 0;
		for (const char *p = text; (p = strstr(p, id)); p++) in_file += p == text || p[-1] == '\n';
		assert_int_equal(db_column_int(st, 1), in_file);
		groups++;
	}
	db_finalize(st);
	assert_true(groups >= 2);
	free(text);
	db_close(db);
}

static void identical_asb_rows_without_an_id_are_all_kept(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	/* find a line that occurs more than once and starts without an ID */
	long lines = crime_count_lines(text), found = 0;
	for (long i = 2; i <= lines && !found; i++) {
		char *l = crime_line(text, i);
		long same = 0;
		for (long k = 2; k <= lines; k++) {
			char *o = crime_line(text, k);
			same += strcmp(o, l) == 0;
			free(o);
		}
		if (l[0] == ',' && same > 1) {
			/* month is the 2nd field, location the 7th: count rows with that location */
			char *fields[12] = {0}, *p = l;
			for (int f = 0; f < 12 && p; f++) { fields[f] = p; p = strchr(p, ','); if (p) *p++ = 0; }
			assert_int_equal(db_int(db, -1, "SELECT count(*) FROM crime WHERE crime_ref IS NULL AND location=? "
				"AND lon=? AND month=?", "tdt", fields[6], atof(fields[4]), fields[1]) >= same, 1);
			found = same;
		}
		free(l);
	}
	assert_true(found > 1);
	free(text);
	db_close(db);
}

static void rows_without_location_are_kept_and_counted(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(LANCASHIRE, NULL);
	long unlocated = 0;
	for (const char *p = text; (p = strstr(p, ",No Location,")); p++) unlocated++;
	assert_true(unlocated > 0);
	struct import_summary s;
	assert_int_equal(import_file(db, LANCASHIRE, &s), 0);
	assert_int_equal(s.rows_without_location, unlocated);
	assert_int_equal(s.rows_added, crime_count_lines(text) - 1);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM crime WHERE lon IS NULL AND lat IS NULL", ""), unlocated);
	free(text);
	db_close(db);
}

/* Import TEXT with line LINE replaced; expect a rejection naming LINE and COLUMN (or any
 * column when -1) with WHAT in the reason or column name, and an unchanged database. */
static void expect_rejected_line(const char *path, long line, const char *replacement, int column, const char *what)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(path, NULL);
	char *bad = crime_replace_line(text, line, replacement);
	struct import_summary s;
	assert_int_equal(import_text(db, bad, strlen(bad), &s), -1);
	if (!crime_has_problem(&s, line, column, what)) {
		for (size_t i = 0; i < s.nproblems; i++)
			print_message("problem: line %ld column %d (%s): %s\n", s.problems[i].line, s.problems[i].column,
				s.problems[i].column_name, s.problems[i].reason);
		fail_msg("no problem at line %ld column %d mentioning %s", line, column, what);
	}
	assert_int_equal(crime_table_count(db, "crime"), 0);
	assert_int_equal(crime_table_count(db, "crime_import"), 0);
	assert_int_equal(s.import_id, 0);
	free(bad);
	free(text);
	db_close(db);
}

static void a_bad_month_is_rejected_with_line_and_column(void **state)
{
	char *text = crime_read_file(CHESHIRE, NULL);
	char *row = crime_line(text, 5);
	char *month = strchr(row, ',') + 1;     /* "2018-11,..." */
	memcpy(month, "2018-13", 7);
	expect_rejected_line(CHESHIRE, 5, row, 2, "Month");
	free(row);
	free(text);
}

static void impossible_coordinates_are_rejected(void **state)
{
	expect_rejected_line(CHESHIRE, 7, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,95.0,On or near X,"
		"E01018456,Cheshire East 001A,Anti-social behaviour,,", 6, "Latitude");
	expect_rejected_line(CHESHIRE, 7, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,0.0,0.0,On or near X,"
		"E01018456,Cheshire East 001A,Anti-social behaviour,,", -1, "outside the United Kingdom");
	expect_rejected_line(CHESHIRE, 7, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5x,53.1,On or near X,"
		"E01018456,Cheshire East 001A,Anti-social behaviour,,", 5, "not a number");
	expect_rejected_line(CHESHIRE, 7, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,,On or near X,"
		"E01018456,Cheshire East 001A,Anti-social behaviour,,", 6, "Latitude");
}

static void a_row_with_missing_fields_is_rejected(void **state)
{
	expect_rejected_line(CHESHIRE, 9, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1", 0, "expected 12 fields");
}

static void invalid_utf8_is_rejected(void **state)
{
	/* "Caf\xe9" is Windows-1252, not UTF-8: a file of mixed encodings */
	expect_rejected_line(CHESHIRE, 4, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,On or near Caf\xe9,"
		"E01018456,Cheshire East 001A,Anti-social behaviour,,", 7, "UTF-8");
}

static void a_truncated_file_is_rejected_and_adds_nothing(void **state)
{
	struct db *db = test_db_new();
	size_t len;
	char *text = crime_read_file(CHESHIRE, &len);
	long lines = crime_count_lines(text);
	/* cut in the middle of the last row: its outcome is cut short, every field count intact */
	size_t cut = len - 5;
	struct import_summary s;
	assert_int_equal(import_text(db, text, cut, &s), -1);
	for (size_t i = 0; i < s.nproblems; i++)
		print_message("problem: line %ld: %s\n", s.problems[i].line, s.problems[i].reason);
	assert_true(crime_has_problem(&s, lines, -1, "truncated"));
	assert_int_equal(crime_table_count(db, "crime"), 0);
	free(text);
	db_close(db);
}

static void an_unterminated_quote_is_rejected(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	struct buf b = BUF_INIT;
	buf_puts(&b, text);
	buf_puts(&b, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,\"On or near");
	struct import_summary s;
	assert_int_equal(import_text(db, b.data, b.len, &s), -1);
	assert_true(crime_has_problem(&s, crime_count_lines(text) + 1, 0, "unterminated"));
	assert_int_equal(crime_table_count(db, "crime"), 0);
	buf_free(&b);
	free(text);
	db_close(db);
}

static void a_wrong_header_is_rejected_naming_the_columns(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	char *header = crime_line(text, 1);
	char *p = strstr(header, "Crime type");
	assert_non_null(p);
	memcpy(p, "Crime typo", 10);
	char *bad = crime_replace_line(text, 1, header);
	struct import_summary s;
	assert_int_equal(import_text(db, bad, strlen(bad), &s), -1);
	assert_true(crime_has_problem(&s, 1, 0, "Crime type"));      /* missing */
	assert_true(crime_has_problem(&s, 1, 10, "Crime typo"));     /* unexpected, at its column */
	assert_int_equal(crime_table_count(db, "crime"), 0);
	free(bad);
	free(header);
	free(text);
	db_close(db);
}

static void a_file_that_is_not_police_data_is_rejected(void **state)
{
	struct db *db = test_db_new();
	const char *text = "name,address\nA,B\n";
	struct import_summary s;
	assert_int_equal(import_text(db, text, strlen(text), &s), -1);
	assert_true(crime_has_problem(&s, 1, 0, "not that of a police.uk"));
	db_close(db);
}

static void every_problem_is_counted_and_the_first_ones_listed(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	char *header = crime_line(text, 1);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\n", header);
	for (int i = 0; i < 30; i++) buf_puts(&b, ",18-11,F,F,,,No Location,,,Burglary,,\n");
	struct import_summary s;
	assert_int_equal(import_text(db, b.data, b.len, &s), -1);
	assert_int_equal(s.problems_total, 30);
	assert_int_equal(s.nproblems, IMPORT_MAX_PROBLEMS);
	assert_int_equal(s.problems[0].line, 2);
	assert_int_equal(s.problems[IMPORT_MAX_PROBLEMS - 1].line, IMPORT_MAX_PROBLEMS + 1);
	buf_free(&b);
	free(header);
	free(text);
	db_close(db);
}

static void the_stop_and_search_file_imports(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(STOP_SEARCH, NULL);
	struct import_summary s;
	assert_int_equal(import_file(db, STOP_SEARCH, &s), 0);
	assert_string_equal(s.kind, "stop-and-search");
	assert_int_equal(s.rows_added, crime_count_lines(text) - 1);
	/* the first row's date, 2019-05-31T23:01:00+00:00, as Unix time */
	struct tm tm = {.tm_year = 119, .tm_mon = 4, .tm_mday = 31, .tm_hour = 23, .tm_min = 1};
	assert_int_equal(db_int(db, 0, "SELECT searched_at FROM stop_search WHERE line=2", ""), (int64_t)timegm(&tm));
	assert_int_equal(import_file(db, STOP_SEARCH, &s), 0);
	assert_int_equal(s.rows_added, 0);
	free(text);
	db_close(db);
}

static void a_date_with_an_offset_is_converted_to_utc(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(STOP_SEARCH, NULL);
	char *row = crime_line(text, 2);
	char *date = strstr(row, "2019-05-31T23:01:00+00:00");
	assert_non_null(date);
	memcpy(date, "2019-06-01T00:01:00+01:00", 25);
	char *edited = crime_replace_line(text, 2, row);
	struct import_summary s;
	assert_int_equal(import_text(db, edited, strlen(edited), &s), 0);
	struct tm tm = {.tm_year = 119, .tm_mon = 4, .tm_mday = 31, .tm_hour = 23, .tm_min = 1};
	assert_int_equal(db_int(db, 0, "SELECT searched_at FROM stop_search WHERE line=2", ""), (int64_t)timegm(&tm));
	free(edited);
	free(row);
	free(text);
	db_close(db);
}

static void an_outcomes_file_is_told_apart_by_its_header(void **state)
{
	struct db *db = test_db_new();
	const char *text =
		"Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n"
		"abc123,2019-01,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,On or near X,E01018456,Cheshire East 001A,"
		"Investigation complete; no suspect identified\n"
		"abc123,2019-02,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,On or near X,E01018456,Cheshire East 001A,"
		"Offender given a caution\n";
	struct import_summary s;
	assert_int_equal(import_text(db, text, strlen(text), &s), 0);
	assert_string_equal(s.kind, "outcomes");
	assert_int_equal(crime_table_count(db, "crime_outcome"), 2);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_outcome WHERE crime_ref='abc123'", ""), 2);
	db_close(db);
}

static void a_rejected_file_leaves_earlier_imports_alone(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_file(db, LANCASHIRE, &s), 0);
	long long before = crime_table_count(db, "crime");
	char *text = crime_read_file(CHESHIRE, NULL);
	char *bad = crime_replace_line(text, 3, "not,a,row");
	assert_int_equal(import_text(db, bad, strlen(bad), &s), -1);
	assert_int_equal(crime_table_count(db, "crime"), before);
	assert_int_equal(crime_table_count(db, "crime_import"), 1);
	free(bad);
	free(text);
	db_close(db);
}

static void an_import_is_audited_with_counts_only(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_file(db, LANCASHIRE, &s), 0);
	char *detail = db_text(db, "SELECT detail FROM (" AUDIT_TRAIL ") WHERE action='import.street'", "");
	assert_non_null(detail);
	char expect[128];
	snprintf(expect, sizeof expect, "rows_read=%lld", s.rows_read);
	assert_non_null(strstr(detail, expect));
	free(detail);
	db_close(db);
}

static void every_shared_street_file_imports_with_the_documented_counts(void **state)
{
	/* ../shared/data/policeuk/SOURCES.md: data rows per file, rows with no coordinates */
	static const struct { const char *file; long rows, unlocated; } files[] = {
		{"2018-11/2018-11-lancashire-street.csv", 17135, 683},
		{"2018-12/2018-12-lancashire-street.csv", 15379, 1181},
		{"2019-01/2019-01-cheshire-street.csv", 8393, 0},
	};
	char path[512], rel[128];
	struct db *db = test_db_new();
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(rel, sizeof rel, "policeuk/street/%s", files[i].file);
		if (crime_shared_path(rel, path, sizeof path)) {
			print_message("skipped: shared/data/%s is absent\n", rel);
			db_close(db);
			skip();
		}
		struct import_summary s;
		assert_int_equal(import_file(db, path, &s), 0);
		assert_int_equal(s.rows_read, files[i].rows);
		assert_int_equal(s.rows_added, files[i].rows);
		assert_int_equal(s.rows_without_location, files[i].unlocated);
	}
	db_close(db);
}

/* The excerpt's rows repeated COPIES times (identical rows are separate incidents). */
/* Every column of the crime view, ordered by id, as one text. */
static char *crime_dump(struct db *db)
{
	return db_text(db, "SELECT group_concat(id || '|' || hex(row_key) || '|' || import_id || '|' || line || '|' || "
		"quote(crime_ref) || '|' || month || '|' || quote(reported_by) || '|' || quote(falls_within) || '|' || "
		"quote(lon) || '|' || quote(lat) || '|' || location || '|' || quote(lsoa_id) || '|' || quote(ward_id) || '|' || "
		"crime_type_id || '|' || quote(outcome_id) || '|' || context, char(10)) FROM (SELECT * FROM crime ORDER BY id)", "");
}

static void crimes_stored_before_the_compact_schema_read_back_the_same_after_it(void **state)
{
	struct db *db = test_db_new();
	struct import_summary s;
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	assert_int_equal(import_file(db, LANCASHIRE, &s), 0);
	char *before = crime_dump(db);
	/* back to the table of migration 020, holding the same rows, then migration 021 again */
	db_exec(db, "CREATE TABLE crime_020 AS SELECT * FROM crime; DROP VIEW crime; DROP TABLE crime_row; "
		"DROP TABLE crime_place; DROP TABLE crime_class; ALTER TABLE crime_020 RENAME TO crime");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime WHERE typeof(crime_ref) = 'blob'", ""), 0);
	const struct embedded_file *m = embedded_find(embedded_migrations, "021_crime_compact.sql");
	assert_non_null(m);
	db_exec(db, (const char *)m->data);
	char *after = crime_dump(db);
	assert_string_equal(after, before);
	/* and importing the same files again still adds nothing */
	assert_int_equal(import_file(db, CHESHIRE, &s), 0);
	assert_int_equal(s.rows_added, 0);
	free(before);
	free(after);
	db_close(db);
}

static void crime_ids_read_back_as_the_file_wrote_them(void **state)
{
	struct db *db = test_db_new();
	const char *hex = "53c73fc724254c5f70df04787f97c350792fdf0351fbf490641f79393ef7d7cb";
	struct buf b = BUF_INIT;
	buf_puts(&b, "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
		"Last outcome category,Context\n");
	const char *ids[] = {hex, "53C73FC724254C5F70DF04787F97C350792FDF0351FBF490641F79393EF7D7CB", "ABC123", ""};
	for (size_t i = 0; i < 4; i++)
		buf_printf(&b, "%s,2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,On or near X,E01018329,"
			"Cheshire East 001A,Burglary,,\n", ids[i]);
	struct import_summary s;
	assert_int_equal(import_text(db, b.data, b.len, &s), 0);
	assert_int_equal(s.rows_added, 4);
	/* 64 lower-case hex digits are stored as their 32 bytes, anything else as text */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_row WHERE typeof(crime_ref) = 'blob' AND "
		"length(crime_ref) = 32", ""), 1);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime WHERE crime_ref = ?", "t", ids[i]), 1);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime WHERE crime_ref IS NULL", ""), 1);
	/* the four rows share one class and one place */
	assert_int_equal(crime_table_count(db, "crime_class"), 1);
	assert_int_equal(crime_table_count(db, "crime_place"), 1);
	buf_free(&b);
	db_close(db);
}

static void repeated_rows(struct buf *b, int copies)
{
	char *text = crime_read_file(CHESHIRE, NULL);
	char *header = crime_line(text, 1);
	const char *rows = strchr(text, '\n') + 1;
	buf_printf(b, "%s\n", header);
	for (int i = 0; i < copies; i++) buf_puts(b, rows);
	free(header);
	free(text);
}

static void a_big_file_goes_in_whole(void **state)
{
	struct db *db = test_db_new();
	struct buf b = BUF_INIT;
	repeated_rows(&b, 100);    /* thousands of rows: many chunks between the threads, many batches */
	long rows = crime_count_lines(b.data) - 1;
	struct import_summary s;
	assert_int_equal(import_text(db, b.data, b.len, &s), 0);
	assert_int_equal(s.rows_added, rows);
	assert_int_equal(crime_table_count(db, "crime"), rows);
	assert_int_equal(db_int(db, 0, "SELECT count(DISTINCT row_key) FROM crime", ""), rows);
	assert_int_equal(db_int(db, 0, "SELECT max(line) FROM crime", ""), rows + 1);
	assert_int_equal(import_text(db, b.data, b.len, &s), 0);
	assert_int_equal(s.rows_present, rows);
	buf_free(&b);
	db_close(db);
}

static void a_bad_row_after_thousands_of_good_ones_rejects_the_file(void **state)
{
	struct db *db = test_db_new();
	struct buf b = BUF_INIT;
	repeated_rows(&b, 100);
	long bad_line = crime_count_lines(b.data) + 1;
	buf_puts(&b, ",2018-11,Cheshire Constabulary,Cheshire Constabulary,-2.5,53.1,On or near X,E01018456,"
		"Cheshire East 001A,,,\n");    /* no crime type */
	struct import_summary s;
	assert_int_equal(import_text(db, b.data, b.len, &s), -1);
	assert_int_equal(s.problems_total, 1);
	assert_int_equal(s.problems[0].line, bad_line);
	assert_string_equal(s.problems[0].column_name, "Crime type");
	assert_int_equal(crime_table_count(db, "crime"), 0);
	assert_int_equal(crime_table_count(db, "row_keyset"), 0);
	buf_free(&b);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_street_file_keeps_every_row),
		cmocka_unit_test(importing_a_file_twice_adds_nothing),
		cmocka_unit_test(a_file_whose_rows_were_all_seen_adds_nothing),
		cmocka_unit_test(rows_sharing_a_crime_id_are_all_kept),
		cmocka_unit_test(identical_asb_rows_without_an_id_are_all_kept),
		cmocka_unit_test(rows_without_location_are_kept_and_counted),
		cmocka_unit_test(a_bad_month_is_rejected_with_line_and_column),
		cmocka_unit_test(impossible_coordinates_are_rejected),
		cmocka_unit_test(a_row_with_missing_fields_is_rejected),
		cmocka_unit_test(invalid_utf8_is_rejected),
		cmocka_unit_test(a_truncated_file_is_rejected_and_adds_nothing),
		cmocka_unit_test(an_unterminated_quote_is_rejected),
		cmocka_unit_test(a_wrong_header_is_rejected_naming_the_columns),
		cmocka_unit_test(a_file_that_is_not_police_data_is_rejected),
		cmocka_unit_test(every_problem_is_counted_and_the_first_ones_listed),
		cmocka_unit_test(the_stop_and_search_file_imports),
		cmocka_unit_test(a_date_with_an_offset_is_converted_to_utc),
		cmocka_unit_test(an_outcomes_file_is_told_apart_by_its_header),
		cmocka_unit_test(a_rejected_file_leaves_earlier_imports_alone),
		cmocka_unit_test(an_import_is_audited_with_counts_only),
		cmocka_unit_test(a_big_file_goes_in_whole),
		cmocka_unit_test(crimes_stored_before_the_compact_schema_read_back_the_same_after_it),
		cmocka_unit_test(crime_ids_read_back_as_the_file_wrote_them),
		cmocka_unit_test(a_bad_row_after_thousands_of_good_ones_rejects_the_file),
		cmocka_unit_test(every_shared_street_file_imports_with_the_documented_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
