/* Schema migrations: src/db/migrations/NNN_name.sql, embedded at build time, applied in
 * number order, each in its own transaction and recorded in schema_migrations (which db_open
 * creates). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "util/clock.h"
#include "util/embedded.h"
#include "util/xalloc.h"

int db_schema_version(struct db *db)
{
	return (int)db_int(db, 0, "SELECT max(version) FROM schema_migrations", "");
}

int db_migrate(struct db *db)
{
	int applied = 0;
	/* embedded_migrations is sorted by name, and names start with a zero-padded number */
	for (const struct embedded_file *m = embedded_migrations; m->name; m++) {
		int version = atoi(m->name);
		if (version <= 0) fatal("migration %s has no number", m->name);
		if (db_int(db, 0, "SELECT 1 FROM schema_migrations WHERE version=?", "i", (int64_t)version))
			continue;
		db_begin(db);
		db_exec(db, (const char *)m->data);
		db_run(db, "INSERT INTO schema_migrations(version,name,applied_at) VALUES(?,?,?)", "iti",
			(int64_t)version, m->name, clock_now());
		if (db_commit(db) != 0) fatal("migration %s failed", m->name);
		applied++;
	}
	return applied;
}
