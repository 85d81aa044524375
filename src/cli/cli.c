/* Helpers shared by the commands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/field_crypto.h"

struct db *cli_open_db(struct cli *cli)
{
	char err[512];
	struct db *db = db_open(cli->db_path, err, sizeof err);
	if (!db) {
		fprintf(stderr, "nestguard: %s\n", err);
		return NULL;
	}
	db_migrate(db);
	struct stat st;
	if (stat(cli->db_path, &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "nestguard: warning: database %s is readable by other users; chmod 600 it (and its"
			" -wal, -shm and .access files)\n", cli->db_path);
	if (!audit_access_log_present(db)) {
		fprintf(stderr, "nestguard: the access log %s.access is missing: restore it with the database from the"
			" same backup (nestguard backup writes both files)\n", cli->db_path);
		db_close(db);
		return NULL;
	}
	/* every command that opens the database may read or write the encrypted columns */
	if (field_crypto_init(cli->db_path, err, sizeof err) != 0) {
		fprintf(stderr, "nestguard: %s\n", err);
		db_close(db);
		return NULL;
	}
	return db;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("nestguard: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_USER;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "nestguard %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry 'nestguard %s --help'.\n", cmd);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
	return 0;
}
