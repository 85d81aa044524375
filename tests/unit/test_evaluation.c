/* The evaluation's arithmetic and rules: money, the cost-benefit calculation, settings,
 * linked-totals suppression, and case studies exported anonymised end to end. */
#include "case_fixture.h"
#include "model/case_import.h"
#include "model/case_study.h"
#include "model/evaluation_settings.h"
#include "model/person.h"
#include "report/evaluation.h"
#include "report/linked_disclosure.h"

static void money_is_parsed_as_people_type_it(void **state)
{
	(void)state;
	int64_t p = -1;
	assert_int_equal(money_parse("4659.10", &p), 0);
	assert_int_equal(p, 465910);
	assert_int_equal(money_parse(" \xC2\xA3" "4,659.1 ", &p), 0);
	assert_int_equal(p, 465910);
	assert_int_equal(money_parse("27705", &p), 0);
	assert_int_equal(p, 2770500);
	assert_int_equal(money_parse("1,234,567.89", &p), 0);
	assert_int_equal(p, 123456789);
	assert_int_equal(money_parse("0", &p), 0);
	assert_int_equal(p, 0);
	const char *bad[] = {"", "-5", "4.659", "12,34", "1,2345", ",123", "1.", "£", "12abc", "1e5", "99999999999", NULL};
	for (int i = 0; bad[i]; i++)
		if (money_parse(bad[i], &p) == 0) fail_msg("'%s' was accepted as money", bad[i]);
}

static void money_is_printed_with_pence_only_when_there_are_any(void **state)
{
	(void)state;
	char out[48];
	money_format(465910, 0, out, sizeof out);
	assert_string_equal(out, "\xC2\xA3" "4,659.10");
	money_format(2770500, 0, out, sizeof out);
	assert_string_equal(out, "\xC2\xA3" "27,705");
	money_format(2770500, 1, out, sizeof out);
	assert_string_equal(out, "\xC2\xA3" "27,705.00");
	money_format(-2770500, 0, out, sizeof out);
	assert_string_equal(out, "-\xC2\xA3" "27,705");
	money_format(5, 0, out, sizeof out);
	assert_string_equal(out, "\xC2\xA3" "0.05");
}

static void the_pilot_cost_benefit_is_289114_pounds(void **state)
{
	(void)state;
	int64_t net = evaluation_net_benefit(68, 465910, 2770500);
	assert_int_equal(net, 28911380);                      /* £289,113.80 exactly */
	assert_int_equal(evaluation_round_pounds(net), 289114);
	assert_int_equal(evaluation_round_pounds(50), 1);
	assert_int_equal(evaluation_round_pounds(49), 0);
	assert_int_equal(evaluation_round_pounds(-150), -2);
	assert_int_equal(evaluation_net_benefit(0, 465910, 2770500), -2770500);
	struct evaluation ev;
	memset(&ev, 0, sizeof ev);
	ev.tenancy_sustained = 68;
	ev.settings.void_cost_pence = 465910;
	ev.settings.service_cost_pence = 2770500;
	ev.net_benefit_pence = net;
	struct buf b = BUF_INIT;
	evaluation_cost_benefit_statement(&ev, &b);
	assert_string_equal(buf_str(&b), "68 households \xC3\x97 \xC2\xA3" "4,659.10 \xE2\x88\x92 \xC2\xA3" "27,705 = \xC2\xA3" "289,114");
	buf_free(&b);
}

static int import(struct fixture *f, const char *csv)
{
	static struct case_import_result res;
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	assert_non_null(in);
	struct case_import_options opt = {"Test Council", 1, 0};
	int rc = case_import_csv(f->db, NULL, in, &opt, &res);
	fclose(in);
	if (rc != 0 && res.n_problems) fail_msg("import: line %ld %s: %s", res.problems[0].line, res.problems[0].column, res.problems[0].message);
	return rc;
}

static const char three_cases[] =
	"Reference,Referral date,Referring agency,Area,Status,Closed date,Positively resolved,Stayed in tenancy,Moved,Outcomes,Address,Postcode\r\n"
	"T-1,2019-04-03,Test Police,Edgeley,Closed,2019-09-30,Yes,Yes,No,Target hardening,,\r\n"
	"T-2,2019-05-10,Test Housing,Edgeley,Closed,2019-08-01,Yes,Yes,No,Wrap-around support; Arrest,,\r\n"
	"T-3,2019-06-11,Test Police,Offerton,Open,,,,,,14 Fictional Road,SK3 9ZZ\r\n";

