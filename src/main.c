/* nestguard — command dispatch: global options, then the command table. Nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"

const struct command commands[] = {
	{"serve", "run the web server", cmd_serve},
	{"demo", "create a database with fictional demo data", cmd_demo},
	{"user", "add, disable and list users", cmd_user},
	{"agency", "add and list agencies", cmd_agency},
	{"token", "create and revoke personal API tokens", cmd_token},
	{"migrate", "apply pending schema migrations", cmd_migrate},
	{"import", "import police.uk data, boundaries, lookups and incident logs", cmd_import},
	{"backup", "copy the live database to a file", cmd_backup},
	{"audit", "verify the audit chain", cmd_audit},
	{"report", "the evaluation report and its settings", cmd_report},
	{"setting", "read and change settings", cmd_setting},
	{"analyse", "crime analytics: trends, hot spots, peak times, near repeats, cases by ward; on point files too", cmd_analyse},
	{"key", "rotate the field-encryption key", cmd_key},
	{"retention", "retention rules, review queue and purge", cmd_retention},
	{"sar", "subject access export of one person (JSON or PDF)", cmd_sar},
	{"version", "print the version", cmd_version},
	{NULL, NULL, NULL}
};

static void usage(FILE *out)
{
	fputs("usage: nestguard [--db PATH] COMMAND [ARGS]\n\n"
	      "The database is --db PATH, else $NESTGUARD_DB, else ./nestguard.db.\n\nCommands:\n", out);
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\nRun 'nestguard COMMAND --help' for a command's options.\n", out);
}

int main(int argc, char **argv)
{
	/* Every file nestguard creates (the database, its access log, write-ahead logs, exports,
	 * backups) holds or may hold personal data: readable by the owner only. */
	umask(077);
	struct cli cli = {0};
	cli.db_path = getenv("NESTGUARD_DB");
	if (!cli.db_path || !*cli.db_path) cli.db_path = "nestguard.db";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) cli.db_path = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0) cli.db_path = argv[i] + 5;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { usage(stdout); return EXIT_OK; }
		else if (strcmp(argv[i], "--version") == 0) return cmd_version(&cli, 1, argv);
		else { fprintf(stderr, "nestguard: unknown option '%s'\n", argv[i]); usage(stderr); return EXIT_USAGE; }
	}
	if (i >= argc) { usage(stderr); return EXIT_USAGE; }
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, argv[i]) == 0) return c->run(&cli, argc - i, argv + i);
	fprintf(stderr, "nestguard: unknown command '%s'\n", argv[i]);
	usage(stderr);
	return EXIT_USAGE;
}
