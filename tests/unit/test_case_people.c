/* People: Soundex, duplicate warnings, merging; and who may see a case and its people. */
#include "case_fixture.h"
#include "model/audit.h"
#include "model/case_list.h"
#include "model/person.h"
#include "model/search_terms.h"
#include "util/soundex.h"

static void soundex_codes_match_the_published_examples(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Robert", "R163"}, {"Rupert", "R163"}, {"Rubin", "R150"}, {"Ashcraft", "A261"}, {"Ashcroft", "A261"},
		{"Tymczak", "T522"}, {"Pfister", "P236"}, {"Honeyman", "H555"}, {"Lee", "L000"}, {"O'Brien", "O165"},
		{"Zoë", "Z000"}, {"Smith", "S530"}, {"Smyth", "S530"}, {"", ""}, {"123", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[5];
		soundex(cases[i][0], out);
		assert_string_equal(out, cases[i][1]);
	}
}

static int64_t add_person(struct fixture *f, const char *given, const char *family, const char *dob)
{
	struct person_input in = {given, family, NULL, dob};
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	assert_int_equal(person_create(f->db, &f->caseworker, &in, &e, &id), MODEL_OK);
	return id;
}

static void duplicate_warnings_find_names_that_sound_the_same(void **state)
{
	struct fixture *f = *state;
	int64_t smyth = add_person(f, "Jon", "Smyth", "1980-02-01");
	int64_t other_dob = add_person(f, "Jonathan", "Smith", "1975-05-05");
	add_person(f, "Mary", "Jones", NULL);
	struct arena *a = arena_new();
	struct person p = {0};
	p.given_name = "John";
	p.family_name = "Smith";
	p.date_of_birth = "1980-02-01";
	struct person_match *m;
	size_t n = person_find_duplicates(f->db, &f->caseworker, &p, 0, a, &m);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].person.id, smyth);
	assert_non_null(strstr(m[0].why, "sounds the same"));
	/* same date of birth and given name, a different family name (married, say) */
	p.family_name = "Brown";
	n = person_find_duplicates(f->db, &f->caseworker, &p, 0, a, &m);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].person.id, smyth);
	/* another agency is never told about our people */
	p.family_name = "Smith";
	assert_int_equal(person_find_duplicates(f->db, &f->partner, &p, 0, a, &m), 0);
	(void)other_dob;
	arena_free(a);
}

static void merging_people_moves_their_case_links_and_is_audited_as_combination(void **state)
{
	struct fixture *f = *state;
	int64_t c1 = fixture_case(f);
	int64_t c2 = fixture_case(f);
	/* both referrals named "Alan Testperson": two records */
	int64_t keep = db_int(f->db, 0, "SELECT min(id) FROM person WHERE family_name = 'Testperson'", "");
	int64_t dup = db_int(f->db, 0, "SELECT max(id) FROM person WHERE family_name = 'Testperson'", "");
	assert_true(keep != dup);
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(person_merge(f->db, &f->caseworker, keep, dup, &e), MODEL_FORBIDDEN);
	assert_int_equal(person_merge(f->db, &f->leader, keep, keep, &e), MODEL_REFUSED);
	field_errors_init(&e);
	assert_int_equal(person_merge(f->db, &f->leader, keep, dup, &e), MODEL_OK);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_person WHERE person_id = ?", "i", dup), 0);
	assert_int_equal(db_int(f->db, 0, "SELECT count(DISTINCT case_id) FROM case_person WHERE person_id = ?", "i", keep), 2);
	assert_int_equal(db_int(f->db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", dup), keep);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'person.merge'"
		" AND detail LIKE 'combination:%'", ""), 2);
	/* the survivor is visible from each case */
	struct arena *a = arena_new();
	struct person_case *pc;
	assert_int_equal(person_cases(f->db, &f->caseworker, keep, a, &pc), 2);
	struct case_person_item *items;
	size_t n;
	assert_int_equal(case_people(f->db, &f->caseworker, c1, a, &items, &n), MODEL_OK);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (items[i].person.id == keep) { found = 1; assert_int_equal(items[i].other_cases, 1); }
	assert_true(found);
	/* merging again is refused */
	field_errors_init(&e);
	assert_int_equal(person_merge(f->db, &f->leader, keep, dup, &e), MODEL_REFUSED);
	(void)c2;
	arena_free(a);
}

