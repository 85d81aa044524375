/* nestguard setting get|set|list */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/setting.h"

static const char usage[] =
	"usage: nestguard [--db PATH] setting list\n"
	"       nestguard [--db PATH] setting get NAME\n"
	"       nestguard [--db PATH] setting set NAME VALUE\n"
	"Settings live in the database. Known names:\n"
	"  totp.enforce   1 (default): administrators and team leaders must use two-factor sign-in; 0: optional\n";

int cmd_setting(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "list") == 0 ? argc != 2 : strcmp(sub, "get") == 0 ? argc != 3 : strcmp(sub, "set") == 0 ? argc != 4 : 1)
		return cli_usage_error("setting", "expected 'list', 'get NAME' or 'set NAME VALUE'");
	if (strcmp(sub, "set") == 0 && (strlen(argv[2]) > 100 || strlen(argv[3]) > 10000))
		return cli_error("setting names are at most 100 characters and values 10,000");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int rc = EXIT_OK;
	if (strcmp(sub, "list") == 0) {
		struct db_stmt *st = db_prepare(db, "SELECT name, value FROM setting ORDER BY name");
		while (db_step(st) == DB_ROW) printf("%s=%s\n", db_column_text(st, 0), db_column_text(st, 1));
		db_finalize(st);
	} else if (strcmp(sub, "get") == 0) {
		char *v = setting_get(db, argv[2], NULL);
		if (v) printf("%s\n", v);
		else rc = cli_error("no setting named '%s'", argv[2]);
		free(v);
	} else {
		static const struct actor cli_actor = {0, 0, 0, "cli"};
		setting_set(db, &cli_actor, argv[2], argv[3]);
		printf("%s=%s\n", argv[2], argv[3]);
	}
	db_close(db);
	return rc;
}
