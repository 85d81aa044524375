/* The access decision for cases, referrals, people and properties (see case_access.h). */
#include "db/db.h"
#include "model/case_access.h"
#include "model/query.h"

int access_is_case_staff(const struct actor *who)
{
	return who && (who->roles & (ROLE_CASEWORKER | ROLE_TEAM_LEADER)) != 0;
}

enum access_level access_for_owner(const struct actor *who, int64_t owning_agency_id)
{
	if (!who || who->user_id <= 0 || owning_agency_id <= 0) return ACCESS_NONE;
	if (who->agency_id == owning_agency_id && access_is_case_staff(who)) return ACCESS_WRITE;
	/* issue 6: shares to who->agency_id give ACCESS_READ here */
	return ACCESS_NONE;
}

enum access_level case_access(struct db *db, const struct actor *who, int64_t case_id)
{
	if (!who || case_id <= 0) return ACCESS_NONE;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id=?", "i", case_id);
	if (!owner) return ACCESS_NONE;
	enum access_level level = access_for_owner(who, owner);
	if (level != ACCESS_NONE) return level;
	if (who->user_id > 0 && db_int(db, 0, "SELECT 1 FROM referral WHERE case_id=? AND referrer_user_id=?",
			"ii", case_id, who->user_id))
		return ACCESS_STATUS;
	return ACCESS_NONE;
}

enum access_level referral_access(struct db *db, const struct actor *who, int64_t referral_id)
{
	if (!who || referral_id <= 0) return ACCESS_NONE;
	struct db_stmt *st = db_preparef(db, "SELECT receiving_agency_id, referrer_user_id FROM referral WHERE id=?",
		"i", referral_id);
	enum access_level level = ACCESS_NONE;
	if (db_step(st) == DB_ROW) {
		level = access_for_owner(who, db_column_int(st, 0));
		if (level == ACCESS_NONE && who->user_id > 0 && db_column_int(st, 1) == who->user_id)
			level = ACCESS_STATUS;
	}
	db_finalize(st);
	return level;
}

/* Best level over the cases linking a person or property (through LINK_SQL, one "?" for the id). */
static enum access_level best_case_level(struct db *db, const struct actor *who, const char *link_sql, int64_t id)
{
	enum access_level best = ACCESS_NONE;
	struct db_stmt *st = db_preparef(db, link_sql, "i", id);
	while (best < ACCESS_WRITE && db_step(st) == DB_ROW) {
		enum access_level l = access_for_owner(who, db_column_int(st, 0));
		if (l > best) best = l;
	}
	db_finalize(st);
	return best;
}

enum access_level person_access(struct db *db, const struct actor *who, int64_t person_id)
{
	if (!who || person_id <= 0) return ACCESS_NONE;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM person WHERE id=?", "i", person_id);
	if (!owner) return ACCESS_NONE;
	enum access_level level = access_for_owner(who, owner);
	if (level == ACCESS_WRITE) return level;
	enum access_level via = best_case_level(db, who,
		"SELECT DISTINCT c.agency_id FROM case_person cp JOIN case_file c ON c.id=cp.case_id WHERE cp.person_id=?",
		person_id);
	/* someone reading a case through a share reads its people, but does not own them */
	if (via > ACCESS_READ && level < ACCESS_WRITE) via = ACCESS_READ;
	return via > level ? via : level;
}

enum access_level property_access(struct db *db, const struct actor *who, int64_t property_id)
{
	if (!who || property_id <= 0) return ACCESS_NONE;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM property WHERE id=?", "i", property_id);
	if (!owner) return ACCESS_NONE;
	enum access_level level = access_for_owner(who, owner);
	if (level == ACCESS_WRITE) return level;
	enum access_level via = best_case_level(db, who,
		"SELECT DISTINCT c.agency_id FROM case_property cp JOIN case_file c ON c.id=cp.case_id WHERE cp.property_id=?",
		property_id);
	if (via > ACCESS_READ && level < ACCESS_WRITE) via = ACCESS_READ;
	return via > level ? via : level;
}

void case_access_list_filter(const struct actor *who, struct query *q, const char *alias)
{
	/* mirrors access_for_owner(): staff of the owning agency */
	if (!who || who->user_id <= 0 || !access_is_case_staff(who)) {
		query_sql(q, "0");
		return;
	}
	query_sql(q, alias);
	query_sql(q, ".agency_id = ");
	query_int(q, who->agency_id);
}

void access_owner_list_filter(const struct actor *who, struct query *q, const char *alias)
{
	if (!who || who->user_id <= 0 || !access_is_case_staff(who)) {
		query_sql(q, "0");
		return;
	}
	query_sql(q, alias);
	query_sql(q, ".agency_id = ");
	query_int(q, who->agency_id);
}
