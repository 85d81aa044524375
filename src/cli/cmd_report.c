/* nestguard report SUBCOMMAND -- reports from the command line: the evaluation in any of its
 * four formats (the same code as the web page), and the settings the evaluation uses. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/evaluation_settings.h"
#include "report/evaluation.h"
#include "report/report_text.h"
#include "util/arena.h"
#include "util/buf.h"

static const struct actor cli_actor = {0, 0, 0, "cli"};

static const char evaluation_usage[] =
	"usage: nestguard [--db PATH] report evaluation [--from DATE] [--to DATE] --format html|pdf|csv|xlsx\n"
	"                 [-o FILE] [--public] [--title TEXT] [--organisation NAME]\n"
	"       nestguard [--db PATH] report evaluation --sql\n"
	"The evaluation of the exploitation service for a period: referrals, exploitation types, totals,\n"
	"outcomes, cases by area and ward, cost-benefit, and approved case studies (anonymised).\n"
	"  --from DATE       first day (YYYY-MM-DD or D/M/YYYY); default: the first referral\n"
	"  --to DATE         last day; default: today\n"
	"  --format F        html (printable, with SVG charts and the ward map), pdf, csv (one file,\n"
	"                    a section per table) or xlsx (a sheet per table, native charts);\n"
	"                    may be left out when -o ends in .html, .pdf, .csv or .xlsx\n"
	"  -o FILE           write to FILE (default: standard output)\n"
	"  --public          the version for the board and the public: counts below the threshold\n"
	"                    (report settings) shown as \"fewer than N\", with secondary suppression\n"
	"  --title TEXT      the report's title; --organisation NAME goes into the footer\n"
	"  --sql             print the SQL the figures come from (?1 = first day, ?2 = last day)\n"
	"Every export is recorded in the audit trail. See docs/reports-evaluation.md.\n";

static const char settings_usage[] =
	"usage: nestguard [--db PATH] report settings [--void-cost POUNDS] [--service-cost POUNDS]\n"
	"                 [--threshold N] [--unit-cost ID=POUNDS]...\n"
	"Show or change what the evaluation uses: the average void cost and the cost of the service\n"
	"(cost-benefit), the small-number threshold of board and public versions (2-100), and the\n"
	"unit costs of the wider cost-benefit view (by id, as listed; 0 leaves a line out).\n";

static const char report_usage[] =
	"usage: nestguard [--db PATH] report SUBCOMMAND [OPTIONS]\n\nSubcommands:\n"
	"  evaluation  the evaluation report (html, pdf, csv, xlsx)\n"
	"  settings    show or change the evaluation's settings and unit costs\n"
	"\nRun 'nestguard report SUBCOMMAND --help' for its options.\n";

/* The value of option ARGV[*I] ("--from X" or "--from=X"); NULL when it is another option. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0) return NULL;
	if (argv[*i][n] == '=') return argv[*i] + n + 1;
	if (argv[*i][n] != 0) return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

static const char *format_from_path(const char *path)
{
	static const char *const formats[] = {"html", "pdf", "csv", "xlsx", NULL};
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot) return NULL;
	for (int i = 0; formats[i]; i++)
		if (strcasecmp(dot + 1, formats[i]) == 0) return formats[i];
	if (strcasecmp(dot + 1, "htm") == 0) return "html";
	return NULL;
}

static int write_output(const char *path, const struct buf *b)
{
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(b->data ? b->data : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0)
			return cli_error("cannot write the report: %s", strerror(errno));
		return EXIT_OK;
	}
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	if (!f) return cli_error("cannot write %s: %s", path, strerror(errno));
	int ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		remove(tmp);
		return cli_error("cannot write %s: %s", path, strerror(e));
	}
	return EXIT_OK;
}

static int report_evaluation(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(evaluation_usage, stdout);
		return EXIT_OK;
	}
	const char *from = NULL, *to = NULL, *format = NULL, *path = NULL, *v;
	struct evaluation_output out = {0, NULL, NULL};
	int sql = 0, missing = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = option_value(argc, argv, &i, "--from", &missing))) from = v;
		else if ((v = option_value(argc, argv, &i, "--to", &missing))) to = v;
		else if ((v = option_value(argc, argv, &i, "--format", &missing))) format = v;
		else if ((v = option_value(argc, argv, &i, "--output", &missing)) || (v = option_value(argc, argv, &i, "-o", &missing))) path = v;
		else if ((v = option_value(argc, argv, &i, "--title", &missing))) out.title = v;
		else if ((v = option_value(argc, argv, &i, "--organisation", &missing))) out.organisation = v;
		else if (!missing && strcmp(argv[i], "--public") == 0) out.public_version = 1;
		else if (!missing && strcmp(argv[i], "--sql") == 0) sql = 1;
		if (missing) return cli_usage_error("report evaluation", "%s needs a value", argv[i]);
		if (!v && strcmp(argv[i], "--public") != 0 && strcmp(argv[i], "--sql") != 0)
			return cli_usage_error("report evaluation", "unknown option '%s'", argv[i]);
	}
	if (sql) {
		struct buf b = BUF_INIT;
		evaluation_sql(&b);
		int rc = write_output(path, &b);
		buf_free(&b);
		return rc;
	}
	if (!format) format = format_from_path(path);
	if (!format) return cli_usage_error("report evaluation", "say which format: --format html, pdf, csv or xlsx");
	if (strcmp(format, "html") && strcmp(format, "pdf") && strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cli_usage_error("report evaluation", "unknown format '%s': use html, pdf, csv or xlsx", format);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	char first[11], last[11], error[240];
	if (evaluation_period(db, from, to, first, last, error, sizeof error, NULL) != 0) {
		db_close(db);
		return cli_usage_error("report evaluation", "%s", error);
	}
	/* the charts of HTML and PDF measure text: the fonts load while the figures are counted */
	if (strcmp(format, "html") == 0 || strcmp(format, "pdf") == 0) report_text_prepare_in_background();
	struct evaluation ev;
	evaluation_compute(db, first, last, NULL, &ev);
	struct buf b = BUF_INIT, err = BUF_INIT;
	int rc = 0;
	if (strcmp(format, "html") == 0) rc = evaluation_write_html(&ev, &out, 1, &b);
	else if (strcmp(format, "pdf") == 0) rc = evaluation_write_pdf(&ev, &out, &b);
	else if (strcmp(format, "csv") == 0) rc = evaluation_write_csv(&ev, &out, &b);
	else rc = evaluation_write_xlsx(&ev, &out, &b, &err);
	int status;
	if (rc != 0) {
		status = cli_error("cannot produce the %s report: %s", format, err.len ? buf_str(&err) : "the renderer failed");
	} else {
		status = write_output(path, &b);
		if (status == EXIT_OK) evaluation_audit(db, &cli_actor, &ev, format, out.public_version);
	}
	buf_free(&b);
	buf_free(&err);
	evaluation_free(&ev);
	db_close(db);
	return status;
}

