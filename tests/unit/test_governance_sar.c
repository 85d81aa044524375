/* Subject access: the export holds every seeded record of the person (completeness), none of
 * another person's seeded identifiers (redaction), who viewed the records, and is audited as a
 * disclosure; only the holding agency's team leaders and administrators may make it. */
#include "governance_fixture.h"
#include "model/audit.h"
#include "model/audit_search.h"
#include "model/subject_access.h"
#include "report/pdf_document.h"
#include "report/scene.h"
#include "report/subject_access_export.h"

struct sar_world {
	int64_t subject, main_case, second_case, unrelated_case;
};

/* The subject is the resident of a case (tag Sbjm...), a family member on a second case whose
 * resident is someone else (tag Othr...), and absent from a third (tag Unrl...). */
static void build(struct fixture *f, struct sar_world *w)
{
	struct arena *a = arena_new();
	w->main_case = seed_tagged_case(f, "Sbjm", NULL);
	w->second_case = seed_tagged_case(f, "Othr", NULL);
	w->unrelated_case = seed_tagged_case(f, "Unrl", NULL);
	w->subject = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", "i", w->main_case);
	struct field_errors e;
	field_errors_init(&e);
	char pid[24];
	snprintf(pid, sizeof pid, "%lld", (long long)w->subject);
	assert_int_equal(case_add_person(f->db, &f->caseworker, w->second_case, pid, "family_member", &e), MODEL_OK);
	/* free text naming third parties, on the subject's own case and on the second */
	assert_int_equal(case_note_add(f->db, &f->caseworker, w->main_case,
		"Sbjmperp (Sbjmnick) and Fictitious called; Sbjmresident was frightened. Sbjmsecondnote", &e, NULL), MODEL_OK);
	assert_int_equal(case_note_add(f->db, &f->caseworker, w->second_case,
		"Othrresident said Sbjmresident visits. Othrsecondnote", &e, NULL), MODEL_OK);
	/* an intervention about the second case's resident is withheld; one about the subject is not */
	int64_t other = db_int(f->db, 0, "SELECT person_id FROM case_person WHERE case_id = ? AND role = 'resident'", "i", w->second_case);
	struct intervention_input about_other = {"wraparound_support", day_from_today(a, 0), arena_printf(a, "%lld", (long long)other),
		"Othrsupportdetails"};
	assert_int_equal(intervention_record(f->db, &f->caseworker, w->second_case, &about_other, &e, NULL), MODEL_OK);
	struct intervention_input about_subject = {"phone_provided", day_from_today(a, 0), pid, "Sbjmphonedetails"};
	assert_int_equal(intervention_record(f->db, &f->caseworker, w->second_case, &about_subject, &e, NULL), MODEL_OK);
	/* views that the export must report */
	struct case_file cf;
	assert_int_equal(case_get(f->db, &f->caseworker, w->main_case, a, &cf), MODEL_OK);
	struct person p;
	assert_int_equal(person_get(f->db, &f->leader, w->subject, a, &p), MODEL_OK);
	arena_free(a);
}

static const char *const subject_markers[] = {
	/* the person, both cases' own records, the referral, the address where they lived */
	"Sbjmresident", "Sbjmfamily", "Sbjmnote", "Sbjmsecondnote", "Sbjmtask", "Sbjmintervention", "Sbjmrisk",
	"Sbjmsummary", "Sbjmobserved", "Sbjmhouse", "Sbjmphonedetails", "Othrnote", "Othrsecondnote", "Othrtask",
	"Othrrisk", "Othrsummary",
};
static const char *const third_party_markers[] = {
	/* other people's names and nicknames, an address where the subject did not live, an
	 * intervention about someone else, a case the subject is not on */
	"Sbjmperp", "Sbjmnick", "Fictitious", "Othrresident", "Othrfamily", "Othrperp", "Othrnick", "Othrhouse",
	"Othrsupportdetails", "Unrl",
};

static void json_for(struct fixture *f, const struct actor *who, int64_t person, struct buf *out)
{
	struct arena *a = arena_new();
	struct sar_export s;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(subject_access_collect(f->db, who, person, "SAR-2026-001", "json", a, &s, &e), MODEL_OK);
	subject_access_json(&s, out);
	arena_free(a);
}

static void the_export_holds_every_record_of_the_person_and_who_viewed_them(void **state)
{
	struct fixture *f = *state;
	struct sar_world w;
	build(f, &w);
	struct buf out = BUF_INIT;
	json_for(f, &f->leader, w.subject, &out);
	for (size_t i = 0; i < sizeof subject_markers / sizeof subject_markers[0]; i++)
		if (!strstr(buf_str(&out), subject_markers[i])) fail_msg("the export lacks %s", subject_markers[i]);
	char *ref1 = db_text(f->db, "SELECT reference FROM case_file WHERE id = ?", "i", w.main_case);
	char *ref2 = db_text(f->db, "SELECT reference FROM case_file WHERE id = ?", "i", w.second_case);
	assert_non_null(strstr(buf_str(&out), ref1));
	assert_non_null(strstr(buf_str(&out), ref2));
	free(ref1);
	free(ref2);
	/* who viewed: the caseworker opened the case, the team leader the person */
	assert_non_null(strstr(buf_str(&out), "\"user\":\"Casey Worker\",\"agency\":\"Test Council\",\"action\":\"case.view\""));
	assert_non_null(strstr(buf_str(&out), "\"user\":\"Terry Leader\",\"agency\":\"Test Council\",\"action\":\"person.view\""));
	buf_free(&out);
}

