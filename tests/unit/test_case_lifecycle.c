/* Cases: closure and its approval, reopening, risk history, assignment, and that a refused
 * or failed operation changes nothing. */
#include "case_fixture.h"
#include "model/case_note.h"
#include "model/chronology.h"
#include "model/intervention.h"
#include "model/task.h"

static const struct case_closure_input good_closure = {"yes", "yes", "no", "Perpetrators excluded; resident safe"};

static char *status_of(struct fixture *f, int64_t case_id)
{
	return db_text(f->db, "SELECT status FROM case_file WHERE id = ?", "i", case_id);
}

static void a_team_leader_cannot_approve_their_own_closure_request(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->leader2, c, &good_closure, &e), MODEL_OK);
	field_errors_init(&e);
	assert_int_equal(case_approve_closure(f->db, &f->leader2, c, &e), MODEL_REFUSED);
	assert_non_null(strstr(field_errors_first(&e), "another team leader"));
	char *s = status_of(f, c);
	assert_string_equal(s, "closure_requested");
	free(s);
	field_errors_init(&e);
	assert_int_equal(case_approve_closure(f->db, &f->leader, c, &e), MODEL_OK);
	s = status_of(f, c);
	assert_string_equal(s, "closed");
	free(s);
	assert_int_equal(db_int(f->db, 0, "SELECT positively_resolved FROM case_file WHERE id = ?", "i", c), 1);
	assert_int_equal(db_int(f->db, 0, "SELECT closure_approved_by FROM case_file WHERE id = ?", "i", c), f->leader.user_id);
}

static void a_caseworker_cannot_approve_a_closure(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->leader, c, &good_closure, &e), MODEL_OK);
	assert_int_equal(case_approve_closure(f->db, &f->caseworker, c, &e), MODEL_FORBIDDEN);
}

static void closing_a_closed_case_is_refused(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->caseworker, c, &good_closure, &e), MODEL_OK);
	assert_int_equal(case_request_closure(f->db, &f->caseworker, c, &good_closure, &e), MODEL_REFUSED);
	assert_non_null(strstr(field_errors_first(&e), "already been requested"));
	field_errors_init(&e);
	assert_int_equal(case_approve_closure(f->db, &f->leader, c, &e), MODEL_OK);
	int64_t audits = fixture_count(f->db, "audit");
	field_errors_init(&e);
	assert_int_equal(case_approve_closure(f->db, &f->leader2, c, &e), MODEL_REFUSED);
	assert_non_null(strstr(field_errors_first(&e), "already closed"));
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->caseworker, c, &good_closure, &e), MODEL_REFUSED);
	assert_non_null(strstr(field_errors_first(&e), "closed"));
	/* nothing recorded by the refusals */
	assert_int_equal(fixture_count(f->db, "audit"), audits);
}

static void a_closure_request_validates_its_answers(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct case_closure_input bad = {"perhaps", "yes", "out_of_borough", ""};
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->caseworker, c, &bad, &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "positively_resolved"));
	assert_non_null(field_errors_for(&e, "moved"));      /* stayed in tenancy, yet moved */
	assert_non_null(field_errors_for(&e, "reason"));
	char *s = status_of(f, c);
	assert_string_equal(s, "open");
	free(s);
}

static void a_closed_case_can_be_reopened_and_then_changed(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	case_request_closure(f->db, &f->caseworker, c, &good_closure, &e);
	case_approve_closure(f->db, &f->leader, c, &e);
	field_errors_init(&e);
	assert_int_equal(case_note_add(f->db, &f->caseworker, c, "After closure", &e, NULL), MODEL_REFUSED);
	field_errors_init(&e);
	assert_int_equal(case_reopen(f->db, &f->caseworker, c, "Perpetrators returned", &e), MODEL_OK);
	char *s = status_of(f, c);
	assert_string_equal(s, "open");
	free(s);
	assert_true(db_int(f->db, 1, "SELECT closed_on IS NULL FROM case_file WHERE id = ?", "i", c));
	field_errors_init(&e);
	assert_int_equal(case_note_add(f->db, &f->caseworker, c, "Visited again", &e, NULL), MODEL_OK);
	field_errors_init(&e);
	assert_int_equal(case_reopen(f->db, &f->caseworker, c, "Again", &e), MODEL_REFUSED);
}

static void risk_changes_keep_their_history(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_set_risk(f->db, &f->caseworker, c, "high", "Weapons seen", &e), MODEL_OK);
	assert_int_equal(case_set_risk(f->db, &f->caseworker, c, "medium", "Perpetrator arrested", &e), MODEL_OK);
	assert_int_equal(case_set_risk(f->db, &f->caseworker, c, "severe", "", &e), MODEL_INVALID);
	struct arena *a = arena_new();
	struct case_risk_item *r;
	size_t n;
	assert_int_equal(case_risks(f->db, &f->caseworker, c, a, &r, &n), MODEL_OK);
	assert_int_equal(n, 2);
	char *level = db_text(f->db, "SELECT risk_level FROM case_file WHERE id = ?", "i", c);
	assert_string_equal(level, "medium");
	free(level);
	arena_free(a);
}

