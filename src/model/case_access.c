/* The access decision for cases, their sections, referrals, people and properties (see
 * case_access.h). The rule for shares exists once, as SQL (active_shares_sql), and both the
 * per-record decision and the list filters are built from it. */
#include "db/db.h"
#include "model/case_access.h"
#include "model/query.h"
#include "model/validation.h"

int access_is_case_staff(const struct actor *who)
{
	return who && (who->roles & (ROLE_CASEWORKER | ROLE_TEAM_LEADER)) != 0;
}

int access_reads_shares(const struct actor *who)
{
	return who && who->user_id > 0 && (who->roles & (ROLE_PARTNER | ROLE_CASEWORKER | ROLE_TEAM_LEADER)) != 0;
}

enum access_level access_for_owner(const struct actor *who, int64_t owning_agency_id)
{
	if (!who || who->user_id <= 0 || owning_agency_id <= 0) return ACCESS_NONE;
	if (who->agency_id == owning_agency_id && access_is_case_staff(who)) return ACCESS_WRITE;
	return ACCESS_NONE;
}

/* Append "SELECT s.case_id, s.sections, s.special_category FROM ... WHERE ..." selecting the
 * shares to AGENCY_ID in force on TODAY: not revoked, not expired, under an agreement in force
 * that names both the recipient and the case's owning agency as parties. */
static void active_shares_sql(struct query *q, int64_t agency_id, const char *today)
{
	query_sql(q, "SELECT s.case_id, s.sections, s.special_category FROM case_share s"
		" JOIN sharing_agreement g ON g.id = s.agreement_id WHERE s.agency_id = ");
	query_int(q, agency_id);
	query_sql(q, " AND s.revoked_at IS NULL AND s.expires_on >= ");
	query_text(q, today);
	query_sql(q, " AND g.starts_on <= ");
	query_text(q, today);
	query_sql(q, " AND g.ends_on >= ");
	query_text(q, today);
	query_sql(q, " AND EXISTS (SELECT 1 FROM sharing_agreement_party p WHERE p.agreement_id = g.id"
		" AND p.agency_id = s.agency_id)"
		" AND EXISTS (SELECT 1 FROM sharing_agreement_party p JOIN case_file o ON o.agency_id = p.agency_id"
		" WHERE p.agreement_id = g.id AND o.id = s.case_id)");
}

void case_access_grant(struct db *db, const struct actor *who, int64_t case_id, struct case_grant *g)
{
	g->level = ACCESS_NONE;
	g->sections = 0;
	g->owner = g->special_shared = 0;
	if (!who || who->user_id <= 0 || case_id <= 0) return;
	int64_t owner = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id=?", "i", case_id);
	if (!owner) return;
	if (access_for_owner(who, owner) == ACCESS_WRITE) {
		g->level = ACCESS_WRITE;
		g->sections = CASE_SECTION_ALL;
		g->owner = g->special_shared = 1;
		return;
	}
	if (access_reads_shares(who) && who->agency_id != owner) {
		char today[11];
		date_today(today);
		struct query q;
		query_init(&q);
		active_shares_sql(&q, who->agency_id, today);
		query_sql(&q, " AND s.case_id = ");
		query_int(&q, case_id);
		struct db_stmt *st = query_prepare(db, &q);
		while (db_step(st) == DB_ROW) {
			g->sections |= (unsigned)db_column_int(st, 1) & CASE_SECTION_ALL;
			g->special_shared |= db_column_int(st, 2) != 0;
		}
		db_finalize(st);
		query_free(&q);
		if (g->sections) {
			g->level = ACCESS_READ;
			return;
		}
		g->special_shared = 0;
	}
	if (db_int(db, 0, "SELECT 1 FROM referral WHERE case_id=? AND referrer_user_id=?", "ii", case_id, who->user_id))
		g->level = ACCESS_STATUS;
}

enum access_level case_access(struct db *db, const struct actor *who, int64_t case_id)
{
	struct case_grant g;
	case_access_grant(db, who, case_id, &g);
	return g.level;
}

