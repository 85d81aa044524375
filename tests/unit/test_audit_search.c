/* Searching the audit trail, the DPA 2018 s.62 categories, and the bulk-viewing alert. */
#include <stdio.h>
#include "testutil.h"
#include "model/audit.h"
#include "model/audit_alert.h"
#include "model/audit_search.h"
#include "util/arena.h"

static void the_search_filters_by_user_record_and_action_prefix(void **state)
{
	struct db *db = test_db_new();
	struct actor a = {7, 1, 2, "test"}, b = {8, 1, 2, "test"};
	audit_record(db, &a, "case.view", "case", "1", NULL, NULL);
	audit_record(db, &a, "case.update", "case", "1", NULL, NULL);
	audit_record(db, &b, "case.view", "case", "2", NULL, NULL);
	audit_record(db, &b, "person.view", "person", "5", NULL, NULL);
	struct arena *ar = arena_new();
	struct audit_entry *rows;
	int more;
	struct audit_filter f = {0};
	f.user_id = 7;
	assert_int_equal(audit_search(db, ar, &f, &rows, &more, NULL), 2);
	memset(&f, 0, sizeof f);
	f.action = "case.";
	assert_int_equal(audit_search(db, ar, &f, &rows, &more, NULL), 3);
	memset(&f, 0, sizeof f);
	f.record_type = "person";
	f.record_id = "5";
	assert_int_equal(audit_search(db, ar, &f, &rows, &more, NULL), 1);
	assert_string_equal(rows[0].action, "person.view");
	memset(&f, 0, sizeof f);
	f.limit = 2;
	int64_t next[2];
	assert_int_equal(audit_search(db, ar, &f, &rows, &more, next), 2);
	assert_true(more);
	memcpy(f.before, next, sizeof next);
	assert_int_equal(audit_search(db, ar, &f, &rows, &more, next), 2);
	assert_false(more);
	arena_free(ar);
	db_close(db);
}

/* Rows of both logs at known times: changes (in a transaction) at even seconds, views at odd. */
static void paging_walks_both_logs_newest_first_each_row_once(void **state)
{
	struct db *db = test_db_new();
	struct actor who = {7, 1, 2, "test"};
	for (int i = 0; i < 23; i++) {
		char id[16];
		snprintf(id, sizeof id, "%d", i);
		int change = i % 3 == 0;
		if (change) db_begin(db);
		audit_record(db, &who, change ? "case.update" : "case.view", "case", id, NULL, NULL);
		if (change) db_commit(db);
	}
	/* give row i the time 1000 + i in whichever log holds it */
	db_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER access.access_log_no_update;"
		"UPDATE main.audit SET at = 1000 + CAST(record_id AS INTEGER);"
		"UPDATE access.access_log SET at = 1000 + CAST(record_id AS INTEGER)");
	struct arena *ar = arena_new();
	struct audit_filter f = {0};
	f.limit = 5;
	int seen = 0, more = 1, expect = 22;
	while (more) {
		struct audit_entry *rows;
		int64_t next[2];
		size_t n = audit_search(db, ar, &f, &rows, &more, next);
		for (size_t i = 0; i < n; i++, seen++, expect--) {
			assert_int_equal(rows[i].at, 1000 + expect);
			assert_int_equal(rows[i].log, expect % 3 == 0 ? AUDIT_CHANGES : AUDIT_ACCESSES);
		}
		memcpy(f.before, next, sizeof next);
	}
	assert_int_equal(seen, 23);
	arena_free(ar);
	db_close(db);
}

static void actions_fall_into_the_section_62_categories(void **state)
{
	assert_string_equal(audit_action_category("case.create"), "collection");
	assert_string_equal(audit_action_category("case.update"), "alteration");
	assert_string_equal(audit_action_category("case.view"), "consultation");
	assert_string_equal(audit_action_category("report.export"), "disclosure");
	assert_string_equal(audit_action_category("person.merge"), "combination");
	assert_string_equal(audit_action_category("note.erase"), "erasure");
	assert_string_equal(audit_action_category("signin.failed"), "other");
}

static void viewing_many_records_quickly_raises_one_alert(void **state)
{
	struct db *db = test_db_new();
	audit_alert_reset();
	db_run(db, "INSERT OR REPLACE INTO setting(name,value) VALUES('audit.alert.views','25')", "");
	struct actor who = {42, 1, 2, "test"};
	for (int i = 0; i < 60; i++) audit_record(db, &who, "case.view", "case", "9", NULL, NULL);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action='alert.bulk_viewing' AND user_id=42", ""), 1);
	struct actor calm = {43, 1, 2, "test"};
	for (int i = 0; i < 20; i++) audit_record(db, &calm, "case.view", "case", "9", NULL, NULL);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action='alert.bulk_viewing' AND user_id=43", ""), 0);
	db_close(db);
}

static void the_alert_window_forgets_old_views(void **state)
{
	audit_alert_reset();
	for (int i = 0; i < 9; i++) assert_int_equal(audit_alert_count_view(5, 1000 * 60 + i, 10), 0);
	/* eleven minutes later the nine early views no longer count */
	for (int i = 0; i < 9; i++) assert_int_equal(audit_alert_count_view(5, 1011 * 60 + i, 10), 0);
	assert_int_equal(audit_alert_count_view(5, 1011 * 60 + 30, 10), 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_search_filters_by_user_record_and_action_prefix),
		cmocka_unit_test(paging_walks_both_logs_newest_first_each_row_once),
		cmocka_unit_test(actions_fall_into_the_section_62_categories),
		cmocka_unit_test(viewing_many_records_quickly_raises_one_alert),
		cmocka_unit_test(the_alert_window_forgets_old_views),
	};
	return cmocka_run_group_tests_name("audit search and alerts", tests, NULL, NULL);
}