static void only_a_team_leader_assigns_a_case_to_someone_else(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	char other[24], self[24];
	snprintf(other, sizeof other, "%lld", (long long)f->leader2.user_id);
	snprintf(self, sizeof self, "%lld", (long long)f->caseworker.user_id);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_assign(f->db, &f->caseworker, c, other, &e), MODEL_REFUSED);
	field_errors_init(&e);
	assert_int_equal(case_assign(f->db, &f->caseworker, c, self, &e), MODEL_OK);
	field_errors_init(&e);
	assert_int_equal(case_assign(f->db, &f->leader, c, other, &e), MODEL_OK);
	assert_int_equal(db_int(f->db, 0, "SELECT assigned_user_id FROM case_file WHERE id = ?", "i", c), f->leader2.user_id);
	/* a police officer is not a worker of the case's agency */
	char police[24];
	snprintf(police, sizeof police, "%lld", (long long)f->referrer.user_id);
	field_errors_init(&e);
	assert_int_equal(case_assign(f->db, &f->leader, c, police, &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "user_id"));
}

static void a_failed_intervention_leaves_nothing_half_saved(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	int64_t audits = fixture_count(f->db, "audit");
	int64_t updated = db_int(f->db, 0, "SELECT updated_at FROM case_file WHERE id = ?", "i", c);
	struct intervention_input in = {"arrest", "2999-01-01", "999999", "Arrested at the address"};
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(intervention_record(f->db, &f->caseworker, c, &in, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "occurred_on"));
	assert_non_null(field_errors_for(&e, "person_id"));
	assert_int_equal(fixture_count(f->db, "case_intervention"), 0);
	assert_int_equal(fixture_count(f->db, "audit"), audits);
	assert_int_equal(db_int(f->db, 0, "SELECT updated_at FROM case_file WHERE id = ?", "i", c), updated);
	struct intervention_input ok = {"arrest", "2026-01-05", NULL, "Arrested at the address"};
	field_errors_init(&e);
	assert_int_equal(intervention_record(f->db, &f->caseworker, c, &ok, &e, NULL), MODEL_OK);
	assert_int_equal(fixture_count(f->db, "case_intervention"), 1);
}

static void overdue_tasks_appear_first_in_the_owners_queue(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct task_input t1 = {"Fit new door", NULL, "2999-12-31"};
	struct field_errors e;
	field_errors_init(&e);
	int64_t id1 = 0;
	assert_int_equal(task_create(f->db, &f->caseworker, c, &t1, &e, &id1), MODEL_OK);
	/* a due date in the past is refused on entry, so age one directly */
	struct task_input t2 = {"Visit resident", NULL, "2999-01-01"};
	int64_t id2 = 0;
	assert_int_equal(task_create(f->db, &f->caseworker, c, &t2, &e, &id2), MODEL_OK);
	db_run(f->db, "UPDATE case_task SET due_on = '2000-01-01' WHERE id = ?", "i", id2);
	struct arena *a = arena_new();
	struct task *q;
	size_t n = task_queue(f->db, &f->caseworker, 50, a, &q);
	assert_int_equal(n, 2);
	assert_int_equal(q[0].id, id2);
	assert_true(q[0].overdue);
	assert_false(q[1].overdue);
	assert_int_equal(task_overdue_count(f->db, &f->caseworker), 1);
	assert_int_equal(task_queue(f->db, &f->leader, 50, a, &q), 0);
	field_errors_init(&e);
	assert_int_equal(task_complete(f->db, &f->caseworker, id2, &e), MODEL_OK);
	assert_int_equal(task_complete(f->db, &f->caseworker, id2, &e), MODEL_REFUSED);
	assert_int_equal(task_overdue_count(f->db, &f->caseworker), 0);
	arena_free(a);
}

static void the_chronology_lists_everything_in_date_order(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	struct intervention_input early = {"target_hardening", "2020-05-01", NULL, "New locks"};
	assert_int_equal(intervention_record(f->db, &f->caseworker, c, &early, &e, NULL), MODEL_OK);
	assert_int_equal(case_note_add(f->db, &f->caseworker, c, "Spoke to resident", &e, NULL), MODEL_OK);
	assert_int_equal(case_set_risk(f->db, &f->caseworker, c, "high", "Threats", &e), MODEL_OK);
	struct arena *a = arena_new();
	struct chronology_entry *ch;
	size_t n;
	assert_int_equal(chronology_for_case(f->db, &f->caseworker, c, a, &ch, &n), MODEL_OK);
	assert_true(n >= 6);
	assert_string_equal(ch[0].date, "2020-05-01");
	assert_string_equal(ch[0].kind, "intervention");
	for (size_t i = 1; i < n; i++) assert_true(strcmp(ch[i - 1].date, ch[i].date) <= 0);
	int seen_note = 0, seen_risk = 0, seen_referral = 0;
	for (size_t i = 0; i < n; i++) {
		seen_note |= !strcmp(ch[i].kind, "note");
		seen_risk |= !strcmp(ch[i].kind, "risk");
		seen_referral |= !strcmp(ch[i].kind, "referral");
	}
	assert_true(seen_note && seen_risk && seen_referral);
	assert_int_equal(chronology_for_case(f->db, &f->partner, c, a, &ch, &n), MODEL_NOT_FOUND);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_team_leader_cannot_approve_their_own_closure_request, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_caseworker_cannot_approve_a_closure, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(closing_a_closed_case_is_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_closure_request_validates_its_answers, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_closed_case_can_be_reopened_and_then_changed, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(risk_changes_keep_their_history, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(only_a_team_leader_assigns_a_case_to_someone_else, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_failed_intervention_leaves_nothing_half_saved, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(overdue_tasks_appear_first_in_the_owners_queue, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_chronology_lists_everything_in_date_order, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
