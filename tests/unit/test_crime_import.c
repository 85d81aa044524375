/* police.uk import: every row kept, idempotent re-import, rows without location, the stop
 * and search and outcomes formats, and bad files rejected whole with file/line/column. */
#include <time.h>
#include "crime_testutil.h"
#include "model/audit.h"
#include "analytics/policeuk_import.h"
#include "util/embedded.h"

#define CHESHIRE CRIME_DATA "2018-11-cheshire-street-excerpt.csv"
#define LANCASHIRE CRIME_DATA "2018-11-lancashire-street-excerpt.csv"
#define STOP_SEARCH CRIME_DATA "2019-06-greater-manchester-stop-and-search-excerpt.csv"

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

static int has_problem(const struct import_summary *s, long line, int column, const char *text)
{
	for (size_t i = 0; i < s->nproblems; i++) {
		const struct import_problem *p = &s->problems[i];
		if (p->line == line && (column < 0 || p->column == column)
			&& (strstr(p->reason, text) || strstr(p->column_name, text))) return 1;
	}
	return 0;
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
	if (!has_problem(&s, line, column, what)) {
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
	assert_true(has_problem(&s, lines, -1, "truncated"));
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
	assert_true(has_problem(&s, crime_count_lines(text) + 1, 0, "unterminated"));
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
	assert_true(has_problem(&s, 1, 0, "Crime type"));      /* missing */
	assert_true(has_problem(&s, 1, 10, "Crime typo"));     /* unexpected, at its column */
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
	assert_true(has_problem(&s, 1, 0, "not that of a police.uk"));
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

/* After each file of a run: how many places were stored then. */
struct places_seen {
	struct db *db;
	long long places[8];
	size_t files;
};

static void count_places(const struct import_summary *s, void *arg)
{
	struct places_seen *seen = arg;
	(void)s;
	if (seen->files < 8) seen->places[seen->files] = crime_table_count(seen->db, "crime_place");
	seen->files++;
}

static void places_are_shared_across_files_and_a_rejected_file_leaves_none(void **state)
{
	struct db *db = test_db_new();
	/* the same places under another month are the same rows of crime_place */
	char *text = crime_read_file(CHESHIRE, NULL);
	crime_replace_all(text, "2018-11", "2018-12");
	char *path = crime_temp_file(".csv", text, strlen(text));
	/* a file rejected after new places were handed out stores none, and the next file's
	 * places are numbered from what is stored: the reader, a file ahead, waits for the
	 * rejection before it numbers them */
	crime_replace_all(text, "2018-12", "2019-01");
	crime_replace_all(text, "On or near", "On or NEAR");
	char *bad = crime_replace_line(text, crime_count_lines(text), "not,a,row");
	char *bad_path = crime_temp_file(".csv", bad, strlen(bad));
	char *good_path = crime_temp_file(".csv", text, strlen(text));
	const char *paths[] = {CHESHIRE, path, bad_path, good_path};
	struct import_summary s[4];
	struct places_seen seen = {.db = db};
	assert_int_equal(policeuk_import_files(db, NULL, paths, 4, s, count_places, &seen), 1);
	assert_int_equal(seen.files, 4);
	long long places = seen.places[0];
	assert_true(places > 0);
	assert_int_equal(s[0].problems_total, 0);
	assert_int_equal(s[1].problems_total, 0);
	assert_true(s[1].rows_added > 0);
	assert_int_equal(seen.places[1], places);
	assert_true(s[2].problems_total > 0);
	assert_int_equal(s[2].import_id, 0);
	assert_int_equal(seen.places[2], places);
	assert_int_equal(s[3].problems_total, 0);
	assert_int_equal(s[3].rows_added, s[0].rows_added);
	assert_int_equal(seen.places[3], 2 * places);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_row r LEFT JOIN crime_place p ON p.id = r.place_id "
		"WHERE p.id IS NULL", ""), 0);
	assert_int_equal(db_int(db, 0, "SELECT max(id) FROM crime_place", ""), 2 * places);
	crime_temp_remove(path);
	crime_temp_remove(bad_path);
	crime_temp_remove(good_path);
	free(text);
	free(bad);
	db_close(db);
}

