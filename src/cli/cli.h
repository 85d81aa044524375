/* Shared by every command: the command table entry, option parsing helpers and the
 * conventions (exit 0 ok, 1 user error with one line on stderr, 2 usage error). */
#ifndef NESTGUARD_CLI_H
#define NESTGUARD_CLI_H
#include <getopt.h>

struct db;

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

struct cli {
	const char *db_path;   /* from --db, NESTGUARD_DB or ./nestguard.db */
};

struct command {
	const char *name;
	const char *summary;
	int (*run)(struct cli *cli, int argc, char **argv);  /* argv[0] is the command name */
};

/* Open the database, apply pending migrations and load the field-encryption key ring (the key
 * file beside the database, or NESTGUARD_KEY / NESTGUARD_KEY_FILE); prints an error and
 * returns NULL on failure. */
struct db *cli_open_db(struct cli *cli);
/* Print "nestguard: MESSAGE" on stderr and return EXIT_USER. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "nestguard CMD: MESSAGE\nTry 'nestguard CMD --help'." and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when argv holds -h or --help anywhere. */
int cli_wants_help(int argc, char **argv);

/* Commands, each in src/cli/cmd_NAME.c */
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_agency(struct cli *cli, int argc, char **argv);
int cmd_token(struct cli *cli, int argc, char **argv);
int cmd_migrate(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_version(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_setting(struct cli *cli, int argc, char **argv);
int cmd_analyse(struct cli *cli, int argc, char **argv);
int cmd_key(struct cli *cli, int argc, char **argv);
int cmd_retention(struct cli *cli, int argc, char **argv);
int cmd_sar(struct cli *cli, int argc, char **argv);

extern const struct command commands[];

#endif