static void the_cost_benefit_follows_the_settings_and_the_cases(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import(f, three_cases), 0);
	struct evaluation ev;
	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	assert_int_equal(ev.cases_received, 3);
	assert_int_equal(ev.tenancy_sustained, 2);
	assert_int_equal(ev.net_benefit_pence, 2 * 465910 - 2770500);
	evaluation_free(&ev);

	struct field_errors errs;
	field_errors_init(&errs);
	assert_int_equal(evaluation_settings_save(f->db, &f->leader, "£10,000", "15000.50", "7", &errs), MODEL_OK);
	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	assert_int_equal(ev.settings.void_cost_pence, 1000000);
	assert_int_equal(ev.settings.service_cost_pence, 1500050);
	assert_int_equal(ev.settings.suppression_threshold, 7);
	assert_int_equal(ev.net_benefit_pence, 2 * 1000000 - 1500050);
	/* as at 2019-08-31 one case is closed: the other counts as ongoing */
	evaluation_free(&ev);
	evaluation_compute(f->db, "2019-01-01", "2019-08-31", NULL, &ev);
	assert_int_equal(ev.closed, 1);
	assert_int_equal(ev.ongoing, 2);
	assert_int_equal(ev.tenancy_sustained, 1);
	evaluation_free(&ev);
}

static void bad_settings_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct field_errors errs;
	field_errors_init(&errs);
	assert_int_equal(evaluation_settings_save(f->db, &f->leader, "lots", "-3", "1", &errs), MODEL_INVALID);
	assert_non_null(field_errors_for(&errs, "void_cost"));
	assert_non_null(field_errors_for(&errs, "service_cost"));
	assert_non_null(field_errors_for(&errs, "suppression_threshold"));
	struct evaluation_settings s;
	evaluation_settings_load(f->db, &s);
	assert_int_equal(s.void_cost_pence, 465910);
	assert_int_equal(s.suppression_threshold, 5);
	field_errors_init(&errs);
	assert_int_equal(evaluation_settings_save(f->db, &f->caseworker, "1", NULL, NULL, &errs), MODEL_FORBIDDEN);
	assert_int_equal(evaluation_settings_save(f->db, &f->analyst, "1", NULL, NULL, &errs), MODEL_FORBIDDEN);
	assert_int_equal(unit_cost_save(f->db, &f->admin, NULL, "Police time", "outcome_group", "no_such_line", "12", "why",
		&errs, NULL), MODEL_INVALID);
	assert_non_null(field_errors_for(&errs, "basis_code"));
}

static void wider_view_multiplies_each_unit_cost_by_its_figure(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import(f, three_cases), 0);
	struct field_errors errs;
	field_errors_init(&errs);
	int64_t id = 0;
	assert_int_equal(unit_cost_save(f->db, &f->admin, NULL, "Arrest costs avoided", "intervention_kind", "arrest", "250",
		"An assumption", &errs, &id), MODEL_OK);
	struct evaluation ev;
	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	int64_t found = 0;
	for (size_t i = 0; i < ev.benefit_count; i++)
		if (strcmp(ev.benefits[i].label, "Arrest costs avoided") == 0) {
			assert_int_equal(ev.benefits[i].quantity, 1);
			assert_int_equal(ev.benefits[i].amount_pence, 25000);
			found = 1;
		}
	assert_true(found);
	/* void costs (2 x £4,659.10) + £250 - £27,705; the unset default lines add nothing */
	assert_int_equal(ev.wider_total_pence, 2 * 465910 + 25000 - 2770500);
	evaluation_free(&ev);
}

