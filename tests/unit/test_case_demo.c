/* The demo caseload: plausible, consistent, clearly fictional, and usable by the case list. */
#include "case_fixture.h"
#include "model/audit.h"
#include "model/case_list.h"
#include "model/demo_cases.h"

static void the_demo_caseload_is_consistent_and_fictional(void **state)
{
	struct fixture *f = *state;
	demo_cases_create(f->db, 300, 42);
	int64_t cases = fixture_count(f->db, "case_file");
	assert_true(cases > 250 && cases <= 300);
	/* every case has a resident, a property, a type, a risk and a place */
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_file c WHERE NOT EXISTS"
		" (SELECT 1 FROM case_person WHERE case_id = c.id AND role = 'resident')", ""), 0);
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_file c WHERE NOT EXISTS"
		" (SELECT 1 FROM case_exploitation_type WHERE case_id = c.id)", ""), 0);
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_file WHERE risk_level IS NULL OR ward_id IS NULL", ""), 0);
	/* closures: closed cases have a date and were approved by someone other than the requester */
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE status = 'closed'", "") > 50);
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE status = 'open'", "") > 30);
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_file WHERE status = 'closed'"
		" AND (closed_on IS NULL OR closure_approved_by = closure_requested_by)", ""), 0);
	/* some perpetrators appear in more than one case; some tasks are overdue */
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM (SELECT person_id FROM case_person WHERE role = 'perpetrator'"
		" GROUP BY person_id HAVING count(DISTINCT case_id) > 1)", "") > 5);
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_task WHERE done_at IS NULL AND due_on < date('now')", "") > 0);
	/* pending and declined referrals exist too */
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM referral WHERE status = 'submitted'", "") > 0);
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM referral WHERE status IN ('signposted', 'passed_to_asb')", "") > 0);
	/* every address says it is fictional; estates include Brinnington */
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM property WHERE address_line2 <> 'Fictional address (demo)'", ""), 0);
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_file c JOIN locality a ON a.id = c.neighbourhood_id"
		" WHERE a.name = 'Brinnington'", "") > 0);
	/* the same seed gives the same caseload (on a database set up the same way) */
	char *first = db_text(f->db, "SELECT group_concat(family_name) FROM (SELECT family_name FROM person ORDER BY id LIMIT 20)", "");
	void *other;
	fixture_setup(&other);
	struct fixture *g = other;
	demo_cases_create(g->db, 300, 42);
	char *second = db_text(g->db, "SELECT group_concat(family_name) FROM (SELECT family_name FROM person ORDER BY id LIMIT 20)", "");
	assert_string_equal(first, second);
	free(first);
	free(second);
	fixture_teardown(&other);
	assert_type_list_in_step(f->db);
	/* the audit chain is intact */
	int64_t bad = 0;
	char why[128];
	assert_int_equal(audit_verify(f->db, NULL, &bad, why, sizeof why), 0);
}

static void the_type_list_follows_types_statuses_and_erasures(void **state)
{
	struct fixture *f = *state;
	demo_cases_create(f->db, 120, 3);
	assert_type_list_in_step(f->db);
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_type_list", "") > 100);
	/* new types for an open case */
	int64_t id = db_int(f->db, 0, "SELECT id FROM case_file WHERE status = 'open' ORDER BY id LIMIT 1", "");
	char t1[24], t2[24];
	snprintf(t1, sizeof t1, "%lld", (long long)db_int(f->db, 0, "SELECT id FROM exploitation_type WHERE code = 'financial'", ""));
	snprintf(t2, sizeof t2, "%lld", (long long)db_int(f->db, 0, "SELECT id FROM exploitation_type WHERE code = 'criminal'", ""));
	const char *types[] = {t1, t2};
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_set_types(f->db, &f->leader, id, types, 2, &e), MODEL_OK);
	assert_type_list_in_step(f->db);
	/* status and date changes, as closure, reopening and corrections make them */
	db_run(f->db, "UPDATE case_file SET status = 'closure_requested' WHERE id = ?", "i", id);
	assert_type_list_in_step(f->db);
	db_run(f->db, "UPDATE case_file SET status = 'closed', closed_on = '2026-01-02', opened_on = '2025-12-01' WHERE id = ?", "i", id);
	assert_type_list_in_step(f->db);
	db_run(f->db, "UPDATE case_file SET status = 'open', closed_on = NULL WHERE id = ?", "i", id);
	assert_type_list_in_step(f->db);
	/* erasure removes the links first (model/retention.c) */
	db_run(f->db, "DELETE FROM case_exploitation_type WHERE case_id = ?", "i", id);
	assert_type_list_in_step(f->db);
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_type_list WHERE case_id = ?", "i", id), 0);
}

