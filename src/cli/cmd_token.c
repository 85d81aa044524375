/* nestguard token create|revoke|list */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/api_token.h"
#include "model/user.h"

static const char usage[] =
	"usage: nestguard [--db PATH] token create --email E [--label TEXT]\n"
	"       nestguard [--db PATH] token revoke --id N\n"
	"       nestguard [--db PATH] token list\n"
	"create prints a personal API token once: send it as 'Authorization: Bearer TOKEN'.\n"
	"Only a hash is stored; a lost token cannot be shown again, only revoked and replaced.\n";

static const struct actor cli_actor = {0, 0, 0, "cli"};

static int token_create_cmd(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {{"email", required_argument, 0, 'e'}, {"label", required_argument, 0, 'l'}, {0, 0, 0, 0}};
	const char *email = NULL, *label = "";
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'e') email = optarg;
		else if (c == 'l') label = optarg;
		else return cli_usage_error("token create", "unknown option '%s'", argv[optind - 1]);
	}
	if (!email || optind < argc) return cli_usage_error("token create", "--email is required");
	if (strlen(label) > 200) return cli_error("the label must be 200 characters or fewer");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t uid = db_int(db, 0, "SELECT id FROM user WHERE email=? AND disabled=0", "t", email);
	if (!uid) { db_close(db); return cli_error("no active user with email '%s'", email); }
	char token[API_TOKEN_CHARS + 1];
	int64_t id = api_token_create(db, &cli_actor, uid, label, token);
	db_close(db);
	printf("%s\n", token);
	fprintf(stderr, "token %lld created for %s; it is shown only this once\n", (long long)id, email);
	return EXIT_OK;
}

static int token_revoke_cmd(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {{"id", required_argument, 0, 'i'}, {0, 0, 0, 0}};
	long long id = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;
		if (c != 'i') return cli_usage_error("token revoke", "unknown option '%s'", argv[optind - 1]);
		id = strtoll(optarg, &end, 10);
		if (*end || id <= 0) return cli_usage_error("token revoke", "--id takes a token number (see 'token list')");
	}
	if (!id || optind < argc) return cli_usage_error("token revoke", "--id is required");
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int rc = api_token_revoke(db, &cli_actor, id);
	db_close(db);
	if (rc != 0) return cli_error("no live token with id %lld", id);
	printf("revoked token %lld\n", id);
	return EXIT_OK;
}

static int token_list_cmd(struct cli *cli, int argc, char **argv)
{
	if (argc > 1) return cli_usage_error("token list", "unexpected argument '%s'", argv[1]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct db_stmt *st = db_prepare(db, "SELECT t.id, u.email, t.label, t.revoked_at IS NOT NULL FROM api_token t"
		" JOIN user u ON u.id=t.user_id ORDER BY t.id");
	printf("%-5s %-32s %-8s %s\n", "ID", "USER", "STATUS", "LABEL");
	while (db_step(st) == DB_ROW)
		printf("%-5lld %-32s %-8s %s\n", (long long)db_column_int(st, 0), db_column_text(st, 1),
			db_column_int(st, 3) ? "revoked" : "live", db_column_text(st, 2));
	db_finalize(st);
	db_close(db);
	return EXIT_OK;
}

int cmd_token(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "create") == 0) return token_create_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "revoke") == 0) return token_revoke_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) return token_list_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error("token", "unknown subcommand '%s'", argv[1]);
}