static void a_small_count_is_never_pinned_by_the_linked_totals(void **state)
{
	(void)state;
	struct disclosure_rules rules;
	disclosure_rules_default(&rules);
	/* 6 received = 5 closed + 1 ongoing: hiding the 1 and the 5 still leaves 6 - "at least 5"
	 * = at most 1, so the total must go too */
	struct linked_counts *l = linked_counts_new();
	size_t received = linked_counts_add(l, 6, 1), closed = linked_counts_add(l, 5, 1), ongoing = linked_counts_add(l, 1, 1);
	size_t parts[] = {closed, ongoing};
	linked_counts_equation(l, received, parts, 2);
	assert_int_equal(linked_counts_protect(l, &rules), 0);
	assert_int_equal(linked_counts_status(l, ongoing), DISCLOSURE_SMALL);
	assert_int_equal(linked_counts_status(l, closed), DISCLOSURE_SECONDARY);
	assert_int_equal(linked_counts_status(l, received), DISCLOSURE_SECONDARY);
	linked_counts_free(l);

	/* a figure that is not printed (closed, not resolved = 2) must not be worked out either */
	l = linked_counts_new();
	closed = linked_counts_add(l, 40, 1);
	size_t resolved = linked_counts_add(l, 38, 1), unresolved = linked_counts_add(l, 2, 0);
	size_t parts2[] = {resolved, unresolved};
	linked_counts_equation(l, closed, parts2, 2);
	assert_int_equal(linked_counts_protect(l, &rules), 0);
	assert_int_equal(linked_counts_status(l, resolved), DISCLOSURE_SECONDARY);
	assert_int_equal(linked_counts_status(l, closed), DISCLOSURE_SHOWN);
	linked_counts_free(l);

	/* nothing small: nothing hidden */
	l = linked_counts_new();
	received = linked_counts_add(l, 30, 1);
	closed = linked_counts_add(l, 20, 1);
	ongoing = linked_counts_add(l, 10, 1);
	size_t parts3[] = {closed, ongoing};
	linked_counts_equation(l, received, parts3, 2);
	assert_int_equal(linked_counts_protect(l, &rules), 0);
	assert_int_equal(linked_counts_status(l, received) | linked_counts_status(l, closed) | linked_counts_status(l, ongoing),
		DISCLOSURE_SHOWN);
	linked_counts_free(l);
}

/* A case with a resident, a perpetrator and a property, and a case study about it. */
static int64_t case_with_people(struct fixture *f)
{
	assert_int_equal(import(f, three_cases), 0);
	int64_t case_id = db_int(f->db, 0, "SELECT id FROM case_file WHERE reference = 'T-3'", "");
	struct field_errors errs;
	field_errors_init(&errs);
	struct person_input resident = {"Maureen", "O'Hara-Blythe", "Mo", "1961-02-03"};
	struct person_input perpetrator = {"Dwayne", "Kettering", "", NULL};
	int64_t r = 0, p = 0;
	assert_int_equal(person_create(f->db, &f->caseworker, &resident, &errs, &r), MODEL_OK);
	assert_int_equal(person_create(f->db, &f->caseworker, &perpetrator, &errs, &p), MODEL_OK);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r);
	assert_int_equal(case_add_person(f->db, &f->caseworker, case_id, id, "resident", &errs), MODEL_OK);
	snprintf(id, sizeof id, "%lld", (long long)p);
	assert_int_equal(case_add_person(f->db, &f->caseworker, case_id, id, "perpetrator", &errs), MODEL_OK);
	return case_id;
}

static const char study[] =
	"Maureen (Mo) O'Hara-Blythe, 62, lived at 14 Fictional Road, SK3 9ZZ. On 3rd April 2019 Dwayne Kettering and "
	"his friend Big Tel moved in.\n\nAfter target hardening on 12/06/2019 MAUREEN said: \"I got my flat back\". "
	"Case T-3; call 0161 474 1234.";

