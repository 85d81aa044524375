/* nestguard audit verify|list */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/audit.h"
#include "util/clock.h"

static const char usage[] =
	"usage: nestguard [--db PATH] audit verify\n"
	"       nestguard [--db PATH] audit list [--last N]\n"
	"verify checks the hash chain: exit 0 when intact, 1 naming the first bad row.\n"
	"list prints the most recent audit rows (default 50).\n";

static int audit_verify_cmd(struct cli *cli)
{
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t bad = 0;
	char why[256];
	int rc = audit_verify(db, &bad, why, sizeof why);
	int64_t n = db_int(db, 0, "SELECT count(*) FROM audit", "");
	db_close(db);
	if (rc != 0) return cli_error("audit chain broken at row %lld: %s", (long long)bad, why);
	printf("audit chain intact: %lld rows\n", (long long)n);
	return EXIT_OK;
}

static int audit_list_cmd(struct cli *cli, int argc, char **argv)
{
	long last = 50;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--last") == 0 && i + 1 < argc) {
			char *end;
			last = strtol(argv[++i], &end, 10);
			if (*end || last < 1) return cli_usage_error("audit list", "--last takes a positive number");
		} else {
			return cli_usage_error("audit list", "unknown argument '%s'", argv[i]);
		}
	}
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct db_stmt *st = db_preparef(db, "SELECT id, at, user_id, action, record_type, record_id, client, detail FROM"
		" (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id", "i", (int64_t)last);
	while (db_step(st) == DB_ROW) {
		char when[32];
		clock_format_iso(db_column_int(st, 1), when, sizeof when);
		printf("%lld %s user=%lld %s %s %s client=%s %s\n", (long long)db_column_int(st, 0), when,
			(long long)db_column_int(st, 2), db_column_text(st, 3), db_column_text(st, 4),
			db_column_text(st, 5), db_column_text(st, 6), db_column_text(st, 7));
	}
	db_finalize(st);
	db_close(db);
	return EXIT_OK;
}

int cmd_audit(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "verify") == 0) {
		if (argc > 2) return cli_usage_error("audit verify", "unexpected argument '%s'", argv[2]);
		return audit_verify_cmd(cli);
	}
	if (strcmp(argv[1], "list") == 0) return audit_list_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error("audit", "unknown subcommand '%s'", argv[1]);
}
