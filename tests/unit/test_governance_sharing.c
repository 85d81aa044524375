/* Need-to-know sharing: another agency sees a case only through a share in force, only the
 * sections shared, special-category details only when shared and their role is named; an
 * expired share or an agreement that has ended gives nothing; lists and searches follow. */
#include "governance_fixture.h"
#include "model/audit.h"
#include "model/case_list.h"
#include "model/chronology.h"
#include "model/intervention.h"
#include "model/person.h"
#include "model/task.h"

static const char *const all[] = {"all", NULL};
static const char *const people_only[] = {"people", NULL};

/* A case with a note, a special-category (drug use) note and a task. */
static int64_t case_with_records(struct fixture *f, int64_t *special_note)
{
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_note_add(f->db, &f->caseworker, c, "Ordinary note MARKER-NOTE", &e, NULL), MODEL_OK);
	assert_int_equal(case_note_add_marked(f->db, &f->caseworker, c, "Resident uses heroin MARKER-SPECIAL", "drug_use", &e,
		special_note), MODEL_OK);
	struct task_input t = {"Visit MARKER-TASK", "", NULL};
	struct arena *a = arena_new();
	t.due_on = day_from_today(a, 3);
	assert_int_equal(task_create(f->db, &f->caseworker, c, &t, &e, NULL), MODEL_OK);
	arena_free(a);
	return c;
}

static void another_agency_sees_nothing_of_a_case_until_it_is_shared(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = case_with_records(f, NULL);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	struct case_file cf;
	assert_int_equal(case_get(f->db, &f->partner, c, a, &cf), MODEL_NOT_FOUND);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 30, &e, NULL), MODEL_OK);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_READ);
	assert_int_equal(case_get(f->db, &f->partner, c, a, &cf), MODEL_OK);
	assert_true(cf.via_share);
	/* reading, never changing */
	field_errors_init(&e);
	assert_int_equal(case_note_add(f->db, &f->partner, c, "partner note", &e, NULL), MODEL_FORBIDDEN);
	/* the police referrer, an analyst and an administrator still see nothing beyond the status */
	assert_int_equal(case_access(f->db, &f->referrer, c), ACCESS_STATUS);
	assert_int_equal(case_access(f->db, &f->analyst, c), ACCESS_NONE);
	assert_int_equal(case_access(f->db, &f->admin, c), ACCESS_NONE);
	arena_free(a);
}

static void a_share_of_chosen_sections_shows_those_and_nothing_else(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = case_with_records(f, NULL);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, people_only, 0, 30, &e, NULL), MODEL_OK);
	struct case_person_item *people;
	size_t n;
	assert_int_equal(case_people(f->db, &f->partner, c, a, &people, &n), MODEL_OK);
	assert_int_equal(n, 2);
	/* a person on the shared case may be opened; the property may not */
	assert_int_equal(person_access(f->db, &f->partner, people[0].person.id), ACCESS_READ);
	int64_t property = db_int(f->db, 0, "SELECT property_id FROM case_property WHERE case_id = ?", "i", c);
	assert_int_equal(property_access(f->db, &f->partner, property), ACCESS_NONE);
	struct case_note *notes;
	assert_int_equal(case_note_list(f->db, &f->partner, c, a, &notes, &n), MODEL_NOT_FOUND);
	struct task *tasks;
	assert_int_equal(task_list_for_case(f->db, &f->partner, c, a, &tasks, &n), MODEL_NOT_FOUND);
	struct chronology_entry *ch;
	assert_int_equal(chronology_for_case(f->db, &f->partner, c, a, &ch, &n), MODEL_NOT_FOUND);
	struct case_file cf;
	assert_int_equal(case_get(f->db, &f->partner, c, a, &cf), MODEL_OK);
	assert_int_equal(cf.sections, CASE_SECTION_PEOPLE);
	arena_free(a);
}