enum access_level case_section_access(struct db *db, const struct actor *who, int64_t case_id, unsigned section)
{
	struct case_grant g;
	case_access_grant(db, who, case_id, &g);
	if (g.level < ACCESS_READ || (g.sections & section) != section) return ACCESS_NONE;
	return g.level;
}

unsigned special_category_roles(struct db *db, const char *category)
{
	return (unsigned)db_int(db, 0, "SELECT roles FROM special_category WHERE code = ?", "t", category);
}

int case_grant_allows_special(struct db *db, const struct actor *who, const struct case_grant *g, const char *category)
{
	if (g->level < ACCESS_READ) return 0;
	if (!category || !*category) return 1;
	return g->special_shared && (who->roles & special_category_roles(db, category)) != 0;
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

/* Owner rule for a person or property, else READ when WHO may read SECTION of any case
 * linking it (through LINK_SQL, one "?" for the id, selecting case ids). */
static enum access_level linked_record_access(struct db *db, const struct actor *who, const char *owner_sql,
	const char *link_sql, int64_t id, unsigned section)
{
	if (!who || id <= 0) return ACCESS_NONE;
	int64_t owner = db_int(db, 0, owner_sql, "i", id);
	if (!owner) return ACCESS_NONE;
	if (access_for_owner(who, owner) == ACCESS_WRITE) return ACCESS_WRITE;
	if (!access_reads_shares(who)) return ACCESS_NONE;
	enum access_level best = ACCESS_NONE;
	struct db_stmt *st = db_preparef(db, link_sql, "i", id);
	while (best < ACCESS_READ && db_step(st) == DB_ROW)
		if (case_section_access(db, who, db_column_int(st, 0), section) >= ACCESS_READ) best = ACCESS_READ;
	db_finalize(st);
	return best;
}

enum access_level person_access(struct db *db, const struct actor *who, int64_t person_id)
{
	return linked_record_access(db, who, "SELECT agency_id FROM person WHERE id=?",
		"SELECT DISTINCT case_id FROM case_person WHERE person_id=?", person_id, CASE_SECTION_PEOPLE);
}

enum access_level property_access(struct db *db, const struct actor *who, int64_t property_id)
{
	return linked_record_access(db, who, "SELECT agency_id FROM property WHERE id=?",
		"SELECT DISTINCT case_id FROM case_property WHERE property_id=?", property_id, CASE_SECTION_PROPERTY);
}

int case_access_reads_shared_cases(struct db *db, const struct actor *who)
{
	/* the share clause costs a sub-select per row: only agencies that receive shares pay it */
	return access_reads_shares(who) &&
		db_int(db, 0, "SELECT 1 FROM case_share WHERE agency_id = ? AND revoked_at IS NULL LIMIT 1", "i", who->agency_id);
}

void case_access_list_part_filter(struct db *db, const struct actor *who, struct query *q, const char *alias,
	unsigned section, const char *category)
{
	int owner_ok = who && who->user_id > 0 && access_is_case_staff(who);
	int share_ok = case_access_reads_shared_cases(db, who);
	if (category && (!who || !(who->roles & special_category_roles(db, category)))) owner_ok = share_ok = 0;
	if (!owner_ok && !share_ok) {
		query_sql(q, "0");
		return;
	}
	query_sql(q, "(");
	if (owner_ok) {
		query_sql(q, alias);
		query_sql(q, ".agency_id = ");
		query_int(q, who->agency_id);
	}
	if (share_ok) {
		char today[11];
		date_today(today);
		query_sql(q, owner_ok ? " OR " : "");
		query_sql(q, alias);
		query_sql(q, ".id IN (SELECT x.case_id FROM (");
		active_shares_sql(q, who->agency_id, today);
		query_sql(q, ") x");
		if (section) {
			query_sql(q, " WHERE (x.sections & ");
			query_int(q, section);
			query_sql(q, ") <> 0");
		}
		if (category) query_sql(q, section ? " AND x.special_category = 1" : " WHERE x.special_category = 1");
		query_sql(q, ")");
	}
	query_sql(q, ")");
}

void case_access_list_filter(struct db *db, const struct actor *who, struct query *q, const char *alias)
{
	case_access_list_part_filter(db, who, q, alias, 0, NULL);
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