static void an_approved_case_study_is_exported_without_names_addresses_or_dates(void **state)
{
	struct fixture *f = *state;
	case_with_people(f);
	struct field_errors errs;
	field_errors_init(&errs);
	int64_t id = 0;
	assert_int_equal(case_study_add(f->db, &f->caseworker, "t-3", "Maureen gets her flat back", study, "Big Tel", &errs, &id),
		MODEL_OK);
	/* a draft is not exported */
	struct evaluation ev;
	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	assert_int_equal(ev.case_study_count, 0);
	evaluation_free(&ev);
	/* the author may not approve their own; another team leader may */
	assert_int_equal(case_study_approve(f->db, &f->caseworker, id, &errs), MODEL_FORBIDDEN);
	assert_int_equal(case_study_approve(f->db, &f->leader, id, &errs), MODEL_OK);
	field_errors_init(&errs);
	assert_int_equal(case_study_approve(f->db, &f->leader, id, &errs), MODEL_REFUSED);

	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	assert_int_equal(ev.case_study_count, 1);
	const char *body = ev.case_studies[0].body;
	const char *leaks[] = {"Maureen", "MAUREEN", "Mo ", "Hara", "Blythe", "Dwayne", "Kettering", "Big Tel", "14 Fictional",
		"Fictional Road", "SK3", "3rd", "12/06", "T-3", "474", NULL};
	for (int i = 0; leaks[i]; i++)
		if (strstr(body, leaks[i]) || strstr(ev.case_studies[0].title, leaks[i])) fail_msg("'%s' survived: %s", leaks[i], body);
	assert_non_null(strstr(body, "[Resident]"));
	assert_non_null(strstr(body, "[Perpetrator]"));
	assert_non_null(strstr(body, "April 2019"));
	assert_non_null(strstr(body, "June 2019"));
	assert_string_equal(ev.case_studies[0].title, "[Resident] gets her flat back");
	assert_string_equal(ev.case_studies[0].when, "June 2019");
	struct evaluation_output o = {1, NULL, NULL};
	struct buf html = BUF_INIT;
	assert_int_equal(evaluation_write_html(&ev, &o, 1, &html), 0);
	assert_null(strstr(buf_str(&html), "Maureen"));
	assert_non_null(strstr(buf_str(&html), "&quot;I got my flat back&quot;"));
	buf_free(&html);
	evaluation_free(&ev);

	/* an edit sends it back to draft */
	field_errors_init(&errs);
	assert_int_equal(case_study_update(f->db, &f->caseworker, id, "New title", study, "", &errs), MODEL_OK);
	evaluation_compute(f->db, "2019-01-01", "2019-12-31", NULL, &ev);
	assert_int_equal(ev.case_study_count, 0);
	evaluation_free(&ev);
}

static void only_the_case_team_may_write_or_read_a_case_study(void **state)
{
	struct fixture *f = *state;
	case_with_people(f);
	struct field_errors errs;
	field_errors_init(&errs);
	int64_t id = 0;
	/* another agency's caseworker is told the case does not exist */
	assert_int_equal(case_study_add(f->db, &f->partner, "T-3", "t", "b", "", &errs, &id), MODEL_INVALID);
	assert_string_equal(field_errors_for(&errs, "case_reference"), "There is no case T-3 that you work on");
	assert_int_equal(case_study_add(f->db, &f->analyst, "T-3", "t", "b", "", &errs, &id), MODEL_FORBIDDEN);
	field_errors_init(&errs);
	assert_int_equal(case_study_add(f->db, &f->caseworker, "T-3", "", "", "", &errs, &id), MODEL_INVALID);
	assert_non_null(field_errors_for(&errs, "title"));
	assert_non_null(field_errors_for(&errs, "body"));
	field_errors_init(&errs);
	assert_int_equal(case_study_add(f->db, &f->caseworker, "T-3", "t", "b", "", &errs, &id), MODEL_OK);
	struct arena *a = arena_new();
	struct case_study cs;
	assert_int_equal(case_study_get(f->db, &f->partner, id, a, &cs), MODEL_NOT_FOUND);
	assert_int_equal(case_study_get(f->db, &f->leader, id, a, &cs), MODEL_OK);
	assert_string_equal(cs.body, "b");
	struct case_study *list;
	assert_int_equal(case_study_list(f->db, &f->partner, a, &list), 0);
	assert_int_equal(case_study_list(f->db, &f->leader, a, &list), 1);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_is_parsed_as_people_type_it),
		cmocka_unit_test(money_is_printed_with_pence_only_when_there_are_any),
		cmocka_unit_test(the_pilot_cost_benefit_is_289114_pounds),
		cmocka_unit_test(a_small_count_is_never_pinned_by_the_linked_totals),
		cmocka_unit_test_setup_teardown(the_cost_benefit_follows_the_settings_and_the_cases, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(bad_settings_are_refused_and_change_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(wider_view_multiplies_each_unit_cost_by_its_figure, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(an_approved_case_study_is_exported_without_names_addresses_or_dates, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(only_the_case_team_may_write_or_read_a_case_study, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