static void another_agency_cannot_see_the_case_or_its_people(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	int64_t person = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? LIMIT 1", "i", c);
	int64_t property = db_int(f->db, 0, "SELECT property_id FROM case_property WHERE case_id = ?", "i", c);
	struct arena *a = arena_new();
	struct case_file cf;
	struct person p;
	struct property pr;
	assert_int_equal(case_access(f->db, &f->partner, c), ACCESS_NONE);
	assert_int_equal(case_get(f->db, &f->partner, c, a, &cf), MODEL_NOT_FOUND);
	assert_int_equal(person_get(f->db, &f->partner, person, a, &p), MODEL_NOT_FOUND);
	assert_int_equal(property_get(f->db, &f->partner, property, a, &pr), MODEL_NOT_FOUND);
	/* nor an analyst or administrator of the owning agency: aggregates only */
	assert_int_equal(case_get(f->db, &f->analyst, c, a, &cf), MODEL_NOT_FOUND);
	assert_int_equal(case_get(f->db, &f->admin, c, a, &cf), MODEL_NOT_FOUND);
	/* the list agrees with the per-record rule */
	struct case_filter_input in = {0};
	struct case_list list;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_list_query(f->db, &f->partner, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 0);
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	struct person *found;
	assert_int_equal(person_search(f->db, &f->partner, "Testperson", 10, a, &found), 0);
	assert_int_equal(person_search(f->db, &f->caseworker, "testperson", 10, a, &found), 1);
	/* a changing operation answers not found, and changes nothing */
	int64_t audits = fixture_count(f->db, "audit");
	assert_int_equal(case_set_risk(f->db, &f->partner, c, "high", "x", &e), MODEL_NOT_FOUND);
	assert_int_equal(fixture_count(f->db, "case_risk"), 0);
	assert_int_equal(fixture_count(f->db, "audit"), audits);
	/* the owning caseworker's view is audited */
	assert_int_equal(case_get(f->db, &f->caseworker, c, a, &cf), MODEL_OK);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'case.view' AND user_id = ?", "i",
		f->caseworker.user_id), 1);
	arena_free(a);
}

static void a_postcode_typed_with_its_space_is_searched_as_one_term(void **state)
{
	(void)state;
	struct search_terms t;
	search_terms_init(&t);
	search_terms_add_query(&t, "SK5 7AA  O'Brien");
	assert_int_equal(t.count, 2);
	assert_string_equal(t.term[0], "sk57aa");
	assert_string_equal(t.term[1], "obrien");
	search_terms_init(&t);
	search_terms_add_query(&t, "Flat 3 Zoë Road");
	assert_int_equal(t.count, 4);
	assert_string_equal(t.term[2], "zoe");
}

static void people_added_to_a_case_make_it_findable_and_merges_keep_it_so(void **state)
{
	struct fixture *f = *state;
	int64_t c = fixture_case(f);
	struct arena *a = arena_new();
	struct field_errors e;
	field_errors_init(&e);
	struct case_filter_input in = {0};
	struct case_list list;
	in.q = "Quixotic";
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 0);
	struct person_input pin = {"Zara", "Quixotic", NULL, NULL};
	int64_t pid = 0;
	assert_int_equal(case_add_new_person(f->db, &f->caseworker, c, &pin, "associate", &e, &pid), MODEL_OK);
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	/* a second record of her, merged into the first: the case is still found by either name */
	struct person_input pin2 = {"Zarah", "Quixotick", NULL, NULL};
	int64_t c2 = fixture_case(f), pid2 = 0;
	assert_int_equal(case_add_new_person(f->db, &f->caseworker, c2, &pin2, "associate", &e, &pid2), MODEL_OK);
	assert_int_equal(person_merge(f->db, &f->leader, pid, pid2, &e), MODEL_OK);
	in.q = "quixotick";
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 2);
	/* and taking her off a case removes it from the results */
	int64_t link = db_int(f->db, 0, "SELECT id FROM case_person WHERE case_id = ? AND person_id = ?", "ii", c, pid);
	assert_int_equal(case_remove_person(f->db, &f->caseworker, c, link, &e), MODEL_OK);
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(soundex_codes_match_the_published_examples),
		cmocka_unit_test_setup_teardown(duplicate_warnings_find_names_that_sound_the_same, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(merging_people_moves_their_case_links_and_is_audited_as_combination, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(another_agency_cannot_see_the_case_or_its_people, fixture_setup, fixture_teardown),
		cmocka_unit_test(a_postcode_typed_with_its_space_is_searched_as_one_term),
		cmocka_unit_test_setup_teardown(people_added_to_a_case_make_it_findable_and_merges_keep_it_so, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
