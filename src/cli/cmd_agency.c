/* nestguard agency add|list */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/agency.h"

static const char usage[] =
	"usage: nestguard [--db PATH] agency add --name NAME [--kind KIND]\n"
	"       nestguard [--db PATH] agency list\n"
	"Kinds: council, police, housing, asb, adult_social_care, victim_services, health,\n"
	"       drug_alcohol, probation, fire, other (default).\n";

static int agency_add_cmd(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {{"name", required_argument, 0, 'n'}, {"kind", required_argument, 0, 'k'}, {0, 0, 0, 0}};
	const char *name = NULL, *kind = "other";
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'n') name = optarg;
		else if (c == 'k') kind = optarg;
		else return cli_usage_error("agency add", "unknown option '%s'", argv[optind - 1]);
	}
	if (!name || optind < argc) return cli_usage_error("agency add", "--name is required");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	static const struct actor cli_actor = {0, 0, 0, "cli"};
	const char *error = NULL;
	int64_t id = agency_add(db, &cli_actor, name, kind, &error);
	db_close(db);
	if (!id) return cli_error("%s", error);
	printf("added agency %lld: %s\n", (long long)id, name);
	return EXIT_OK;
}

static int agency_list_cmd(struct cli *cli, int argc, char **argv)
{
	if (argc > 1) return cli_usage_error("agency list", "unexpected argument '%s'", argv[1]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct db_stmt *st = db_prepare(db, "SELECT id, name, kind FROM agency ORDER BY id");
	printf("%-5s %-40s %s\n", "ID", "NAME", "KIND");
	while (db_step(st) == DB_ROW)
		printf("%-5lld %-40s %s\n", (long long)db_column_int(st, 0), db_column_text(st, 1), db_column_text(st, 2));
	db_finalize(st);
	db_close(db);
	return EXIT_OK;
}

int cmd_agency(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "add") == 0) return agency_add_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) return agency_list_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error("agency", "unknown subcommand '%s'", argv[1]);
}
