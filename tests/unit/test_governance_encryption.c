/* Encryption at rest, wired into the case model: the free text of the encrypted columns never
 * reaches the database file or its WAL in clear, reads back through every reader (case page
 * parts, chronology, referral), survives a key rotation, and the case list still searches. */
#include "governance_fixture.h"
#include "model/case_list.h"
#include "model/chronology.h"
#include "model/sealed_text.h"
#include "util/buf.h"

/* The text seed_tagged_case() puts in each encrypted column, and one stored in clear. */
static const char *const sealed_markers[] = {"Encqobserved", "Encqnote", "Encqintervention", "Encqrisk", "Encqsummary"};

static void the_encrypted_columns_never_reach_the_file_or_the_wal_in_clear(void **state)
{
	struct fixture *f = *state;
	int64_t rid = 0;
	int64_t c = seed_tagged_case(f, "Encq", &rid);
	/* names and addresses are not encrypted (they are searched): the scan does see the file */
	assert_true(database_contains("Encqresident"));
	for (size_t i = 0; i < sizeof sealed_markers / sizeof sealed_markers[0]; i++)
		if (database_contains(sealed_markers[i])) fail_msg("%s is stored in clear", sealed_markers[i]);
	for (const struct encrypted_column *ec = encrypted_columns; ec->table; ec++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s <> '' AND %s NOT LIKE 'enc1:%%'", ec->table, ec->column,
			ec->column);
		if (db_int(f->db, -1, sql, "")) fail_msg("%s.%s holds a value not sealed", ec->table, ec->column);
	}
	/* every reader opens them */
	struct arena *a = arena_new();
	struct chronology_entry *ch;
	size_t n;
	assert_int_equal(chronology_for_case(f->db, &f->caseworker, c, a, &ch, &n), MODEL_OK);
	struct buf all = BUF_INIT;
	for (size_t i = 0; i < n; i++) buf_printf(&all, "%s|%s\n", ch[i].title, ch[i].detail);
	for (size_t i = 0; i < 4; i++)
		if (!strstr(buf_str(&all), sealed_markers[i])) fail_msg("the chronology lacks %s", sealed_markers[i]);
	struct case_file cf;
	assert_int_equal(case_get(f->db, &f->caseworker, c, a, &cf), MODEL_OK);
	assert_non_null(strstr(cf.summary, "Encqsummary"));
	struct referral r;
	assert_int_equal(referral_get(f->db, &f->leader, rid, a, &r), MODEL_OK);
	assert_non_null(strstr(r.observations, "Encqobserved"));
	/* and the list still finds the case by a name (search never reads the sealed columns) */
	struct case_filter_input in = {0};
	in.q = "Encqresident";
	struct case_list list;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(case_list_query(f->db, &f->caseworker, &in, a, &list, &e), MODEL_OK);
	assert_int_equal(list.total, 1);
	buf_free(&all);
	arena_free(a);
}

static void a_key_rotation_reseals_everything_and_it_still_reads(void **state)
{
	struct fixture *f = *state;
	int64_t c = seed_tagged_case(f, "Rotq", NULL);
	char *before = db_text(f->db, "SELECT body FROM case_note WHERE case_id = ?", "i", c);
	char err[200];
	long n = field_crypto_rotate(f->db, err, sizeof err);
	assert_true(n >= 5);
	char *after = db_text(f->db, "SELECT body FROM case_note WHERE case_id = ?", "i", c);
	assert_true(strncmp(before, "enc1:1:", 7) == 0 && strncmp(after, "enc1:2:", 7) == 0);
	struct arena *a = arena_new();
	struct case_note *notes;
	size_t count;
	assert_int_equal(case_note_list(f->db, &f->caseworker, c, a, &notes, &count), MODEL_OK);
	assert_string_equal(notes[0].body, "Visited Rotqnote");
	/* a value that does not open is shown as such, not as garbage or a crash */
	db_run(f->db, "UPDATE case_note SET body = ? WHERE case_id = ?", "ti", before, c);   /* sealed for row, old key: fine */
	assert_int_equal(case_note_list(f->db, &f->caseworker, c, a, &notes, &count), MODEL_OK);
	assert_string_equal(notes[0].body, "Visited Rotqnote");
	db_run(f->db, "UPDATE case_note SET body = 'enc1:2:AAAA' WHERE case_id = ?", "i", c);
	assert_int_equal(case_note_list(f->db, &f->caseworker, c, a, &notes, &count), MODEL_OK);
	assert_string_equal(notes[0].body, SEALED_TEXT_UNREADABLE);
	free(before);
	free(after);
	arena_free(a);
}

static int setup(void **state)
{
	clock_install();
	return fixture_setup_file(state);
}

static int teardown(void **state)
{
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
		cmocka_unit_test_setup_teardown(the_encrypted_columns_never_reach_the_file_or_the_wal_in_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(a_key_rotation_reseals_everything_and_it_still_reads, setup, teardown),
	};
	return cmocka_run_group_tests_name("encryption at rest", tests, NULL, group_teardown);
}
