/* Settings table access. */
#include <stdlib.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/setting.h"
#include "util/xalloc.h"

char *setting_get(struct db *db, const char *name, const char *dflt)
{
	char *v = db_text(db, "SELECT value FROM setting WHERE name=?", "t", name);
	return v ? v : (dflt ? xstrdup(dflt) : NULL);
}

int64_t setting_get_int(struct db *db, const char *name, int64_t dflt)
{
	char *v = db_text(db, "SELECT value FROM setting WHERE name=?", "t", name);
	if (!v) return dflt;
	char *end;
	long long n = strtoll(v, &end, 10);
	int ok = end != v && *end == 0;
	free(v);
	return ok ? n : dflt;
}

double setting_get_double(struct db *db, const char *name, double dflt)
{
	char *v = db_text(db, "SELECT value FROM setting WHERE name=?", "t", name);
	if (!v) return dflt;
	char *end;
	double d = strtod(v, &end);
	int ok = end != v && *end == 0;
	free(v);
	return ok ? d : dflt;
}

void setting_set(struct db *db, const struct actor *who, const char *name, const char *value)
{
	db_begin(db);
	db_run(db, "INSERT INTO setting(name,value) VALUES(?,?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
		"tt", name, value);
	audit_record(db, who, "setting.change", "setting", name, NULL, NULL);
	db_commit(db);
}