static void the_export_holds_nothing_that_identifies_anyone_else(void **state)
{
	struct fixture *f = *state;
	struct sar_world w;
	build(f, &w);
	struct buf out = BUF_INIT;
	json_for(f, &f->admin, w.subject, &out);
	for (size_t i = 0; i < sizeof third_party_markers / sizeof third_party_markers[0]; i++)
		if (strstr(buf_str(&out), third_party_markers[i])) fail_msg("the export shows %s", third_party_markers[i]);
	assert_non_null(strstr(buf_str(&out), "[redacted] ([redacted]) and [redacted] called; Sbjmresident was frightened"));
	assert_non_null(strstr(buf_str(&out), "[address withheld"));
	assert_non_null(strstr(buf_str(&out), "An intervention concerning another person"));
	buf_free(&out);
}

static void the_pdf_holds_the_same_and_nothing_more(void **state)
{
	struct fixture *f = *state;
	struct sar_world w;
	build(f, &w);
	struct arena *a = arena_new();
	struct sar_export s;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(subject_access_collect(f->db, &f->leader, w.subject, "SAR-2026-002", "pdf", a, &s, &e), MODEL_OK);
	struct pdf_document *d = subject_access_pdf_document(&s);
	struct buf text = BUF_INIT;
	for (size_t p = 0; p < pdf_document_page_count(d); p++) {
		const struct scene *sc = pdf_document_page(d, p);
		for (size_t i = 0; i < sc->count; i++)
			if (sc->items[i].kind == SCENE_TEXT) {
				buf_puts(&text, sc->items[i].u.text.s);
				buf_putc(&text, '\n');
			}
	}
	for (size_t i = 0; i < sizeof subject_markers / sizeof subject_markers[0]; i++)
		if (!strstr(buf_str(&text), subject_markers[i])) fail_msg("the PDF lacks %s", subject_markers[i]);
	for (size_t i = 0; i < sizeof third_party_markers / sizeof third_party_markers[0]; i++)
		if (strstr(buf_str(&text), third_party_markers[i])) fail_msg("the PDF shows %s", third_party_markers[i]);
	struct buf pdf = BUF_INIT;
	assert_int_equal(pdf_document_finish(d, &pdf), 0);
	assert_true(pdf.len > 1000 && !memcmp(pdf.data, "%PDF", 4));
	pdf_document_free(d);
	buf_free(&pdf);
	buf_free(&text);
	arena_free(a);
}

static void only_the_holding_agencys_team_leaders_and_administrators_may_export_and_it_is_audited(void **state)
{
	struct fixture *f = *state;
	struct sar_world w;
	build(f, &w);
	struct arena *a = arena_new();
	struct sar_export s;
	struct field_errors e;
	field_errors_init(&e);
	assert_int_equal(subject_access_collect(f->db, &f->caseworker, w.subject, "R1", "json", a, &s, &e), MODEL_NOT_FOUND);
	assert_int_equal(subject_access_collect(f->db, &f->partner, w.subject, "R1", "json", a, &s, &e), MODEL_NOT_FOUND);
	assert_int_equal(subject_access_collect(f->db, &f->analyst, w.subject, "R1", "json", a, &s, &e), MODEL_NOT_FOUND);
	struct actor police_leader = fixture_user(f->db, "tl@police.test", "Pol Leader", f->police, ROLE_TEAM_LEADER);
	assert_int_equal(subject_access_collect(f->db, &police_leader, w.subject, "R1", "json", a, &s, &e), MODEL_NOT_FOUND);
	assert_int_equal(subject_access_collect(f->db, &f->leader, 999999, "R1", "json", a, &s, &e), MODEL_NOT_FOUND);
	assert_int_equal(subject_access_collect(f->db, &f->leader, w.subject, "", "json", a, &s, &e), MODEL_INVALID);
	assert_non_null(field_errors_for(&e, "request_reference"));
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'person.sar'", ""), 0);
	field_errors_init(&e);
	assert_int_equal(subject_access_collect(f->db, &f->leader, w.subject, "SAR-7", "pdf", a, &s, &e), MODEL_OK);
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)w.subject);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'person.sar' AND record_id = ? AND purpose = 'SAR-7'"
		" AND user_id = ?", "ti", rid, f->leader.user_id), 1);
	assert_string_equal(audit_action_category("person.sar"), "disclosure");
	arena_free(a);
}

static void redaction_blanks_whole_words_only_and_ignores_case(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *terms[] = {"Ann", "Bob Smith", "1970-01-02"};
	assert_string_equal(subject_access_redact(a, "ann met BOB SMITH, not Annie; born 1970-01-02.", terms, 3),
		"[redacted] met [redacted], not Annie; born [redacted].");
	assert_string_equal(subject_access_redact(a, "Bob Smithson", terms, 3), "Bob Smithson");
	arena_free(a);
}

static int setup(void **state)
{
	clock_install();
	return fixture_setup(state);
}

static int teardown(void **state)
{
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
		cmocka_unit_test_setup_teardown(the_export_holds_every_record_of_the_person_and_who_viewed_them, setup, teardown),
		cmocka_unit_test_setup_teardown(the_export_holds_nothing_that_identifies_anyone_else, setup, teardown),
		cmocka_unit_test_setup_teardown(the_pdf_holds_the_same_and_nothing_more, setup, teardown),
		cmocka_unit_test_setup_teardown(only_the_holding_agencys_team_leaders_and_administrators_may_export_and_it_is_audited, setup, teardown),
		cmocka_unit_test(redaction_blanks_whole_words_only_and_ignores_case),
	};
	return cmocka_run_group_tests_name("subject access", tests, NULL, group_teardown);
}
