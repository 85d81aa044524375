/* nestguard key rotate — a new field-encryption key, and every encrypted value re-sealed with it. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/field_crypto.h"

static const char usage[] =
	"usage: nestguard [--db PATH] key rotate\n"
	"Add a new key to the key file (NESTGUARD_KEY_FILE, default: the database path + \".key\")\n"
	"and re-seal every encrypted column with it, in one transaction. Values written before\n"
	"encryption was switched on are sealed too. Older keys stay in the file so that backups\n"
	"taken before the rotation can still be read; see docs/admin-guide.md.\n"
	"A key given in NESTGUARD_KEY cannot be rotated here: move it to a key file first.\n";

static int key_rotate(struct cli *cli)
{
	struct db *db = cli_open_db(cli);
	if (!db) return EXIT_USER;
	char err[512];
	long n = field_crypto_rotate(db, err, sizeof err);
	if (n < 0) {
		db_close(db);
		return cli_error("%s", err);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "values=%ld", n);
	struct actor system = {0, 0, 0, "cli"};
	audit_record(db, &system, "key.rotate", "key", NULL, NULL, detail);
	/* the pages holding values sealed with the old key leave the WAL too */
	db_checkpoint_truncate(db);
	db_close(db);
	printf("re-sealed %ld values with the new key\n", n);
	return EXIT_OK;
}

int cmd_key(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "rotate") == 0) {
		if (argc > 2) return cli_usage_error("key rotate", "unexpected argument '%s'", argv[2]);
		return key_rotate(cli);
	}
	return cli_usage_error("key", "unknown subcommand '%s'", argv[1]);
}
