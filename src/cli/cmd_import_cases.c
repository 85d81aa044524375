/* nestguard import cases FILE.csv — load past cases from a spreadsheet export, all or nothing,
 * reporting every problem as FILE:LINE: column: message. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_import_cases.h"
#include "db/db.h"
#include "model/case_import.h"

static const char usage[] =
	"usage: nestguard [--db PATH] import cases FILE.csv [--agency NAME] [--create-agencies] [--dry-run]\n"
	"Import past cases from a CSV export of a tracking spreadsheet. Every row is checked; if any row has\n"
	"a problem, each problem is listed as FILE:LINE: column: message and nothing is imported.\n"
	"The columns are described in docs/import-cases.md.\n"
	"  --agency NAME       the agency that owns the cases (default: the agency that receives referrals)\n"
	"  --create-agencies   add referring agencies that nestguard does not know yet\n"
	"  --dry-run           check the file without importing it\n";

int cmd_import_cases(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	struct case_import_options opt = {0};
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--agency") && i + 1 < argc) opt.agency_name = argv[++i];
		else if (!strncmp(argv[i], "--agency=", 9)) opt.agency_name = argv[i] + 9;
		else if (!strcmp(argv[i], "--create-agencies")) opt.create_agencies = 1;
		else if (!strcmp(argv[i], "--dry-run")) opt.dry_run = 1;
		else if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("import cases", "unknown option '%s'", argv[i]);
		else if (!path) path = argv[i];
		else return cli_usage_error("import cases", "expected one FILE, got '%s' as well", argv[i]);
	}
	if (!path) return cli_usage_error("import cases", "expected a FILE.csv to import");
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) return cli_error("cannot open %s", path);
	struct db *db = cli_open_db(cli);
	if (!db) {
		if (f != stdin) fclose(f);
		return EXIT_USER;
	}
	static struct case_import_result res;     /* large; one per process */
	int rc = case_import_csv(db, NULL, f, &opt, &res);
	if (f != stdin) fclose(f);
	db_close(db);
	if (res.ignored_columns[0])
		fprintf(stderr, "nestguard: note: columns not imported: %s\n", res.ignored_columns);
	if (rc != 0) {
		for (size_t i = 0; i < res.n_problems; i++) {
			const struct case_import_problem *p = &res.problems[i];
			if (p->line <= 0) fprintf(stderr, "%s: %s\n", path, p->message);
			else if (p->column[0]) fprintf(stderr, "%s:%ld: column '%s': %s\n", path, p->line, p->column, p->message);
			else fprintf(stderr, "%s:%ld: %s\n", path, p->line, p->message);
		}
		if (res.more_problems)
			fprintf(stderr, "%s: ... and %" PRId64 " more problems\n", path, res.more_problems);
		return cli_error("nothing was imported: %zu problem%s in %" PRId64 " rows",
			res.n_problems + (size_t)res.more_problems, res.n_problems + res.more_problems == 1 ? "" : "s", res.rows);
	}
	if (opt.dry_run) printf("%s: %" PRId64 " rows checked, no problems (dry run: nothing imported)\n", path, res.rows);
	else printf("imported %" PRId64 " cases from %s%s", res.imported, path, res.agencies_created ? "" : "\n");
	if (!opt.dry_run && res.agencies_created) printf(" (%" PRId64 " new agencies)\n", res.agencies_created);
	return EXIT_OK;
}
