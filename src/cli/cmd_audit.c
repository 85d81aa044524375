/* nestguard audit verify|list */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/audit_search.h"
#include "util/arena.h"
#include "util/clock.h"

static const char usage[] =
	"usage: nestguard [--db PATH] audit verify\n"
	"       nestguard [--db PATH] audit list [--last N]\n"
	"verify checks the hash chains of the audit log (changes) and the access log (views,\n"
	"searches, exports, sign-ins): exit 0 when intact, 1 naming the first bad row.\n"
	"list prints the most recent rows of both (default 50, at most 500), oldest first.\n";

static int audit_verify_cmd(struct cli *cli)
{
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t bad = 0, n = 0;
	char why[256];
	int rc = audit_verify(db, &n, &bad, why, sizeof why);
	db_close(db);
	if (rc != 0) return cli_error("audit chain broken: %s", why);
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
			if (*end || last < 1 || last > 500) return cli_usage_error("audit list", "--last takes a number from 1 to 500");
		} else {
			return cli_usage_error("audit list", "unknown argument '%s'", argv[i]);
		}
	}
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct arena *a = arena_new();
	struct audit_filter f = {0};
	f.limit = (int)last;
	struct audit_entry *rows;
	int more;
	size_t n = audit_search(db, a, &f, &rows, &more, NULL);
	for (size_t i = n; i-- > 0;) {   /* oldest first */
		char when[32];
		clock_format_iso(rows[i].at, when, sizeof when);
		printf("%s %lld %s user=%lld %s %s %s client=%s %s\n", rows[i].log == AUDIT_CHANGES ? "change" : "access",
			(long long)rows[i].id, when, (long long)rows[i].user_id, rows[i].action, rows[i].record_type,
			rows[i].record_id, rows[i].client, rows[i].detail);
	}
	arena_free(a);
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
