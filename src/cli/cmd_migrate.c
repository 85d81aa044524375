/* nestguard migrate — apply pending schema migrations. */
#include <stdio.h>
#include "cli/cli.h"
#include "db/db.h"

int cmd_migrate(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: nestguard [--db PATH] migrate\n"
		     "Create the database if needed and apply every schema migration not yet applied.");
		return EXIT_OK;
	}
	if (argc > 1) return cli_usage_error("migrate", "unexpected argument '%s'", argv[1]);
	char err[512];
	struct db *db = db_open(cli->db_path, err, sizeof err);
	if (!db) return cli_error("%s", err);
	int n = db_migrate(db);
	printf("applied %d migration%s; schema version %d\n", n, n == 1 ? "" : "s", db_schema_version(db));
	db_close(db);
	return EXIT_OK;
}