static void an_expired_share_gives_no_access(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = case_with_records(f, NULL);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 10, &e, NULL), MODEL_OK);
	clock_set_days(10);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_READ);   /* the last day still counts */
	clock_set_days(11);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	struct case_share *shares;
	size_t n;
	assert_int_equal(case_share_list(f->db, &f->caseworker, c, a, &shares, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_string_equal(shares[0].state, "expired");
	clock_set_days(0);
	arena_free(a);
}

static void an_agreement_that_has_ended_suspends_its_shares(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = case_with_records(f, NULL);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 20);
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 20, &e, NULL), MODEL_OK);
	/* an agreement ending earlier than its shares: update it to end in 5 days */
	struct agreement_input in = {0};
	in.title = "Test agreement";
	in.purpose = "Protecting people from cuckooing";
	in.lawful_basis = "s115";
	in.starts_on = day_from_today(a, -1);
	in.review_on = day_from_today(a, 2);
	in.ends_on = day_from_today(a, 5);
	in.party_ids[0] = arena_printf(a, "%lld", (long long)f->council);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)f->housing);
	in.n_parties = 2;
	field_errors_init(&e);
	assert_int_equal(agreement_update(f->db, &f->leader, g, &in, &e), MODEL_OK);
	clock_set_days(5);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_READ);
	clock_set_days(6);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	struct case_share *shares;
	size_t n;
	assert_int_equal(case_share_list(f->db, &f->caseworker, c, a, &shares, &n), MODEL_OK);
	assert_string_equal(shares[0].state, "suspended");
	/* and no new share can be made under it */
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 1, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "agreement_id"));
	clock_set_days(0);
	/* removing the recipient from the parties suspends the share too */
	in.ends_on = day_from_today(a, 20);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)f->police);
	field_errors_init(&e);
	assert_int_equal(agreement_update(f->db, &f->admin, g, &in, &e), MODEL_OK);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	arena_free(a);
}

static void a_revoked_share_stops_access_at_once_and_both_are_audited(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = case_with_records(f, NULL);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	struct field_errors e;
	int64_t share = 0;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 30, &e, &share), MODEL_OK);
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)c);
	char *detail = db_text(f->db, "SELECT detail FROM (" AUDIT_TRAIL ") WHERE action = 'case.share' AND record_id = ?", "t", rid);
	assert_non_null(detail);
	char agency[32];
	snprintf(agency, sizeof agency, "agency %lld", (long long)f->housing);
	assert_non_null(strstr(detail, agency));   /* the recipient */
	free(detail);
	char *purpose = db_text(f->db, "SELECT purpose FROM (" AUDIT_TRAIL ") WHERE action = 'case.share' AND record_id = ?", "t", rid);
	assert_non_null(strstr(purpose, "s115"));  /* the justification */
	free(purpose);
	/* the partner cannot revoke; the owner's caseworker can, once */
	field_errors_init(&e);
	assert_int_equal(case_share_revoke(f->db, &f->partner, c, share, &e), MODEL_FORBIDDEN);
	assert_int_equal(case_share_revoke(f->db, &f->caseworker, c, share, &e), MODEL_OK);
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	field_errors_init(&e);
	assert_int_equal(case_share_revoke(f->db, &f->caseworker, c, share, &e), MODEL_REFUSED);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'case.share.revoke'", ""), 1);
	arena_free(a);
}

