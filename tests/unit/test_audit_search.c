/* Searching the audit trail, the DPA 2018 s.62 categories, and the bulk-viewing alert. */
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
	assert_int_equal(audit_search(db, ar, &f, &rows, &more), 2);
	memset(&f, 0, sizeof f);
	f.action = "case.";
	assert_int_equal(audit_search(db, ar, &f, &rows, &more), 3);
	memset(&f, 0, sizeof f);
	f.record_type = "person";
	f.record_id = "5";
	assert_int_equal(audit_search(db, ar, &f, &rows, &more), 1);
	assert_string_equal(rows[0].action, "person.view");
	memset(&f, 0, sizeof f);
	f.limit = 2;
	assert_int_equal(audit_search(db, ar, &f, &rows, &more), 2);
	assert_true(more);
	f.before_id = rows[1].id;
	assert_int_equal(audit_search(db, ar, &f, &rows, &more), 2);
	assert_false(more);
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
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM audit WHERE action='alert.bulk_viewing' AND user_id=42", ""), 1);
	struct actor calm = {43, 1, 2, "test"};
	for (int i = 0; i < 20; i++) audit_record(db, &calm, "case.view", "case", "9", NULL, NULL);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM audit WHERE action='alert.bulk_viewing' AND user_id=43", ""), 0);
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
		cmocka_unit_test(actions_fall_into_the_section_62_categories),
		cmocka_unit_test(viewing_many_records_quickly_raises_one_alert),
		cmocka_unit_test(the_alert_window_forgets_old_views),
	};
	return cmocka_run_group_tests_name("audit search and alerts", tests, NULL, NULL);
}