static void the_case_list_filters_the_demo_caseload(void **state)
{
	struct fixture *f = *state;
	demo_cases_create(f->db, 300, 7);
	struct arena *a = arena_new();
	struct case_list all, open, high, page2, brinnington, search;
	struct field_errors e;
	field_errors_init(&e);
	struct case_filter_input in = {0};
	assert_int_equal(case_list_query(f->db, &f->leader, &in, a, &all, &e), MODEL_OK);
	assert_int_equal(all.total, fixture_count(f->db, "case_file"));
	assert_int_equal(all.n, 25);
	for (size_t i = 1; i < all.n; i++) assert_true(strcmp(all.rows[i - 1].opened_on, all.rows[i].opened_on) >= 0);
	in.status = "open";
	assert_int_equal(case_list_query(f->db, &f->leader, &in, a, &open, &e), MODEL_OK);
	assert_int_equal(open.total, db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE status = 'open'", ""));
	in.risk = "high";
	assert_int_equal(case_list_query(f->db, &f->leader, &in, a, &high, &e), MODEL_OK);
	assert_int_equal(high.total, db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE status = 'open' AND risk_level = 'high'", ""));
	for (size_t i = 0; i < high.n; i++) assert_string_equal(high.rows[i].risk_level, "high");
	struct case_filter_input p2 = {0};
	p2.page = "2";
	p2.sort = "reference";
	p2.order = "asc";
	assert_int_equal(case_list_query(f->db, &f->leader, &p2, a, &page2, &e), MODEL_OK);
	assert_true(page2.n > 0);
	char *ref26 = db_text(f->db, "SELECT reference FROM case_file ORDER BY reference LIMIT 1 OFFSET 25", "");
	assert_string_equal(page2.rows[0].reference, ref26);
	free(ref26);
	struct case_filter_input area = {0};
	char ward[24];
	snprintf(ward, sizeof ward, "%lld", (long long)db_int(f->db, 0, "SELECT id FROM locality WHERE ons_code = 'E05015018'", ""));
	area.area_id = ward;
	assert_int_equal(case_list_query(f->db, &f->leader, &area, a, &brinnington, &e), MODEL_OK);
	assert_int_equal(brinnington.total, db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE ward_id = ?", "t", ward));
	assert_true(brinnington.total > 0);
	/* search by a resident's family name, by postcode with its space, and by reference */
	char *name = db_text(f->db, "SELECT pe.family_name FROM case_person cp JOIN person pe ON pe.id = cp.person_id"
		" WHERE cp.role = 'resident' LIMIT 1", "");
	struct case_filter_input s = {0};
	s.q = name;
	assert_int_equal(case_list_query(f->db, &f->leader, &s, a, &search, &e), MODEL_OK);
	assert_true(search.total >= 1);
	free(name);
	char *pc = db_text(f->db, "SELECT postcode FROM property LIMIT 1", "");
	s.q = pc;
	assert_int_equal(case_list_query(f->db, &f->leader, &s, a, &search, &e), MODEL_OK);
	assert_int_equal(search.total, db_int(f->db, 0, "SELECT count(DISTINCT cp.case_id) FROM case_property cp"
		" JOIN property p ON p.id = cp.property_id WHERE p.postcode = ?", "t", pc));
	free(pc);
	char *ref = db_text(f->db, "SELECT reference FROM case_file LIMIT 1", "");
	s.q = ref;
	assert_int_equal(case_list_query(f->db, &f->leader, &s, a, &search, &e), MODEL_OK);
	assert_int_equal(search.total, 1);
	assert_string_equal(search.rows[0].reference, ref);
	free(ref);
	/* the type filter (answered from type_mask) agrees with the types table */
	struct case_filter_input ty = {0};
	char type_id[24];
	int64_t tid = db_int(f->db, 0, "SELECT id FROM exploitation_type WHERE code = 'criminal'", "");
	snprintf(type_id, sizeof type_id, "%lld", (long long)tid);
	ty.type_id = type_id;
	ty.status = "active";
	assert_int_equal(case_list_query(f->db, &f->leader, &ty, a, &search, &e), MODEL_OK);
	assert_int_equal(search.total, db_int(f->db, 0, "SELECT count(*) FROM case_file c WHERE status <> 'closed' AND EXISTS"
		" (SELECT 1 FROM case_exploitation_type t WHERE t.case_id = c.id AND t.type_id = ?)", "i", tid));
	assert_true(search.total > 0);
	/* a bad filter names the field */
	struct case_filter_input bad = {0};
	bad.risk = "extreme";
	bad.opened_from = "2026-13-01";
	assert_int_equal(case_list_query(f->db, &f->leader, &bad, a, &search, &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "risk"));
	assert_non_null(field_errors_for(&e, "opened_from"));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_demo_caseload_is_consistent_and_fictional, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_case_list_filters_the_demo_caseload, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_type_list_follows_types_statuses_and_erasures, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
