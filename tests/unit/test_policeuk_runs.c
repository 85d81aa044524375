/* police.uk import of several files in one run (policeuk_import_files()): the reader runs a
 * file ahead of the database thread, so what one file does -- being rejected, adding names,
 * places and areas -- must reach the next one right, and so must what another writer does
 * between two files. */
#include "crime_testutil.h"
#include "analytics/policeuk_import.h"

#define CHESHIRE CRIME_CHESHIRE
#define LANCASHIRE CRIME_LANCASHIRE
#define STOP_SEARCH CRIME_STOP_SEARCH

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
	assert_true(crime_has_problem(&s[1], 0, 0, "cannot be read"));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_are_shared_across_files_and_a_rejected_file_leaves_none),
		cmocka_unit_test(a_rejected_file_without_new_places_leaves_the_next_files_places_alone),
		cmocka_unit_test(a_run_notices_ids_taken_between_its_files),
		cmocka_unit_test(a_run_mixes_kinds_and_rejections),
		cmocka_unit_test(a_file_given_twice_in_one_run_adds_nothing_the_second_time),
		cmocka_unit_test(a_run_sees_areas_another_connection_added),
		cmocka_unit_test(names_a_rejected_file_added_are_added_again_by_the_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
