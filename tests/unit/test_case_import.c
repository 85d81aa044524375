/* Importing past cases from CSV: all or nothing, problems by line and column. */
#include "case_fixture.h"
#include "model/audit.h"
#include "cli/cli.h"
#include "cli/cmd_import_cases.h"
#include "model/case_import.h"

static struct case_import_result res;

static int import_text(struct fixture *f, const char *csv, const struct case_import_options *opt)
{
	FILE *in = fmemopen((void *)csv, strlen(csv), "r");
	assert_non_null(in);
	int rc = case_import_csv(f->db, NULL, in, opt, &res);
	fclose(in);
	return rc;
}

static const char good[] =
	"Reference,Referral date,Referring agency,Exploitation types,Area,Tenure,Status,Closed date,"
	"Positively resolved,Stayed in tenancy,Moved,Outcomes,Keyworker phone\r\n"
	"CK-2019-001,03/04/2019,Test Police,Cuckooing; county lines,Brinnington & Stockport Central,Council,Closed,"
	"2019-09-30,Yes,Yes,No,Target hardening; Arrest; Partial closure order,kept\r\n"
	"CK-2019-002,2019-05-10,test housing,Financial,E05015032,Private rented,Open,,,,,Wrap-around support,\r\n"
	"NG-2019-00007,11/6/2019,Test Police,Property takeover (cuckooing),Edgeley,Housing association,closed,1/12/2019,no,"
	"no,out of borough,Victim moved out of borough,\r\n";

static void a_valid_spreadsheet_is_imported_with_types_outcomes_and_closure(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import_text(f, good, NULL), 0);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.imported, 3);
	assert_string_equal(res.ignored_columns, "Keyworker phone");
	assert_int_equal(fixture_count(f->db, "case_file"), 3);
	int64_t c1 = db_int(f->db, 0, "SELECT id FROM case_file WHERE reference = 'CK-2019-001'", "");
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_exploitation_type WHERE case_id = ?", "i", c1), 2);
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM case_intervention WHERE case_id = ?", "i", c1), 3);
	char *s = db_text(f->db, "SELECT status || ' ' || closed_on || ' ' || tenure || ' ' || opened_on FROM case_file WHERE id = ?", "i", c1);
	assert_string_equal(s, "closed 2019-09-30 social 2019-04-03");
	free(s);
	assert_int_equal(db_int(f->db, 0, "SELECT referring_agency_id FROM case_file WHERE reference = 'CK-2019-002'", ""), f->housing);
	s = db_text(f->db, "SELECT moved FROM case_file WHERE reference = 'NG-2019-00007'", "");
	assert_string_equal(s, "out_of_borough");
	free(s);
	/* the next generated reference for 2019 does not collide with the imported one */
	db_begin(f->db);
	char ref[24];
	case_next_reference(f->db, "2019-01-01", ref);
	db_rollback(f->db);
	assert_string_equal(ref, "NG-2019-00008");
	assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM (" AUDIT_TRAIL ") WHERE action = 'case.import'", ""), 1);
	/* the type list of the imported cases is filled at the end of the import, in one pass */
	assert_true(db_int(f->db, 0, "SELECT count(*) FROM case_type_list", "") > 0);
	assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM case_type_list_deferred", ""), 0);
	assert_type_list_in_step(f->db);
}

static void a_bad_file_reports_line_and_column_and_adds_nothing(void **state)
{
	struct fixture *f = *state;
	/* good rows first, so that a half-done import would show */
	char bad[4096];
	snprintf(bad, sizeof bad, "%s%s", good,
		"CK-2019-004,31/02/2019,Test Police,Cuckooing,Nowhere Ward,Castle,Closed,,maybe,,,Teleportation\r\n"
		"CK-2019-001,2019-01-01,Unknown Agency,Cuckooing,,,Open,2019-02-02,,,,\r\n");
	int64_t audits = fixture_count(f->db, "audit");
	assert_int_equal(import_text(f, bad, NULL), -1);
	assert_int_equal(res.imported, 0);
	assert_int_equal(fixture_count(f->db, "case_file"), 0);
	assert_int_equal(fixture_count(f->db, "case_intervention"), 0);
	assert_int_equal(fixture_count(f->db, "agency"), 3);
	assert_int_equal(fixture_count(f->db, "audit"), audits);
	/* every problem names its line and column */
	static const struct { long line; const char *column; } expected[] = {
		{5, "Referral date"}, {5, "Area"}, {5, "Tenure"}, {5, "Closed date"}, {5, "Positively resolved"},
		{5, "Outcomes"}, {6, "Referring agency"}, {6, "Closed date"},
	};
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		int found = 0;
		for (size_t k = 0; k < res.n_problems; k++)
			if (res.problems[k].line == expected[i].line && !strcmp(res.problems[k].column, expected[i].column)) found = 1;
		if (!found) fail_msg("no problem reported for line %ld column %s", expected[i].line, expected[i].column);
	}
}

static void a_reference_already_in_the_database_is_a_problem(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import_text(f, good, NULL), 0);
	assert_int_equal(import_text(f, good, NULL), -1);
	assert_int_equal(fixture_count(f->db, "case_file"), 3);
	assert_int_equal(res.problems[0].line, 2);
	assert_string_equal(res.problems[0].column, "Reference");
}

static void a_file_without_required_columns_is_refused(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(import_text(f, "Reference,Status\nX-1,Open\n", NULL), -1);
	assert_true(res.n_problems >= 2);
	assert_int_equal(res.problems[0].line, 1);
	assert_int_equal(fixture_count(f->db, "case_file"), 0);
}

static void unknown_agencies_can_be_created_on_request(void **state)
{
	struct fixture *f = *state;
	const char *csv = "reference,referral_date,referring_agency,status\nA-1,2020-01-01,Fire and Rescue,open\n";
	assert_int_equal(import_text(f, csv, NULL), -1);
	struct case_import_options opt = {NULL, 1, 0};
	assert_int_equal(import_text(f, csv, &opt), 0);
	assert_int_equal(res.agencies_created, 1);
	assert_true(db_int(f->db, 0, "SELECT id FROM agency WHERE name = 'Fire and Rescue'", "") > 0);
}

static void the_command_prints_problems_and_exits_1(void **state)
{
	struct fixture *f = *state;
	(void)f;
	char path[] = "/tmp/nestguard-import-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *csv = "reference,referral_date,referring_agency,status\nA-1,not a date,Test Police,open\n";
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	char dbpath[] = "/tmp/nestguard-import-db-XXXXXX";
	fd = mkstemp(dbpath);
	close(fd);
	struct cli cli = {dbpath};
	char *argv[] = {"cases", path, "--agency", "Nonexistent", NULL};
	assert_int_equal(cmd_import_cases(&cli, 4, argv), EXIT_USER);
	char *argv2[] = {"cases", NULL};
	assert_int_equal(cmd_import_cases(&cli, 1, argv2), EXIT_USAGE);
	char *argv3[] = {"cases", "--help", NULL};
	assert_int_equal(cmd_import_cases(&cli, 2, argv3), EXIT_OK);
	unlink(path);
	unlink(dbpath);
	char wal[64];
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", dbpath);
	unlink(wal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_valid_spreadsheet_is_imported_with_types_outcomes_and_closure, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_bad_file_reports_line_and_column_and_adds_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_reference_already_in_the_database_is_a_problem, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(a_file_without_required_columns_is_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(unknown_agencies_can_be_created_on_request, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(the_command_prints_problems_and_exits_1, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
