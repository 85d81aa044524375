/* nestguard version */
#include <stdio.h>
#include <sqlite3.h>
#include "cli/cli.h"
#include "version.h"

int cmd_version(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: nestguard version\nPrint the version of nestguard and of its SQLite library.");
		return EXIT_OK;
	}
	if (argc > 1) return cli_usage_error("version", "unexpected argument '%s'", argv[1]);
	printf("nestguard %s (SQLite %s)\n", NESTGUARD_VERSION, sqlite3_libversion());
	return EXIT_OK;
}
