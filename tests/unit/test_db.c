/* The db layer: binding, transactions, constraints, migrations. */
#include "testutil.h"

static void migrations_are_applied_once_and_recorded(void **state)
{
	struct db *db = test_db_new();
	int version = db_schema_version(db);
	assert_true(version >= 2);
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_schema_version(db), version);
	db_close(db);
}

static void bound_text_is_stored_verbatim_even_with_sql_metacharacters(void **state)
{
	struct db *db = test_db_new();
	const char *evil = "x'); DROP TABLE agency; --";
	assert_int_equal(db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES(?,?,?)", "tti", evil, "other", (int64_t)1), DB_DONE);
	char *back = db_text(db, "SELECT name FROM agency WHERE name=?", "t", evil);
	assert_string_equal(back, evil);
	free(back);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM agency", ""), 1);
	db_close(db);
}

static void a_unique_violation_is_reported_not_fatal(void **state)
{
	struct db *db = test_db_new();
	assert_int_equal(db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES('A','other',1)", ""), DB_DONE);
	assert_int_equal(db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES('A','other',1)", ""), DB_CONSTRAINT);
	db_close(db);
}

static void a_rollback_inside_a_nested_transaction_undoes_everything(void **state)
{
	struct db *db = test_db_new();
	db_begin(db);
	db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES('outer','other',1)", "");
	db_begin(db);
	db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES('inner','other',1)", "");
	db_rollback(db);
	assert_int_equal(db_commit(db), -1);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM agency", ""), 0);
	db_close(db);
}

static void db_int_returns_the_default_when_there_is_no_row(void **state)
{
	struct db *db = test_db_new();
	assert_int_equal(db_int(db, 42, "SELECT id FROM agency WHERE id=?", "i", (int64_t)7), 42);
	assert_null(db_text(db, "SELECT name FROM agency WHERE id=?", "i", (int64_t)7));
	db_close(db);
}

static void a_backup_is_a_complete_copy(void **state)
{
	char path[] = "/tmp/nestguard-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	char src_path[] = "/tmp/nestguard-src-XXXXXX";
	fd = mkstemp(src_path);
	close(fd);
	char err[256];
	struct db *db = db_open(src_path, err, sizeof err);
	db_migrate(db);
	db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES('copied','other',1)", "");
	assert_int_equal(db_backup(db, path, err, sizeof err), 0);
	struct db *copy = db_open(path, err, sizeof err);
	assert_int_equal(db_int(copy, 0, "SELECT count(*) FROM agency WHERE name='copied'", ""), 1);
	db_close(copy);
	db_close(db);
	unlink(path);
	unlink(src_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_are_applied_once_and_recorded),
		cmocka_unit_test(bound_text_is_stored_verbatim_even_with_sql_metacharacters),
		cmocka_unit_test(a_unique_violation_is_reported_not_fatal),
		cmocka_unit_test(a_rollback_inside_a_nested_transaction_undoes_everything),
		cmocka_unit_test(db_int_returns_the_default_when_there_is_no_row),
		cmocka_unit_test(a_backup_is_a_complete_copy),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
