/* Referrals: submission validation, triage and refusals. */
#include <stdio.h>
#include "case_fixture.h"
#include "model/audit.h"
#include "model/validation.h"

static void a_valid_referral_is_stored_with_its_people_property_and_signs(void **state)
{
	struct fixture *f = *state;
	int64_t id = fixture_submit(f);
	assert_true(id > 0);
	assert_int_equal(fixture_count(f->db, "referral_person"), 2);
	assert_int_equal(fixture_count(f->db, "referral_sign"), 2);
	assert_int_equal(fixture_count(f->db, "property"), 1);
	char *pc = db_text(f->db, "SELECT postcode FROM property", "");
	assert_string_equal(pc, "SK5 7ZZ");
	free(pc);
	/* the receiving agency is the one with case staff */
	assert_int_equal(db_int(f->db, 0, "SELECT receiving_agency_id FROM referral WHERE id = ?", "i", id), f->council);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'referral.create'", ""), 1);
}

static void a_referral_with_bad_fields_names_each_field_and_stores_nothing(void **state)
{
	struct fixture *f = *state;
	struct referral_input in;
	fixture_referral_input(&in);
	in.property.postcode = "not a postcode";
	in.referred_on = "31/02/2026";
	in.people[1].person.family_name = "";
	in.people[1].role = "villain";
	in.lawful_basis = "consent";     /* consent was not asked */
	in.urgency = "";
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	assert_int_equal(referral_submit(f->db, &f->referrer, &in, &e, &id), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "postcode"));
	assert_non_null(field_errors_for(&e, "referred_on"));
	assert_non_null(field_errors_for(&e, "people[1].family_name"));
	assert_non_null(field_errors_for(&e, "people[1].role"));
	assert_non_null(field_errors_for(&e, "lawful_basis"));
	assert_non_null(field_errors_for(&e, "urgency"));
	assert_null(field_errors_for(&e, "people[0].family_name"));
	assert_int_equal(fixture_count(f->db, "referral"), 0);
	assert_int_equal(fixture_count(f->db, "person"), 0);
	assert_int_equal(fixture_count(f->db, "property"), 0);
}

static void a_referral_needs_a_sign_or_an_observation_and_a_person(void **state)
{
	struct fixture *f = *state;
	struct referral_input in;
	fixture_referral_input(&in);
	in.n_signs = 0;
	in.observations = "  ";
	in.n_people = 0;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(referral_submit(f->db, &f->referrer, &in, &e, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "signs"));
	assert_non_null(field_errors_for(&e, "people"));
}

static void an_analyst_cannot_submit_a_referral(void **state)
{
	struct fixture *f = *state;
	struct referral_input in;
	fixture_referral_input(&in);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(referral_submit(f->db, &f->analyst, &in, &e, NULL), MODEL_FORBIDDEN);
	assert_int_equal(fixture_count(f->db, "referral"), 0);
}

static void accepting_a_referral_opens_a_case_with_its_people_and_property(void **state)
{
	struct fixture *f = *state;
	int64_t case_id = fixture_case(f);
	assert_true(case_id > 0);
	char *ref = db_text(f->db, "SELECT reference FROM case_file WHERE id = ?", "i", case_id);
	assert_non_null(ref);
	assert_int_equal(strncmp(ref, "NG-", 3), 0);
	assert_int_equal(strlen(ref), strlen("NG-2026-00001"));
	free(ref);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_person WHERE case_id = ?", "i", case_id), 2);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_property WHERE case_id = ?", "i", case_id), 1);
	assert_int_equal(db_int(f->db, 0, "SELECT agency_id FROM case_file WHERE id = ?", "i", case_id), f->council);
	assert_int_equal(db_int(f->db, 0, "SELECT referring_agency_id FROM case_file WHERE id = ?", "i", case_id), f->police);
	char *tenure = db_text(f->db, "SELECT tenure FROM case_file WHERE id = ?", "i", case_id);
	assert_string_equal(tenure, "social");
	free(tenure);
}

