/* Retention, with a clock the test moves (no sleeping): the review queue shows what has passed
 * its period; the purge deletes or anonymises it so that the database file and its WAL hold
 * none of its text, keeps what is held or not yet due, and audits ids and counts only. */
#include "governance_fixture.h"
#include "model/case_list.h"
#include "model/audit.h"
#include "model/retention.h"
#include "model/case_share.h"

static const struct actor cli_actor = {0, 0, 0, "cli"};

/* Close case C: requested with a reason holding TAG, approved today (test clock). */
static void close_case(struct fixture *f, int64_t c, const char *tag)
{
	struct arena *a = arena_new();
	struct case_closure_input in = {"yes", "yes", "no", arena_printf(a, "Resolved %sclosure", tag)};
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_request_closure(f->db, &f->caseworker, c, &in, &e), MODEL_OK);
	assert_int_equal(case_approve_closure(f->db, &f->leader, c, &e), MODEL_OK);
	arena_free(a);
}

/* A referral naming people with TAG, signposted today. */
static int64_t declined_referral(struct fixture *f, const char *tag)
{
	struct arena *a = arena_new();
	struct referral_input in;
	fixture_referral_input(&in);
	in.observations = arena_printf(a, "Noticed %sobserved", tag);
	in.people[0].person.family_name = arena_printf(a, "%sfamily", tag);
	in.property.address_line1 = arena_printf(a, "2 %sstreet", tag);
	struct field_errors e;
	field_errors_init(&e);
	int64_t rid = 0;
	assert_int_equal(referral_submit(f->db, &f->referrer, &in, &e, &rid), MODEL_OK);
	assert_int_equal(referral_signpost(f->db, &f->leader, rid, arena_printf(a, "Adult care %striage", tag), &e), MODEL_OK);
	arena_free(a);
	return rid;
}

static size_t due_of_type(struct fixture *f, const char *as_of, const char *type, int64_t id)
{
	struct arena *a = arena_new();
	struct retention_item *it;
	size_t n = retention_review(f->db, &cli_actor, as_of, a, &it), count = 0;
	for (size_t i = 0; i < n; i++) count += !strcmp(it[i].record_type, type) && (!id || it[i].id == id);
	arena_free(a);
	return count;
}

static void the_review_queue_shows_records_only_once_their_period_has_passed(void **state)
{
	struct fixture *f = *state;
	int64_t c = seed_tagged_case(f, "Qwoxreview", NULL);
	close_case(f, c, "Qwoxreview");
	int64_t r = declined_referral(f, "Qwoxdeclined");
	assert_int_equal(due_of_type(f, NULL, "closed_case", c), 0);
	assert_int_equal(due_of_type(f, NULL, "declined_referral", r), 0);
	clock_set_days(366);   /* a year and a day: the declined referral (12 months) is due */
	assert_int_equal(due_of_type(f, NULL, "declined_referral", r), 1);
	assert_int_equal(due_of_type(f, NULL, "closed_case", c), 0);
	clock_set_days(6 * 365 + 2);   /* six years after closure: the case too */
	assert_int_equal(due_of_type(f, NULL, "closed_case", c), 1);
	/* a team leader sees the queue of their own agency; the police referrer's agency has none */
	struct arena *a = arena_new();
	struct retention_item *it;
	assert_int_equal(retention_review(f->db, &f->leader, NULL, a, &it), 2);
	assert_int_equal(retention_review(f->db, &f->caseworker, NULL, a, &it), 0);
	arena_free(a);
	/* an administrator shortens the period: due sooner */
	clock_set_days(30);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(retention_rule_set(f->db, &f->leader, "declined_referral", "1", "delete", &e), MODEL_FORBIDDEN);
	assert_int_equal(retention_rule_set(f->db, &f->admin, "declined_referral", "0", "delete", &e), MODEL_INVALID);
	field_errors_init(&e);
	assert_int_equal(retention_rule_set(f->db, &f->admin, "declined_referral", "1", "delete", &e), MODEL_OK);
	assert_int_equal(due_of_type(f, NULL, "declined_referral", r), 1);
}

