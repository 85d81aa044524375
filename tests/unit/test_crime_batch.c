/* Batched multi-row inserts: every row arrives once, in order, with its values, whether it
 * went in a full batch or in the remainder; values are copied when added. */
#include <stdio.h>
#include "testutil.h"
#include "analytics/batch_insert.h"

static void every_row_arrives_once_with_its_values(void **state)
{
	struct db *db = test_db_new();
	db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, x REAL, s TEXT, b BLOB, z)");
	struct batch_insert *b = batch_insert_new(db, "t", "n, x, s, b, z", 5);
	enum { ROWS = 1000 };    /* several full batches and a remainder */
	for (int i = 0; i < ROWS; i++) {
		char text[32];
		snprintf(text, sizeof text, "row %d", i);
		batch_int(b, i);
		batch_double(b, i / 4.0);
		batch_text(b, text, strlen(text));
		memset(text, 'X', sizeof text);    /* the batch holds its own copy */
		unsigned char blob[3] = {(unsigned char)i, 0, 0xff};
		batch_blob(b, blob, sizeof blob);
		batch_null(b);
		batch_row_end(b);
	}
	batch_insert_free(b);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM t", ""), ROWS);
	struct db_stmt *st = db_prepare(db, "SELECT n, x, s, b, z IS NULL FROM t ORDER BY id");
	for (int i = 0; i < ROWS; i++) {
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_column_int(st, 0), i);
		assert_true(db_column_double(st, 1) == i / 4.0);
		char text[32];
		snprintf(text, sizeof text, "row %d", i);
		assert_string_equal(db_column_text(st, 2), text);
		size_t len;
		const unsigned char *blob = db_column_blob(st, 3, &len);
		assert_int_equal(len, 3);
		assert_int_equal(blob[0], (unsigned char)i);
		assert_int_equal(db_column_int(st, 4), 1);
	}
	assert_int_equal(db_step(st), DB_DONE);
	db_finalize(st);
	db_close(db);
}

static void a_flush_writes_what_is_held(void **state)
{
	struct db *db = test_db_new();
	db_exec(db, "CREATE TABLE t(n INTEGER)");
	struct batch_insert *b = batch_insert_new(db, "t", "n", 1);
	batch_int(b, 7);
	batch_row_end(b);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM t", ""), 0);
	batch_flush(b);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM t", ""), 1);
	batch_insert_free(b);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM t", ""), 1);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_arrives_once_with_its_values),
		cmocka_unit_test(a_flush_writes_what_is_held),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
