/* The access log in its own file: page views commit nothing to the records file, changes keep
 * their audit rows in their own transaction, backups carry both files, a lost log is noticed. */
#include <stdio.h>
#include "testutil.h"
#include "model/audit.h"
#include "model/role.h"
#include "util/clock.h"

static const struct actor viewer = {5, 1, 2, "test"};

static void a_page_view_commits_nothing_to_the_records_file(void **state)
{
	char path[256];
	struct db *db = test_db_file_new(path, sizeof path);
	char err[256];
	struct db *other = db_open(path, err, sizeof err);
	assert_non_null(other);
	int64_t records = db_int(other, 0, "PRAGMA main.data_version", "");
	int64_t log = db_int(other, 0, "PRAGMA access.data_version", "");
	audit_record(db, &viewer, "case.view", "case", "12", NULL, NULL);
	/* data_version changes when another connection has committed to that file */
	assert_int_equal(db_int(other, 0, "PRAGMA main.data_version", ""), records);
	assert_true(db_int(other, 0, "PRAGMA access.data_version", "") != log);
	assert_int_equal(db_int(other, 0, "SELECT count(*) FROM access.access_log WHERE action = 'case.view' AND record_id = '12'", ""), 1);
	assert_int_equal(db_int(other, 0, "SELECT count(*) FROM main.audit WHERE action = 'case.view'", ""), 0);
	db_close(other);
	db_close(db);
	test_db_file_delete(path);
}

static void a_change_rolled_back_leaves_no_audit_row(void **state)
{
	struct db *db = test_db_new();
	db_begin(db);
	audit_record(db, &viewer, "case.update", "case", "3", NULL, NULL);
	db_rollback(db);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE record_id = '3'", ""), 0);
	db_begin(db);
	audit_record(db, &viewer, "case.update", "case", "3", NULL, NULL);
	db_commit(db);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM main.audit WHERE record_id = '3'", ""), 1);
	db_close(db);
}

static void views_are_not_held_up_by_a_long_change(void **state)
{
	char path[256];
	struct db *db = test_db_file_new(path, sizeof path);
	char err[256];
	struct db *writer = db_open(path, err, sizeof err);
	assert_non_null(writer);
	db_begin(writer);   /* holds the records file's write lock, as an import does */
	db_run(writer, "INSERT INTO setting(name, value) VALUES('test.long', '1')", "");
	int64_t t0 = clock_monotonic_us();
	audit_record(db, &viewer, "case.view", "case", "1", NULL, NULL);
	assert_true(clock_monotonic_us() - t0 < 2000000);
	db_commit(writer);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM access.access_log", ""), 1);
	db_close(writer);
	db_close(db);
	test_db_file_delete(path);
}

static void a_backup_carries_both_logs(void **state)
{
	char path[256], copy[300];
	struct db *db = test_db_file_new(path, sizeof path);
	db_begin(db);
	audit_record(db, &viewer, "case.update", "case", "1", NULL, NULL);
	db_commit(db);
	audit_record(db, &viewer, "case.view", "case", "1", NULL, NULL);
	snprintf(copy, sizeof copy, "%s.backup", path);
	char err[256];
	assert_int_equal(db_backup(db, copy, err, sizeof err), 0);
	struct db *restored = db_open(copy, err, sizeof err);
	assert_non_null(restored);
	assert_true(audit_access_log_present(restored));
	int64_t rows = 0, bad = 0;
	char why[200];
	assert_int_equal(audit_verify(restored, &rows, &bad, why, sizeof why), 0);
	assert_int_equal(rows, db_int(db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ")", ""));
	assert_int_equal(db_int(restored, 0, "SELECT count(*) FROM access.access_log WHERE action = 'case.view'", ""), 1);
	db_close(restored);
	db_close(db);
	test_db_file_delete(copy);
	test_db_file_delete(path);
}

static void a_lost_access_log_is_noticed(void **state)
{
	char path[256], log[300];
	struct db *db = test_db_file_new(path, sizeof path);
	assert_true(audit_access_log_present(db));
	db_close(db);
	snprintf(log, sizeof log, "%s.access", path);
	assert_int_equal(unlink(log), 0);
	char err[256];
	db = db_open(path, err, sizeof err);
	assert_non_null(db);
	assert_false(audit_access_log_present(db));
	db_close(db);
	test_db_file_delete(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_page_view_commits_nothing_to_the_records_file),
		cmocka_unit_test(a_change_rolled_back_leaves_no_audit_row),
		cmocka_unit_test(views_are_not_held_up_by_a_long_change),
		cmocka_unit_test(a_backup_carries_both_logs),
		cmocka_unit_test(a_lost_access_log_is_noticed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
