/* nestguard backup FILE — an online, consistent copy through SQLite's backup API. */
#include <stdio.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		puts("usage: nestguard [--db PATH] backup FILE\n"
		     "Copy the live database to FILE, and its access log to FILE.access, while the server\n"
		     "keeps running. FILE must not exist. Keep the two files together.\n"
		     "The copy holds the same personal data as the live database: store it encrypted and\n"
		     "apply the same retention rules (see docs/admin-guide.md).");
		return EXIT_OK;
	}
	if (argc == 2 && argv[1][0] == '-') return cli_usage_error("backup", "unknown option '%s'", argv[1]);
	if (argc != 2) return cli_usage_error("backup", "expected exactly one FILE");
	if (access(argv[1], F_OK) == 0) return cli_error("%s already exists; choose a new file name", argv[1]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	char err[512];
	int rc = db_backup(db, argv[1], err, sizeof err);
	db_close(db);
	if (rc != 0) return cli_error("%s", err);
	printf("backed up %s to %s\n", cli->db_path, argv[1]);
	return EXIT_OK;
}