/* A rejected file that handed out no new place, then a file that does: the reader, already
 * on the next file, keeps the places it is handing out (the database thread must not reload
 * them under it). */
static void a_rejected_file_without_new_places_leaves_the_next_files_places_alone(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	crime_replace_all(text, "2018-11", "2018-12");
	char *bad = crime_replace_line(text, crime_count_lines(text), "not,a,row");
	char *bad_path = crime_temp_file(".csv", bad, strlen(bad));
	/* big enough that the reader is still inside it, on a full queue, when the rejection of
	 * the file before is handled */
	struct buf big = BUF_INIT;
	buf_append(&big, text, (size_t)(strchr(text, '\n') - text) + 1);
	for (int i = 0; i < 20000; i++)
		buf_printf(&big, ",2018-12,Cheshire Constabulary,Cheshire Constabulary,-2.036740,53.355936,"
			"On or near Street %d,E01018585,Cheshire East 001A,Anti-social behaviour,,\n", i);
	char *new_places = crime_temp_file(".csv", big.data, big.len);
	const char *paths[] = {CHESHIRE, bad_path, new_places, new_places};
	struct import_summary s[4];
	assert_int_equal(policeuk_import_files(db, NULL, paths, 4, s, NULL, NULL), 1);
	assert_true(s[1].problems_total > 0);
	assert_true(s[2].rows_added > 0);
	assert_int_equal(s[3].rows_added, 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_row r LEFT JOIN crime_place p ON p.id = r.place_id "
		"WHERE p.id IS NULL", ""), 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM (SELECT lon, lat, location, lsoa_code FROM crime_place "
		"GROUP BY lon, lat, location, lsoa_code HAVING count(*) > 1)", ""), 0);
	assert_int_equal(s[2].rows_added, 20000);
	crime_temp_remove(bad_path);
	crime_temp_remove(new_places);
	buf_free(&big);
	free(text);
	free(bad);
	db_close(db);
}

/* After the first file of a run, another writer stores a class and a place: the ids the
 * reader gave the second file's new ones are taken. */
static void store_a_class_and_a_place(const struct import_summary *s, void *arg)
{
	struct places_seen *seen = arg;
	if (seen->files++ != 0) return;
	db_run(seen->db, "INSERT INTO crime_class(import_id, month, crime_type_id) VALUES(?, '2000-01', "
		"(SELECT min(id) FROM crime_type))", "i", s->import_id);
	db_run(seen->db, "INSERT INTO crime_place(location) VALUES('stored by someone else')", "");
}

static void a_run_notices_ids_taken_between_its_files(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	crime_replace_all(text, "On or near", "On or NEAR");
	crime_replace_all(text, "2018-11", "2018-12");
	char *path = crime_temp_file(".csv", text, strlen(text));
	const char *paths[] = {CHESHIRE, path, LANCASHIRE};
	struct import_summary s[3];
	struct places_seen seen = {.db = db};
	assert_int_equal(policeuk_import_files(db, NULL, paths, 3, s, store_a_class_and_a_place, &seen), 0);
	assert_int_equal(seen.files, 3);
	long long rows = 0;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s[i].problems_total, 0);
		assert_int_equal(s[i].rows_present, 0);
		assert_true(s[i].rows_added > 0);
		rows += s[i].rows_added;
	}
	assert_int_equal(crime_table_count(db, "crime"), rows);
	/* every row has its own class and place, and the other writer's place is nobody's */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_row r LEFT JOIN crime_place p ON p.id = r.place_id "
		"LEFT JOIN crime_class k ON k.id = r.class_id WHERE p.id IS NULL OR k.id IS NULL", ""), 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_row r JOIN crime_place p ON p.id = r.place_id "
		"WHERE p.location = 'stored by someone else'", ""), 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime WHERE location LIKE 'On or NEAR%' AND month = '2018-12'", ""),
		s[1].rows_added);
	crime_temp_remove(path);
	free(text);
	db_close(db);
}

