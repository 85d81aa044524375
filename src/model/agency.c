/* Agencies and their kinds. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/agency.h"
#include "model/audit.h"
#include "util/clock.h"

const char *const agency_kinds[] = {
	"council", "police", "housing", "asb", "adult_social_care", "victim_services", "health",
	"drug_alcohol", "probation", "fire", "other", NULL
};

static const char *const agency_kind_labels[] = {
	"Council", "Police", "Housing provider", "Council anti-social behaviour team", "Adult social care",
	"Victim services", "Health / A&E", "Drug and alcohol service", "Probation", "Fire and rescue", "Other", NULL
};

const char *agency_kind_label(const char *kind)
{
	for (int i = 0; agency_kinds[i]; i++)
		if (strcmp(agency_kinds[i], kind) == 0) return agency_kind_labels[i];
	return "Other";
}

int agency_kind_valid(const char *kind)
{
	for (int i = 0; agency_kinds[i]; i++)
		if (strcmp(agency_kinds[i], kind) == 0) return 1;
	return 0;
}

int64_t agency_find_by_name(struct db *db, const char *name)
{
	return db_int(db, 0, "SELECT id FROM agency WHERE name=?", "t", name);
}

int64_t agency_add(struct db *db, const struct actor *who, const char *name, const char *kind, const char **error)
{
	if (!kind || !*kind) kind = "other";
	size_t len = name ? strlen(name) : 0;
	if (len == 0) { *error = "Enter the agency's name"; return 0; }
	if (len > 200) { *error = "Agency name must be 200 characters or fewer"; return 0; }
	if (!agency_kind_valid(kind)) { *error = "Choose a kind of agency from the list"; return 0; }
	db_begin(db);
	if (db_run(db, "INSERT INTO agency(name,kind,created_at) VALUES(?,?,?)", "tti", name, kind, clock_now())
			== DB_CONSTRAINT) {
		db_rollback(db);
		*error = "An agency with that name already exists";
		return 0;
	}
	int64_t id = db_last_insert_id(db);
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	audit_record(db, who, "agency.create", "agency", rid, NULL, NULL);
	db_commit(db);
	return id;
}