static void a_purge_removes_the_text_from_the_database_file_and_its_wal(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	/* a closed case shared with the housing provider (to delete), one to anonymise, one still open */
	int64_t gone_referral = 0;
	int64_t gone = seed_tagged_case(f, "Zvqgone", &gone_referral);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	static const char *const all[] = {"all", NULL};
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, gone, f->housing, g, all, 0, 30, &e, NULL), MODEL_OK);
	close_case(f, gone, "Zvqgone");
	int64_t anon = seed_tagged_case(f, "Zvqanon", NULL);
	close_case(f, anon, "Zvqanon");
	int64_t kept = seed_tagged_case(f, "Zvqkept", NULL);
	int64_t declined = declined_referral(f, "Zvqdeclined");
	assert_true(database_contains("Zvqgoneresident"));   /* names are stored in clear until purged */
	assert_true(database_contains("Zvqdeclinedfamily"));

	/* the first case is deleted outright; the second under the default rule is anonymised */
	clock_set_days(6 * 365 + 10);
	char *anon_ref = db_text(f->db, "SELECT reference FROM case_file WHERE id = ?", "i", anon);
	struct retention_result res;
	field_errors_init(&e);
	assert_int_equal(retention_rule_set(f->db, &f->admin, "closed_case", "72", "delete", &e), MODEL_OK);
	/* ...by holding it first, purging, then letting the hold lapse with the rule set to anonymise */
	assert_int_equal(retention_hold(f->db, &f->leader, "closed_case", anon, day_from_today(a, 30), "Complaint open", &e), MODEL_OK);
	assert_int_equal(retention_purge(f->db, &f->admin, NULL, &res, &e), MODEL_OK);
	assert_int_equal(res.cases_deleted, 1);
	assert_int_equal(res.referrals_deleted, 1);
	assert_int_equal(res.held, 1);
	assert_true(res.people_deleted >= 4);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE id = ?", "i", gone), 0);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM referral WHERE id IN (?, ?)", "ii", gone_referral, declined), 0);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_share", ""), 0);

	field_errors_init(&e);
	assert_int_equal(retention_rule_set(f->db, &f->admin, "closed_case", "72", "anonymise", &e), MODEL_OK);
	clock_set_days(6 * 365 + 41);
	assert_int_equal(retention_purge(f->db, &f->admin, NULL, &res, &e), MODEL_OK);
	assert_int_equal(res.cases_anonymised, 1);
	/* the shell of the anonymised case stays for statistics: reference, dates, types, risk level */
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE id = ? AND anonymised_at IS NOT NULL"
		" AND risk_level = 'high' AND closed_on IS NOT NULL", "i", anon), 1);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_intervention WHERE case_id = ?", "i", anon), 1);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_person WHERE case_id = ?", "i", anon), 0);
	assert_non_null(anon_ref);
	free(anon_ref);
	/* and it is not due again */
	assert_int_equal(due_of_type(f, NULL, "closed_case", anon), 0);

	/* the raw bytes: nothing of the purged records, everything of the open case */
	static const char *const purged[] = {"Zvqgone", "Zvqanon", "Zvqdeclined"};
	for (size_t i = 0; i < sizeof purged / sizeof purged[0]; i++) {
		if (database_contains(purged[i])) fail_msg("the database file or WAL still holds %s", purged[i]);
	}
	assert_true(database_contains("Zvqkeptresident"));
	struct case_note *notes;
	size_t n;
	assert_int_equal(case_note_list(f->db, &f->caseworker, kept, a, &notes, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(notes[0].body, "Zvqkeptnote"));
	/* the erasures are in the audit, by id */
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)gone);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'case.erase' AND record_id = ?", "t", rid), 1);
	snprintf(rid, sizeof rid, "%lld", (long long)anon);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'case.anonymise' AND record_id = ?", "t", rid), 1);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'retention.purge'", ""), 2);
	char why[200];
	int64_t bad;
	assert_int_equal(audit_verify(f->db, NULL, &bad, why, sizeof why), 0);
	arena_free(a);
}

static void a_purge_as_of_a_later_date_needs_no_clock_and_leaves_open_cases_alone(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = seed_tagged_case(f, "Wqxfuture", NULL);
	close_case(f, c, "Wqxfuture");
	int64_t open = seed_tagged_case(f, "Wqxopen", NULL);
	struct retention_result res;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(retention_purge(f->db, &cli_actor, "not a date", &res, &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "as_of"));
	assert_int_equal(retention_purge(f->db, &f->leader, day_from_today(a, 3000), &res, &e), MODEL_FORBIDDEN);
	field_errors_init(&e);
	assert_int_equal(retention_purge(f->db, &cli_actor, day_from_today(a, 3000), &res, &e), MODEL_OK);
	assert_int_equal(res.cases_anonymised, 1);
	assert_false(database_contains("Wqxfuture"));
	assert_true(database_contains("Wqxopen"));
	assert_int_equal(case_access(f->db, &f->caseworker, open), ACCESS_WRITE);
	arena_free(a);
}

static void a_person_on_another_case_survives_the_purge_of_one_of_their_cases(void **state)
{
	struct fixture *f = *state;
	int64_t c = seed_tagged_case(f, "Yqpshared", NULL);
	int64_t other = seed_tagged_case(f, "Yqpother", NULL);
	int64_t resident = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", "i", c);
	struct field_errors e;
	field_errors_init(&e);
	char pid[24];
	snprintf(pid, sizeof pid, "%lld", (long long)resident);
	assert_int_equal(case_add_person(f->db, &f->caseworker, other, pid, "family_member", &e), MODEL_OK);
	close_case(f, c, "Yqpshared");
	clock_set_days(6 * 365 + 5);
	struct retention_result res;
	assert_int_equal(retention_purge(f->db, &cli_actor, NULL, &res, &e), MODEL_OK);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM person WHERE id = ?", "i", resident), 1);
	assert_true(database_contains("Yqpsharedresident"));   /* still held, lawfully: the other case */
	assert_false(database_contains("Yqpsharednote"));
	assert_false(database_contains("Yqpsharedperp"));
}

static int setup(void **state)
{
	clock_install();
	return fixture_setup_file(state);
}

static int teardown(void **state)
{
	clock_set_days(0);
	return fixture_teardown(state);
}

static int group_teardown(void **state)
{
	(void)state;
	clock_remove();
	fixture_remove_files();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_review_queue_shows_records_only_once_their_period_has_passed, setup, teardown),
		cmocka_unit_test_setup_teardown(a_purge_removes_the_text_from_the_database_file_and_its_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(a_purge_as_of_a_later_date_needs_no_clock_and_leaves_open_cases_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(a_person_on_another_case_survives_the_purge_of_one_of_their_cases, setup, teardown),
	};
	return cmocka_run_group_tests_name("retention", tests, NULL, group_teardown);
}