/* After the first file of a run, another connection files LSOA E01018585 under a ward. */
struct other_writer {
	const char *path;
	int files;
};

static void another_connection_adds_a_ward(const struct import_summary *s, void *arg)
{
	struct other_writer *o = arg;
	(void)s;
	if (o->files++ != 0) return;
	char err[256];
	struct db *other = db_open(o->path, err, sizeof err);
	assert_non_null(other);
	db_run(other, "INSERT INTO geo_area(level, code, name) VALUES('ward', 'E05000001', 'Test ward')", "");
	int64_t import = db_int(other, 0, "SELECT max(id) FROM crime_import", "");
	db_run(other, "INSERT INTO lsoa_ward(lsoa_code, ward_code, import_id) VALUES('E01018585', 'E05000001', ?)", "i", import);
	db_close(other);
}

/* Boundaries filed by another connection between two files of a run reach the second file:
 * its new places in that LSOA get the new ward. */
static void a_run_sees_areas_another_connection_added(void **state)
{
	char path[256];
	struct db *db = test_db_file_new(path, sizeof path);
	char *text = crime_read_file(CHESHIRE, NULL);
	crime_replace_all(text, "On or near", "On or NEAR");
	char *second = crime_temp_file(".csv", text, strlen(text));
	const char *paths[] = {CHESHIRE, second};
	struct import_summary s[2];
	struct other_writer o = {path, 0};
	assert_int_equal(policeuk_import_files(db, NULL, paths, 2, s, another_connection_adds_a_ward, &o), 0);
	long long in_lsoa = db_int(db, 0, "SELECT count(*) FROM crime WHERE location GLOB 'On or NEAR*' "
		"AND lsoa_id = (SELECT id FROM geo_area WHERE level = 'lsoa' AND code = 'E01018585')", "");
	assert_true(in_lsoa > 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime WHERE location GLOB 'On or NEAR*' AND ward_id = "
		"(SELECT id FROM geo_area WHERE level = 'ward' AND code = 'E05000001')", ""), in_lsoa);
	crime_temp_remove(second);
	free(text);
	db_close(db);
	test_db_file_delete(path);
}

/* A rejected file that added a crime type, a force and an LSOA leaves none of them, and the
 * next file of the run, which has them too, stores them afresh (a cache that kept the rolled
 * back ids would point its rows at nothing). */
static void names_a_rejected_file_added_are_added_again_by_the_next(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	crime_replace_all(text, "Anti-social behaviour", "Anti-social BEHAVIOUR");
	crime_replace_all(text, "Cheshire Constabulary", "Cheshire CONSTABULARY");
	crime_replace_all(text, "E01018585", "E01099999");
	char *bad = crime_replace_line(text, crime_count_lines(text), "not,a,row");
	char *bad_path = crime_temp_file(".csv", bad, strlen(bad));
	char *good_path = crime_temp_file(".csv", text, strlen(text));
	const char *paths[] = {bad_path, good_path};
	struct import_summary s[2];
	assert_int_equal(policeuk_import_files(db, NULL, paths, 2, s, NULL, NULL), 1);
	assert_true(s[1].rows_added > 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_class k LEFT JOIN crime_type t ON t.id = k.crime_type_id "
		"LEFT JOIN police_force f ON f.id = k.falls_within WHERE t.id IS NULL OR f.id IS NULL", ""), 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime_place p LEFT JOIN geo_area a ON a.id = p.lsoa_id "
		"WHERE p.lsoa_code <> '' AND a.id IS NULL", ""), 0);
	assert_true(db_int(db, 0, "SELECT count(*) FROM crime c JOIN crime_type t ON t.id = c.crime_type_id "
		"WHERE t.name = 'Anti-social BEHAVIOUR'", "") > 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM crime c JOIN geo_area a ON a.id = c.lsoa_id "
		"WHERE a.code = 'E01099999'", ""), 1);
	crime_temp_remove(bad_path);
	crime_temp_remove(good_path);
	free(text);
	free(bad);
	db_close(db);
}

