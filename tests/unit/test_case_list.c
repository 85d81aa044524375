/* The case list at more than CASE_LIST_COUNT_CAP cases: the capped count, pages past the cap,
 * types from the type bits, and searches answered by whichever word is rarest, checked against
 * the plain definition of each query. */
#include "case_fixture.h"
#include "model/case_list.h"
#include "model/demo_cases.h"
#include "model/query.h"
#include "model/search_terms.h"

/* A demo caseload a little above the cap (the generator makes a few less than asked). */
static int fixture_big(void **state)
{
	fixture_setup(state);
	struct fixture *f = *state;
	demo_cases_create(f->db, CASE_LIST_COUNT_CAP + 400, 11);
	assert_true(fixture_count(f->db, "case_file") > CASE_LIST_COUNT_CAP + 150);
	return 0;
}

static struct case_list list_of(struct fixture *f, struct arena *a, struct case_filter_input *in)
{
	struct case_list l;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_list_query(f->db, &f->leader, in, a, &l, &e), MODEL_OK);
	return l;
}

static void more_than_a_thousand_matching_cases_are_counted_as_more_than_a_thousand(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	int64_t cases = fixture_count(f->db, "case_file");
	struct case_filter_input in = {0};
	struct case_list l = list_of(f, a, &in);
	assert_int_equal(l.total, CASE_LIST_COUNT_CAP);
	assert_false(l.total_exact);
	assert_int_equal(l.pages, CASE_LIST_COUNT_CAP / 25);
	assert_int_equal(l.n, 25);
	/* a page past the cap is counted to its end, and still knows there is more */
	in.page = "42";
	l = list_of(f, a, &in);
	assert_int_equal(l.total, 42 * 25);
	assert_false(l.total_exact);
	assert_int_equal(l.n, 25);
	char *ref = db_text(f->db, "SELECT reference FROM case_file ORDER BY opened_on DESC, id DESC LIMIT 1 OFFSET 1025", "");
	assert_string_equal(l.rows[0].reference, ref);
	free(ref);
	/* the last page counts exactly */
	char last[24];
	snprintf(last, sizeof last, "%lld", (long long)((cases + 24) / 25));
	in.page = last;
	l = list_of(f, a, &in);
	assert_int_equal(l.total, cases);
	assert_true(l.total_exact);
	assert_int_equal(l.n, (size_t)(cases - (cases + 24) / 25 * 25 + 25));
	/* under the cap the count is exact */
	struct case_filter_input closed = {0};
	closed.status = "open";
	l = list_of(f, a, &closed);
	int64_t open = db_int(f->db, 0, "SELECT count(*) FROM case_file WHERE status = 'open'", "");
	assert_true(open > 0 && open < CASE_LIST_COUNT_CAP);
	assert_int_equal(l.total, open);
	assert_true(l.total_exact);
	arena_free(a);
}

static void a_hundred_cases_per_page_are_listed_with_their_types_in_display_order(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	struct case_filter_input in = {0};
	in.per_page = "100";
	in.sort = "reference";
	in.order = "asc";
	struct case_list l = list_of(f, a, &in);
	assert_int_equal(l.n, 100);
	for (size_t i = 0; i < l.n; i++) {
		char *types = db_text(f->db, "SELECT group_concat(label, ', ') FROM (SELECT t.label FROM case_exploitation_type ct"
			" JOIN exploitation_type t ON t.id = ct.type_id WHERE ct.case_id = ? ORDER BY t.sort_order, t.id)", "i", l.rows[i].id);
		assert_string_equal(l.rows[i].types, types ? types : "");
		free(types);
	}
	arena_free(a);
}

/* The ids of the cases (of the leader's agency) every word of Q prefix-matches, in ORDER, by the
 * plain definition: one IN (...) per word. */
static size_t expected_search(struct fixture *f, const char *q, const char *order, int64_t *ids, size_t max)
{
	struct search_terms t;
	search_terms_init(&t);
	search_terms_add_query(&t, q);
	struct query qu;
	query_init(&qu);
	query_sql(&qu, "SELECT c.id FROM case_file c WHERE c.agency_id = ");
	query_int(&qu, f->leader.agency_id);
	search_terms_query(&qu, "c.id", "case_search", "case_id", &t);
	query_sql(&qu, order);
	struct db_stmt *st = query_prepare(f->db, &qu);
	size_t n = 0;
	while (db_step(st) == DB_ROW) {
		if (n < max) ids[n] = db_column_int(st, 0);
		n++;
	}
	db_finalize(st);
	query_free(&qu);
	return n;
}

