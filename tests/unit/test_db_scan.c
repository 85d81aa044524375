/* Connections for one-pass reads (db_scan.c): two reading one snapshot, as the evaluation's
 * two reader threads do. */
#include "testutil.h"
#include "db/db_scan.h"

static int64_t agencies(struct db *db)
{
	return db_int(db, -1, "SELECT count(*) FROM agency", "");
}

static void add_agency(struct db *db, const char *name)
{
	assert_int_equal(db_run(db, "INSERT INTO agency(name, kind, created_at) VALUES(?, 'other', 1)", "t", name), DB_DONE);
}

static void two_connections_begun_together_see_the_same_rows_while_a_third_commits(void **state)
{
	(void)state;
	char path[] = "/tmp/nestguard-shared-read-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	char err[256];
	struct db *writer = db_open(path, err, sizeof err), *a = db_open_for_scan(path, err, sizeof err),
		*b = db_open_for_scan(path, err, sizeof err);
	assert_non_null(writer);
	assert_non_null(a);
	assert_non_null(b);
	db_migrate(writer);
	add_agency(writer, "Before");

	assert_int_equal(db_read_begin_shared(a, b), 0);
	add_agency(writer, "During");
	assert_int_equal(agencies(a), 1);
	assert_int_equal(agencies(b), 1);
	db_read_end(a);
	db_read_end(b);

	/* and afterwards each sees the commit */
	assert_int_equal(agencies(a), 2);
	assert_int_equal(agencies(b), 2);
	assert_int_equal(db_read_begin_shared(b, a), 0);
	assert_int_equal(agencies(a), agencies(b));
	db_read_end(a);
	db_read_end(b);
	db_close(a);
	db_close(b);
	db_close(writer);
	test_db_file_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_connections_begun_together_see_the_same_rows_while_a_third_commits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