/* The same file twice in one run: the second adds nothing (its repeated rows are numbered
 * afresh, as in a run of its own), and neither does a third copy with the rows reordered. */
static void a_file_given_twice_in_one_run_adds_nothing_the_second_time(void **state)
{
	struct db *db = test_db_new();
	char *text = crime_read_file(CHESHIRE, NULL);
	/* the header, then the rows in reverse order */
	struct buf reversed = BUF_INIT;
	char *nl = strchr(text, '\n');
	buf_append(&reversed, text, (size_t)(nl - text) + 1);
	for (char *end = text + strlen(text) - 1; end > nl;) {
		char *start = end;
		while (start[-1] != '\n') start--;
		buf_append(&reversed, start, (size_t)(end - start) + 1);
		end = start - 1;
	}
	char *path = crime_temp_file(".csv", reversed.data, reversed.len);
	const char *paths[] = {CHESHIRE, CHESHIRE, path};
	struct import_summary s[3];
	assert_int_equal(policeuk_import_files(db, NULL, paths, 3, s, NULL, NULL), 0);
	assert_true(s[0].rows_added > 0);
	assert_int_equal(s[1].rows_added, 0);
	assert_int_equal(s[1].rows_present, s[0].rows_read);
	assert_int_equal(s[2].rows_added, 0);
	assert_int_equal(crime_table_count(db, "crime"), s[0].rows_added);
	crime_temp_remove(path);
	buf_free(&reversed);
	free(text);
	db_close(db);
}

/* Files of all three kinds, a missing one and one with a wrong header in one run: each is
 * committed or rejected on its own, in order. */
static void a_run_mixes_kinds_and_rejections(void **state)
{
	struct db *db = test_db_new();
	char *wrong = crime_temp_file(".csv", "a,b,c\n1,2,3\n", 12);
	const char *paths[] = {STOP_SEARCH, "/nonexistent/file.csv", CHESHIRE, wrong, LANCASHIRE};
	struct import_summary s[5];
	struct places_seen seen = {.db = db};
	assert_int_equal(policeuk_import_files(db, NULL, paths, 5, s, count_places, &seen), 2);
	assert_int_equal(seen.files, 5);
	assert_string_equal(s[0].kind, "stop-and-search");
	assert_int_equal(s[0].problems_total, 0);
	assert_true(s[1].problems_total > 0);
	assert_true(has_problem(&s[1], 0, 0, "cannot be read"));
	assert_string_equal(s[2].kind, "street");
	assert_true(s[3].problems_total > 0);
	assert_int_equal(s[3].import_id, 0);
	assert_int_equal(s[4].problems_total, 0);
	assert_int_equal(crime_table_count(db, "crime"), s[2].rows_added + s[4].rows_added);
	assert_int_equal(crime_table_count(db, "stop_search"), s[0].rows_added);
	assert_int_equal(crime_table_count(db, "crime_import"), 3);
	crime_temp_remove(wrong);
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
		cmocka_unit_test(places_are_shared_across_files_and_a_rejected_file_leaves_none),
		cmocka_unit_test(a_run_notices_ids_taken_between_its_files),
		cmocka_unit_test(a_rejected_file_without_new_places_leaves_the_next_files_places_alone),
		cmocka_unit_test(a_run_mixes_kinds_and_rejections),
		cmocka_unit_test(a_file_given_twice_in_one_run_adds_nothing_the_second_time),
		cmocka_unit_test(a_run_sees_areas_another_connection_added),
		cmocka_unit_test(names_a_rejected_file_added_are_added_again_by_the_next),
		cmocka_unit_test(a_bad_row_after_thousands_of_good_ones_rejects_the_file),
		cmocka_unit_test(every_shared_street_file_imports_with_the_documented_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