static void a_search_finds_the_same_cases_in_the_same_order_whether_its_words_are_common_or_rare(void **state)
{
	struct fixture *f = *state;
	struct arena *a = arena_new();
	/* the commonest family name, a rare one, a street word, and the pairs in both orders */
	char *common = db_text(f->db, "SELECT lower(family_name) FROM person GROUP BY family_name ORDER BY count(*) DESC LIMIT 1", "");
	char *rare = db_text(f->db, "SELECT lower(family_name) FROM person GROUP BY family_name ORDER BY count(*), family_name LIMIT 1", "");
	char *street = db_text(f->db, "SELECT term FROM case_search WHERE term GLOB '[a-z]*' GROUP BY term"
		" ORDER BY count(*) DESC LIMIT 1 OFFSET 3", "");
	const char *queries[] = {common, rare, street, arena_printf(a, "%s %s", common, street),
		arena_printf(a, "%s %s", street, common), arena_printf(a, "%s %s", rare, street), arena_printf(a, "%s a", street),
		"a", "zzzznothing"};
	static int64_t expect[4096];
	for (size_t k = 0; k < sizeof queries / sizeof queries[0]; k++) {
		/* the default order (read from the sort index) and one no index holds */
		for (int by_reference = 0; by_reference < 2; by_reference++)
		for (const char *page = "1"; page; page = strcmp(page, "1") ? NULL : "3") {
			size_t n = expected_search(f, queries[k], by_reference ? " ORDER BY c.reference ASC, c.id ASC"
				: " ORDER BY c.opened_on DESC, c.id DESC", expect, sizeof expect / sizeof expect[0]);
			struct case_filter_input in = {0};
			in.q = queries[k];
			in.page = page;
			if (by_reference) {
				in.sort = "reference";
				in.order = "asc";
			}
			struct case_list l = list_of(f, a, &in);
			if (n <= CASE_LIST_COUNT_CAP) {
				assert_true(l.total_exact);
				assert_int_equal(l.total, (int64_t)n);
			} else {
				assert_false(l.total_exact);
				assert_int_equal(l.total, CASE_LIST_COUNT_CAP);
			}
			size_t first = (size_t)(atoi(page) - 1) * 25;
			size_t want = n > first ? (n - first < 25 ? n - first : 25) : 0;
			assert_int_equal(l.n, want);
			for (size_t i = 0; i < l.n; i++) assert_int_equal(l.rows[i].id, expect[first + i]);
		}
	}
	/* with a filter on the case too: counted and paged by SQL, the words filtering */
	for (size_t k = 0; k < 3; k++) {
		struct search_terms t;
		search_terms_init(&t);
		search_terms_add_query(&t, queries[k]);
		struct query qu;
		query_init(&qu);
		query_sql(&qu, "SELECT c.id FROM case_file c WHERE c.status = 'open' AND c.agency_id = ");
		query_int(&qu, f->leader.agency_id);
		search_terms_query(&qu, "c.id", "case_search", "case_id", &t);
		query_sql(&qu, " ORDER BY c.opened_on DESC, c.id DESC");
		struct db_stmt *st = query_prepare(f->db, &qu);
		size_t n = 0;
		while (db_step(st) == DB_ROW) {
			if (n < sizeof expect / sizeof expect[0]) expect[n] = db_column_int(st, 0);
			n++;
		}
		db_finalize(st);
		query_free(&qu);
		struct case_filter_input in = {0};
		in.q = queries[k];
		in.status = "open";
		struct case_list l = list_of(f, a, &in);
		assert_true(l.total_exact);
		assert_int_equal(l.total, (int64_t)n);
		assert_int_equal(l.n, n < 25 ? n : 25);
		for (size_t i = 0; i < l.n; i++) assert_int_equal(l.rows[i].id, expect[i]);
	}
	/* staff of another agency find none of them, however common the word */
	struct case_filter_input other = {0};
	other.q = street;
	struct case_list l;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_list_query(f->db, &f->partner, &other, a, &l, &e), MODEL_OK);
	assert_int_equal(l.total, 0);
	assert_true(l.total_exact);
	free(common);
	free(rare);
	free(street);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(more_than_a_thousand_matching_cases_are_counted_as_more_than_a_thousand, fixture_big, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_hundred_cases_per_page_are_listed_with_their_types_in_display_order, fixture_big, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_search_finds_the_same_cases_in_the_same_order_whether_its_words_are_common_or_rare, fixture_big, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
