/* nestguard retention rules|set|review|purge — the retention rules, the review queue, and
 * deleting or anonymising what has passed its retention period. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/retention.h"
#include "util/arena.h"

static const char usage[] =
	"usage: nestguard [--db PATH] retention rules\n"
	"       nestguard [--db PATH] retention set TYPE --months N --action delete|anonymise\n"
	"       nestguard [--db PATH] retention review [--as-of DATE]\n"
	"       nestguard [--db PATH] retention purge [--as-of DATE]\n"
	"rules   prints the retention period and action for each kind of record (closed_case, declined_referral).\n"
	"set     changes one rule.\n"
	"review  lists the records past their retention period on DATE (default today), oldest first;\n"
	"        records kept by a hold are marked \"held until\".\n"
	"purge   deletes or anonymises every record due on DATE that is not held, removes the content from the\n"
	"        database file and its WAL, and records ids and counts (never content) in the audit.\n"
	"        Backups taken earlier still hold the content: see docs/admin-guide.md.\n";

static const struct actor system_actor = {0, 0, 0, "cli"};

/* Parse "[--as-of DATE]" from ARGV (after the subcommand). */
static int parse_as_of(const char *cmd, int argc, char **argv, const char **as_of)
{
	*as_of = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) *as_of = argv[++i];
		else if (strncmp(argv[i], "--as-of=", 8) == 0) *as_of = argv[i] + 8;
		else return cli_usage_error(cmd, "unknown argument '%s'", argv[i]);
	}
	return EXIT_OK;
}

static int retention_rules_cmd(struct cli *cli)
{
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct arena *a = arena_new();
	struct retention_rule *r;
	size_t n = retention_rules(db, a, &r);
	for (size_t i = 0; i < n; i++) printf("%-18s %4d months  %-9s  %s\n", r[i].record_type, r[i].months, r[i].action, r[i].label);
	arena_free(a);
	db_close(db);
	return EXIT_OK;
}

static int retention_set_cmd(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') return cli_usage_error("retention set", "name the kind of record: closed_case or declined_referral");
	const char *months = NULL, *action = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--months") == 0 && i + 1 < argc) months = argv[++i];
		else if (strcmp(argv[i], "--action") == 0 && i + 1 < argc) action = argv[++i];
		else return cli_usage_error("retention set", "unknown argument '%s'", argv[i]);
	}
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct arena *a = arena_new();
	struct retention_rule *r;
	size_t n = retention_rules(db, a, &r);
	for (size_t i = 0; i < n && (!months || !action); i++) {
		if (strcmp(r[i].record_type, argv[1])) continue;
		if (!months) months = arena_printf(a, "%d", r[i].months);
		if (!action) action = r[i].action;
	}
	struct field_errors e;
	field_errors_init(&e);
	int rc = retention_rule_set(db, &system_actor, argv[1], months, action, &e);
	arena_free(a);
	db_close(db);
	if (rc == MODEL_NOT_FOUND) return cli_error("unknown kind of record '%s' (closed_case or declined_referral)", argv[1]);
	if (rc != MODEL_OK) return cli_error("--%s: %s", e.items[0].field, e.items[0].message);
	return EXIT_OK;
}

static int retention_review_cmd(struct cli *cli, int argc, char **argv)
{
	const char *as_of;
	if (parse_as_of("retention review", argc, argv, &as_of) != EXIT_OK) return EXIT_USAGE;
	char day[11];
	if (as_of && date_normalise(as_of, day) != 0) return cli_error("--as-of: enter a date like 2031-04-01");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct arena *a = arena_new();
	struct retention_item *it;
	size_t n = retention_review(db, &system_actor, as_of, a, &it);
	for (size_t i = 0; i < n; i++)
		printf("%-18s %-8lld %-16s from %s due %s %s%s%s\n", it[i].record_type, (long long)it[i].id, it[i].reference,
			it[i].started_on, it[i].due_on, it[i].action, *it[i].held_until ? " held until " : "", it[i].held_until);
	printf("%zu record%s past retention\n", n, n == 1 ? "" : "s");
	arena_free(a);
	db_close(db);
	return EXIT_OK;
}

static int retention_purge_cmd(struct cli *cli, int argc, char **argv)
{
	const char *as_of;
	if (parse_as_of("retention purge", argc, argv, &as_of) != EXIT_OK) return EXIT_USAGE;
	char day[11];
	if (as_of && date_normalise(as_of, day) != 0) return cli_error("--as-of: enter a date like 2031-04-01");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct retention_result r;
	struct field_errors e;
	field_errors_init(&e);
	int rc = retention_purge(db, &system_actor, as_of, &r, &e);
	db_close(db);
	if (rc != MODEL_OK) return cli_error("%s", field_errors_first(&e));
	printf("cases deleted %lld, anonymised %lld; referrals deleted %lld; people deleted %lld; properties deleted %lld; held %lld\n",
		(long long)r.cases_deleted, (long long)r.cases_anonymised, (long long)r.referrals_deleted, (long long)r.people_deleted,
		(long long)r.properties_deleted, (long long)r.held);
	return EXIT_OK;
}

int cmd_retention(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	const char *sub = argv[1];
	if (!strcmp(sub, "rules")) {
		if (argc > 2) return cli_usage_error("retention rules", "unexpected argument '%s'", argv[2]);
		return retention_rules_cmd(cli);
	}
	if (!strcmp(sub, "set")) return retention_set_cmd(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "review")) return retention_review_cmd(cli, argc - 1, argv + 1);
	if (!strcmp(sub, "purge")) return retention_purge_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error("retention", "unknown subcommand '%s'", sub);
}