static void special_category_details_need_a_named_role_and_a_share_that_includes_them(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t special = 0;
	int64_t c = case_with_records(f, &special);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	struct field_errors e;
	int64_t share = 0;
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 30, &e, &share), MODEL_OK);
	struct case_note *notes;
	size_t n;
	assert_int_equal(case_note_list(f->db, &f->partner, c, a, &notes, &n), MODEL_OK);
	assert_int_equal(n, 2);
	int withheld = 0;
	for (size_t i = 0; i < n; i++) {
		if (notes[i].id == special) {
			assert_true(notes[i].withheld);
			assert_null(strstr(notes[i].body, "MARKER-SPECIAL"));
			withheld++;
		} else {
			assert_non_null(strstr(notes[i].body, "MARKER-NOTE"));
		}
	}
	assert_int_equal(withheld, 1);
	/* the chronology withholds it too */
	struct chronology_entry *ch;
	assert_int_equal(chronology_for_case(f->db, &f->partner, c, a, &ch, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++) assert_null(strstr(ch[i].detail, "MARKER-SPECIAL"));
	/* a share that includes special categories: the partner (caseworker role) sees it */
	assert_int_equal(case_share_revoke(f->db, &f->caseworker, c, share, &e), MODEL_OK);
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 1, 30, &e, NULL), MODEL_OK);
	assert_int_equal(case_note_list(f->db, &f->partner, c, a, &notes, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++) assert_false(notes[i].withheld);
	/* a user of the same agency with the partner role only is not named for drug use */
	struct actor partner_only = fixture_user(f->db, "p2@housing.test", "Pip Officer", f->housing, ROLE_PARTNER);
	assert_int_equal(case_note_list(f->db, &partner_only, c, a, &notes, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++) assert_int_equal(notes[i].withheld, notes[i].id == special);
	/* the owner's team leader sees it, until an administrator names only caseworkers */
	assert_int_equal(case_note_list(f->db, &f->leader, c, a, &notes, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++) assert_false(notes[i].withheld);
	db_run(f->db, "UPDATE special_category SET roles = ? WHERE code = 'drug_use'", "i", (int64_t)ROLE_CASEWORKER);
	assert_int_equal(case_note_list(f->db, &f->leader, c, a, &notes, &n), MODEL_OK);
	for (size_t i = 0; i < n; i++) assert_int_equal(notes[i].withheld, notes[i].id == special);
	arena_free(a);
}

static void an_intervention_of_a_special_kind_is_withheld_with_its_kind(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = fixture_case(f);
	struct field_errors e;
	field_errors_init(&e);
	struct intervention_input in = {"substance_misuse_referral", day_from_today(a, 0), NULL, "Referred MARKER-IV"};
	assert_int_equal(intervention_record(f->db, &f->caseworker, c, &in, &e, NULL), MODEL_OK);
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 30, &e, NULL), MODEL_OK);
	struct intervention *iv;
	size_t n;
	assert_int_equal(intervention_list(f->db, &f->partner, c, a, &iv, &n), MODEL_OK);
	assert_int_equal(n, 1);
	assert_true(iv[0].withheld);
	assert_string_equal(iv[0].details, "");
	assert_null(strstr(iv[0].kind_label, "substance"));
	assert_int_equal(intervention_list(f->db, &f->caseworker, c, a, &iv, &n), MODEL_OK);
	assert_false(iv[0].withheld);
	assert_string_equal(iv[0].details, "Referred MARKER-IV");
	arena_free(a);
}