static void print_settings(struct db *db)
{
	struct evaluation_settings s;
	evaluation_settings_load(db, &s);
	char v[48];
	money_format(s.void_cost_pence, 1, v, sizeof v);
	printf("void cost            %s\n", v);
	money_format(s.service_cost_pence, 1, v, sizeof v);
	printf("service cost         %s\n", v);
	printf("threshold            %ld\n", s.suppression_threshold);
	struct arena *a = arena_new();
	struct unit_cost *u;
	size_t n = unit_cost_list(db, a, &u);
	printf("\nunit costs (id, amount, applies, name):\n");
	for (size_t i = 0; i < n; i++) {
		if (u[i].amount_pence) money_format(u[i].amount_pence, 1, v, sizeof v);
		else snprintf(v, sizeof v, "not set");
		printf("  %-4" PRId64 " %-12s %s%s%s: %s\n", u[i].id, v, unit_cost_basis_label(u[i].basis),
			*u[i].basis_code ? " " : "", u[i].basis_code, u[i].label);
	}
	arena_free(a);
}

static int print_errors(const struct field_errors *e)
{
	for (int i = 0; i < e->count; i++) fprintf(stderr, "nestguard: %s: %s\n", e->items[i].field, e->items[i].message);
	return EXIT_USER;
}

static int report_settings(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(settings_usage, stdout);
		return EXIT_OK;
	}
	const char *void_cost = NULL, *service_cost = NULL, *threshold = NULL, *v;
	const char *unit[64];
	int units = 0, missing = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = option_value(argc, argv, &i, "--void-cost", &missing))) void_cost = v;
		else if ((v = option_value(argc, argv, &i, "--service-cost", &missing))) service_cost = v;
		else if ((v = option_value(argc, argv, &i, "--threshold", &missing))) threshold = v;
		else if ((v = option_value(argc, argv, &i, "--unit-cost", &missing))) {
			if (units == 64) return cli_usage_error("report settings", "too many --unit-cost options");
			unit[units++] = v;
		}
		if (missing) return cli_usage_error("report settings", "%s needs a value", argv[i]);
		if (!v) return cli_usage_error("report settings", "unknown option '%s'", argv[i]);
	}
	for (int k = 0; k < units; k++)
		if (!strchr(unit[k], '=')) return cli_usage_error("report settings", "--unit-cost takes ID=POUNDS, not '%s'", unit[k]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct field_errors errs;
	field_errors_init(&errs);
	int rc = EXIT_OK;
	if (void_cost || service_cost || threshold) {
		if (evaluation_settings_save(db, &cli_actor, void_cost, service_cost, threshold, &errs) != MODEL_OK)
			rc = print_errors(&errs);
	}
	struct arena *a = arena_new();
	for (int k = 0; k < units && rc == EXIT_OK; k++) {
		char id[32];
		const char *eq = strchr(unit[k], '=');
		snprintf(id, sizeof id, "%.*s", (int)(eq - unit[k]), unit[k]);
		struct unit_cost *u;
		size_t n = unit_cost_list(db, a, &u);
		const struct unit_cost *found = NULL;
		for (size_t i = 0; i < n; i++)
			if (strtoll(id, NULL, 10) == u[i].id && *id) found = &u[i];
		if (!found) {
			rc = cli_error("there is no unit cost with id '%s' (see 'nestguard report settings')", id);
			break;
		}
		field_errors_init(&errs);
		if (unit_cost_save(db, &cli_actor, id, found->label, found->basis, found->basis_code, eq + 1, found->assumption,
				&errs, NULL) != MODEL_OK)
			rc = print_errors(&errs);
	}
	arena_free(a);
	if (rc == EXIT_OK) print_settings(db);
	db_close(db);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(report_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "evaluation") == 0) return report_evaluation(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "settings") == 0) return report_settings(cli, argc - 1, argv + 1);
	return cli_usage_error("report", "unknown subcommand '%s'", argv[1]);
}
