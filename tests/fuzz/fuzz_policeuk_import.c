/* libFuzzer target: the police.uk importer (CSV reader, header detection, row checks,
 * identity keys, inserts) on arbitrary bytes. Either the file is committed and the rows
 * added plus those already present equal the rows read, or it is rejected with at least one
 * problem and nothing is stored. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "analytics/policeuk_import.h"
#include "db/db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct db *db;
	if (!db) {
		char err[128];
		db = db_open(":memory:", err, sizeof err);
		if (!db) __builtin_trap();
		db_migrate(db);
	}
	char path[] = "/tmp/nestguard-fuzz-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) __builtin_trap();
	close(fd);
	int64_t before = db_int(db, 0, "SELECT count(*) FROM crime", "") + db_int(db, 0, "SELECT count(*) FROM stop_search", "")
		+ db_int(db, 0, "SELECT count(*) FROM crime_outcome", "");
	struct import_summary s;
	int rc = policeuk_import_file(db, NULL, path, &s);
	unlink(path);
	int64_t after = db_int(db, 0, "SELECT count(*) FROM crime", "") + db_int(db, 0, "SELECT count(*) FROM stop_search", "")
		+ db_int(db, 0, "SELECT count(*) FROM crime_outcome", "");
	if (rc == 0) {
		if (s.problems_total || s.rows_added + s.rows_present != s.rows_read || after - before != s.rows_added)
			__builtin_trap();
	} else if (s.problems_total == 0 || after != before) {
		__builtin_trap();
	}
	return 0;
}