static void the_case_list_shows_a_partner_only_shared_cases_and_searches_only_shared_sections(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t shared = fixture_case(f);
	fixture_case(f);   /* not shared */
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 365);
	static const char *const risk_only[] = {"risk", NULL};
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, shared, f->housing, g, risk_only, 0, 30, &e, NULL), MODEL_OK);
	struct case_filter_input in = {0};
	struct case_list list;
	field_errors_init(&e);
	assert_int_equal(case_list_query(f->db, &f->partner, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	assert_int_equal(list.rows[0].id, shared);
	assert_string_equal(list.rows[0].resident_name, "");   /* people were not shared */
	/* the fixture's resident is Alan Testperson: searching the name finds nothing for the partner */
	in.q = "Testperson";
	assert_int_equal(case_list_query(f->db, &f->partner, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 0);
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 2);
	/* a partner-only user (no caseworker role) sees the shared case in the list too */
	struct actor partner_only = fixture_user(f->db, "p3@housing.test", "Pat Officer", f->housing, ROLE_PARTNER);
	in.q = NULL;
	assert_int_equal(case_list_query(f->db, &partner_only, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	/* the analyst sees no case at all */
	assert_int_equal(case_list_query(f->db, &f->analyst, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 0);
	arena_free(a);
}

static void a_share_is_refused_without_an_agreement_naming_both_agencies_or_beyond_its_end(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t c = fixture_case(f);
	int64_t police_only = fixture_agreement(f, a, f->council, f->police, 30);
	struct field_errors e;
	assert_int_equal(fixture_share(f, a, c, f->housing, police_only, all, 0, 10, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "agreement_id"));
	int64_t g = fixture_agreement(f, a, f->council, f->housing, 30);
	assert_int_equal(fixture_share(f, a, c, f->housing, g, all, 0, 31, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "expires_on"));
	assert_int_equal(fixture_share(f, a, c, f->council, g, all, 0, 10, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "agency_id"));
	/* the fixture's referral did not ask for consent: consent cannot be the basis */
	struct share_input in = {0};
	in.agency_id = arena_printf(a, "%lld", (long long)f->housing);
	in.agreement_id = arena_printf(a, "%lld", (long long)g);
	in.lawful_basis = "consent";
	in.purpose = "Support";
	in.expires_on = day_from_today(a, 5);
	in.sections[0] = "notes";
	in.n_sections = 1;
	field_errors_init(&e);
	assert_int_equal(case_share_create(f->db, &f->caseworker, c, &in, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "lawful_basis"));
	/* nothing was stored by any of the refusals */
	assert_int_equal(fixture_count(f->db, "case_share"), 0);
	/* another agency's worker cannot share a case they cannot see */
	field_errors_init(&e);
	in.lawful_basis = "s115";
	assert_int_equal(case_share_create(f->db, &f->partner, c, &in, &e, NULL), MODEL_NOT_FOUND);
	arena_free(a);
}

static void a_team_leader_records_agreements_only_for_their_own_agency(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	struct agreement_input in = {0};
	in.title = "Police and housing";
	in.purpose = "Tenancy enforcement";
	in.lawful_basis = "s115";
	in.starts_on = day_from_today(a, 0);
	in.review_on = day_from_today(a, 10);
	in.ends_on = day_from_today(a, 5);    /* before the start? no: before the review date is fine */
	in.party_ids[0] = arena_printf(a, "%lld", (long long)f->police);
	in.party_ids[1] = arena_printf(a, "%lld", (long long)f->housing);
	in.n_parties = 2;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(agreement_create(f->db, &f->leader, &in, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "party_ids"));
	field_errors_init(&e);
	assert_int_equal(agreement_create(f->db, &f->caseworker, &in, &e, NULL), MODEL_FORBIDDEN);
	in.ends_on = day_from_today(a, -3);
	field_errors_init(&e);
	assert_int_equal(agreement_create(f->db, &f->admin, &in, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "ends_on"));
	assert_int_equal(fixture_count(f->db, "sharing_agreement"), 0);
	arena_free(a);
}

static int setup(void **state)
{
	clock_install();
	return fixture_setup(state);
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
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(another_agency_sees_nothing_of_a_case_until_it_is_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(a_share_of_chosen_sections_shows_those_and_nothing_else, setup, teardown),
		cmocka_unit_test_setup_teardown(an_expired_share_gives_no_access, setup, teardown),
		cmocka_unit_test_setup_teardown(an_agreement_that_has_ended_suspends_its_shares, setup, teardown),
		cmocka_unit_test_setup_teardown(a_revoked_share_stops_access_at_once_and_both_are_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(special_category_details_need_a_named_role_and_a_share_that_includes_them, setup, teardown),
		cmocka_unit_test_setup_teardown(an_intervention_of_a_special_kind_is_withheld_with_its_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(the_case_list_shows_a_partner_only_shared_cases_and_searches_only_shared_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(a_share_is_refused_without_an_agreement_naming_both_agencies_or_beyond_its_end, setup, teardown),
		cmocka_unit_test_setup_teardown(a_team_leader_records_agreements_only_for_their_own_agency, setup, teardown),
	};
	return cmocka_run_group_tests_name("need-to-know sharing", tests, NULL, group_teardown);
}