static void accepting_a_referral_twice_is_refused_with_the_case_reference(void **state)
{
	struct fixture *f = *state;
	int64_t rid = fixture_submit(f);
	struct field_errors e;
	field_errors_init(&e);
	int64_t case_id = 0;
	assert_int_equal(referral_accept(f->db, &f->leader, rid, "Clear signs", &e, &case_id), MODEL_OK);
	field_errors_init(&e);
	int64_t again = 0;
	assert_int_equal(referral_accept(f->db, &f->leader2, rid, "Clear signs", &e, &again), MODEL_REFUSED);
	assert_int_equal(again, 0);
	assert_non_null(strstr(field_errors_first(&e), "already been accepted"));
	assert_int_equal(fixture_count(f->db, "case_file"), 1);
	/* and a signposted referral cannot then be accepted */
	int64_t rid2 = fixture_submit(f);
	field_errors_init(&e);
	assert_int_equal(referral_signpost(f->db, &f->caseworker, rid2, "Adult social care lead", &e), MODEL_OK);
	field_errors_init(&e);
	assert_int_equal(referral_accept(f->db, &f->leader, rid2, "Changed my mind", &e, NULL), MODEL_REFUSED);
	assert_non_null(strstr(field_errors_first(&e), "Signposted"));
	assert_int_equal(fixture_count(f->db, "case_file"), 1);
}

static void a_triage_decision_needs_a_reason(void **state)
{
	struct fixture *f = *state;
	int64_t rid = fixture_submit(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(referral_pass_to_asb(f->db, &f->leader, rid, "   ", &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "reason"));
	char *status = db_text(f->db, "SELECT status FROM referral WHERE id = ?", "i", rid);
	assert_string_equal(status, "submitted");
	free(status);
	field_errors_init(&e);
	assert_int_equal(referral_pass_to_asb(f->db, &f->leader, rid, "Resident refuses to engage", &e), MODEL_OK);
	status = db_text(f->db, "SELECT status FROM referral WHERE id = ?", "i", rid);
	assert_string_equal(status, "passed_to_asb");
	free(status);
}

static void the_referrer_cannot_triage_their_own_referral(void **state)
{
	struct fixture *f = *state;
	int64_t rid = fixture_submit(f);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(referral_accept(f->db, &f->referrer, rid, "Please", &e, NULL), MODEL_FORBIDDEN);
	field_errors_init(&e);
	assert_int_equal(referral_accept(f->db, &f->partner, rid, "Please", &e, NULL), MODEL_NOT_FOUND);
	assert_int_equal(fixture_count(f->db, "case_file"), 0);
}

static void the_referrer_sees_only_the_status_of_their_referral(void **state)
{
	struct fixture *f = *state;
	int64_t case_id = fixture_case(f);
	int64_t rid = db_int(f->db, 0, "SELECT id FROM referral WHERE case_id = ?", "i", case_id);
	struct arena *a = arena_new();
	struct referral r;
	assert_int_equal(referral_get(f->db, &f->referrer, rid, a, &r), MODEL_OK);
	assert_int_equal(r.access, ACCESS_STATUS);
	assert_string_equal(r.status, "accepted");
	assert_string_equal(r.case_status, "open");
	assert_null(r.people);
	assert_int_equal(r.n_people, 0);
	assert_null(r.observations);
	assert_null(r.case_reference);
	assert_int_equal(r.has_property, 0);
	/* the case itself is not readable by the referrer */
	struct case_file c;
	assert_int_equal(case_get(f->db, &f->referrer, case_id, a, &c), MODEL_NOT_FOUND);
	assert_int_equal(case_access(f->db, &f->referrer, case_id), ACCESS_STATUS);
	/* the triage team sees everything */
	assert_int_equal(referral_get(f->db, &f->leader, rid, a, &r), MODEL_OK);
	assert_int_equal(r.n_people, 2);
	assert_true(r.has_property);
	assert_int_equal(r.n_signs, 2);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_valid_referral_is_stored_with_its_people_property_and_signs, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_referral_with_bad_fields_names_each_field_and_stores_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_referral_needs_a_sign_or_an_observation_and_a_person, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(an_analyst_cannot_submit_a_referral, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(accepting_a_referral_opens_a_case_with_its_people_and_property, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(accepting_a_referral_twice_is_refused_with_the_case_reference, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_triage_decision_needs_a_reason, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_referrer_cannot_triage_their_own_referral, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_referrer_sees_only_the_status_of_their_referral, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
