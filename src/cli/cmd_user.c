/* nestguard user add|disable|list */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/agency.h"
#include "model/password.h"
#include "model/two_factor.h"
#include "model/user.h"

static const char usage[] =
	"usage: nestguard [--db PATH] user add --email E --name N --agency A --role R[,R...] [--password-stdin]\n"
	"       nestguard [--db PATH] user disable --email E\n"
	"       nestguard [--db PATH] user list\n"
	"       nestguard [--db PATH] user reset-two-factor --email E\n"
	"Roles: referrer, caseworker, team_leader, partner, analyst, administrator.\n"
	"Without --password-stdin a random password is generated and printed once.\n"
	"Disabling a user ends their sessions and revokes their API tokens.\n"
	"reset-two-factor removes a lost authenticator: the user sets up a new one at next sign-in.\n";

static const struct actor cli_actor = {0, 0, 0, "cli"};

static int user_add_cmd(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"email", required_argument, 0, 'e'}, {"name", required_argument, 0, 'n'},
		{"agency", required_argument, 0, 'a'}, {"role", required_argument, 0, 'r'},
		{"password-stdin", no_argument, 0, 'p'}, {0, 0, 0, 0}};
	const char *email = NULL, *name = NULL, *agency = NULL, *role = NULL;
	int from_stdin = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': email = optarg; break;
		case 'n': name = optarg; break;
		case 'a': agency = optarg; break;
		case 'r': role = optarg; break;
		case 'p': from_stdin = 1; break;
		default: return cli_usage_error("user add", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc) return cli_usage_error("user add", "unexpected argument '%s'", argv[optind]);
	if (!email || !name || !agency || !role) return cli_usage_error("user add", "--email, --name, --agency and --role are required");
	unsigned roles = role_set_from_list(role);
	if (!roles) return cli_error("unknown role in '%s'; roles are referrer, caseworker, team_leader, partner, analyst, administrator", role);
	char password[PASSWORD_MAX_LENGTH + 2];
	if (from_stdin) {
		if (!fgets(password, sizeof password, stdin)) return cli_error("no password on standard input");
		password[strcspn(password, "\r\n")] = 0;
	} else {
		password_generate(password, 20);
	}
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t agency_id = agency_find_by_name(db, agency);
	if (!agency_id) { db_close(db); return cli_error("no agency named '%s' (see 'nestguard agency list')", agency); }
	struct user_new nu = {email, name, agency_id, roles, password};
	struct user_errors e;
	int64_t id = user_add(db, &cli_actor, &nu, &e);
	db_close(db);
	if (!id) {
		const char *msg = e.email ? e.email : e.name ? e.name : e.agency ? e.agency : e.roles ? e.roles : e.password;
		return cli_error("%s", msg);
	}
	printf("added user %lld <%s>\n", (long long)id, email);
	if (!from_stdin) printf("password: %s\n", password);
	return EXIT_OK;
}

/* Find --email E in ARGV for subcommand NAME; NULL (after a usage message) when missing. */
static const char *email_option(int argc, char **argv, const char *name)
{
	static const struct option longopts[] = {{"email", required_argument, 0, 'e'}, {0, 0, 0, 0}};
	const char *email = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c != 'e') { cli_usage_error(name, "unknown option '%s'", argv[optind - 1]); return NULL; }
		email = optarg;
	}
	if (!email || optind < argc) { cli_usage_error(name, "--email is required"); return NULL; }
	return email;
}

static int user_reset_two_factor_cmd(struct cli *cli, int argc, char **argv)
{
	const char *email = email_option(argc, argv, "user reset-two-factor");
	if (!email) return EXIT_USAGE;
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t id = user_find_by_email(db, email);
	if (id) two_factor_reset(db, &cli_actor, id);
	db_close(db);
	if (!id) return cli_error("no user with email '%s'", email);
	printf("two-factor sign-in reset for user %lld\n", (long long)id);
	return EXIT_OK;
}

static int user_disable_cmd(struct cli *cli, int argc, char **argv)
{
	const char *email = email_option(argc, argv, "user disable");
	if (!email) return EXIT_USAGE;
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	int64_t id = user_find_by_email(db, email);
	int rc = id ? user_disable(db, &cli_actor, id) : -1;
	db_close(db);
	if (rc != 0) return cli_error("no user with email '%s'", email);
	printf("disabled user %lld; their sessions and API tokens have ended\n", (long long)id);
	return EXIT_OK;
}

static int user_list_cmd(struct cli *cli, int argc, char **argv)
{
	if (argc > 1) return cli_usage_error("user list", "unexpected argument '%s'", argv[1]);
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	struct db_stmt *st = db_prepare(db, "SELECT u.id, u.email, u.name, a.name, u.roles, u.disabled FROM user u"
		" JOIN agency a ON a.id=u.agency_id ORDER BY u.id");
	printf("%-5s %-32s %-24s %-28s %-8s %s\n", "ID", "EMAIL", "NAME", "AGENCY", "STATUS", "ROLES");
	while (db_step(st) == DB_ROW) {
		unsigned roles = (unsigned)db_column_int(st, 4);
		printf("%-5lld %-32s %-24s %-28s %-8s ", (long long)db_column_int(st, 0), db_column_text(st, 1),
			db_column_text(st, 2), db_column_text(st, 3), db_column_int(st, 5) ? "disabled" : "active");
		int first = 1;
		for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1)
			if (roles & r) { printf("%s%s", first ? "" : ",", role_name(r)); first = 0; }
		putchar('\n');
	}
	db_finalize(st);
	db_close(db);
	return EXIT_OK;
}

int cmd_user(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "add") == 0) return user_add_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "disable") == 0) return user_disable_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) return user_list_cmd(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "reset-two-factor") == 0) return user_reset_two_factor_cmd(cli, argc - 1, argv + 1);
	return cli_usage_error("user", "unknown subcommand '%s'", argv[1]);
}
