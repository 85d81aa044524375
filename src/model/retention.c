/* Retention rules, the review queue, holds and the purge (delete or anonymise). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/audit.h"
#include "model/record_audit.h"
#include "model/retention.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/xalloc.h"

static const char *const record_types[] = {"closed_case", "declined_referral", NULL};
static const char *const actions[] = {"delete", "anonymise", NULL};

void date_add_months(const char *ymd, int months, char out[11])
{
	int y = atoi(ymd), m = atoi(ymd + 5), d = atoi(ymd + 8);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last) d = last;
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
}

/* Unix seconds at the end of day YMD (UTC). */
static int64_t end_of_day(const char *ymd)
{
	struct tm tm = {0};
	tm.tm_year = atoi(ymd) - 1900;
	tm.tm_mon = atoi(ymd + 5) - 1;
	tm.tm_mday = atoi(ymd + 8);
	return (int64_t)timegm(&tm) + 86399;
}

size_t retention_rules(struct db *db, struct arena *a, struct retention_rule **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT r.record_type, r.label, r.months, r.action, coalesce(r.updated_at, 0),"
		" coalesce(u.name, '') FROM retention_rule r LEFT JOIN user u ON u.id = r.updated_by ORDER BY r.record_type");
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct retention_rule *r = arena_array_push(a, out, &n, &cap, sizeof *r);
		r->record_type = arena_strdup(a, db_column_text(st, 0));
		r->label = arena_strdup(a, db_column_text(st, 1));
		r->months = (int)db_column_int(st, 2);
		r->action = arena_strdup(a, db_column_text(st, 3));
		r->updated_at = db_column_int(st, 4);
		r->updated_by_name = arena_strdup(a, db_column_text(st, 5));
	}
	db_finalize(st);
	return n;
}

static int is_admin_or_system(const struct actor *who)
{
	return who && (who->user_id == 0 || (who->roles & ROLE_ADMIN));
}

int retention_rule_set(struct db *db, const struct actor *who, const char *record_type, const char *months,
	const char *action, struct field_errors *errs)
{
	if (!is_admin_or_system(who)) return MODEL_FORBIDDEN;
	int t = validate_choice(errs, "record_type", record_type, "the kind of record", 1, record_types);
	if (t < 0) return MODEL_NOT_FOUND;
	char *end = NULL;
	long m = months ? strtol(months, &end, 10) : 0;
	if (!months || !*months || *end || m < 1 || m > 1200)
		field_errors_add(errs, "months", "Enter the retention period as a whole number of months from 1 to 1200");
	int a = validate_choice(errs, "action", action, "what happens at the end of the period", 1, actions);
	if (errs->count) return MODEL_INVALID;
	db_begin(db);
	struct db_stmt *st = db_preparef(db, "UPDATE retention_rule SET months = ?, action = ?, updated_by = ?, updated_at = ?"
		" WHERE record_type = ?", "it" "n" "it", (int64_t)m, actions[a], clock_now(), record_types[t]);
	if (who->user_id > 0) db_bind_int(st, 3, who->user_id);
	db_step(st);
	db_finalize(st);
	char detail[64];
	snprintf(detail, sizeof detail, "months=%ld action=%s", m, actions[a]);
	audit_record(db, who, "retention.rule.update", "retention_rule", record_types[t], NULL, detail);
	db_commit(db);
	return MODEL_OK;
}

/* The rule for TYPE: months and action (into ACTION, 16 bytes). */
static int rule_for(struct db *db, const char *type, char action[16])
{
	struct db_stmt *st = db_preparef(db, "SELECT months, action FROM retention_rule WHERE record_type = ?", "t", type);
	int months = 0;
	if (db_step(st) == DB_ROW) {
		months = (int)db_column_int(st, 0);
		snprintf(action, 16, "%s", db_column_text(st, 1));
	}
	db_finalize(st);
	if (!months) fatal("no retention rule for %s", type);
	return months;
}

/* Which agency's records WHO reviews: 0 for all. -1 when WHO may not review. */
static int64_t review_scope(const struct actor *who)
{
	if (is_admin_or_system(who)) return 0;
	if (who && who->user_id > 0 && (who->roles & ROLE_TEAM_LEADER)) return who->agency_id;
	return -1;
}

/* Queue of closed cases and declined referrals past their period on AS_OF (scope AGENCY, 0 all). */
static size_t collect(struct db *db, const char *as_of, int64_t agency, struct arena *a, struct retention_item **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	char action[16], cutoff[11];
	int months = rule_for(db, "closed_case", action);
	date_add_months(as_of, -months, cutoff);
	/* a case anonymised earlier is done, unless the rule now deletes */
	struct db_stmt *st = db_preparef(db, "SELECT c.id, c.agency_id, c.reference, c.closed_on, coalesce(h.until_on, '')"
		" FROM case_file c LEFT JOIN retention_hold h ON h.record_type = 'closed_case' AND h.record_id = c.id AND h.until_on >= ?"
		" WHERE c.status = 'closed' AND c.closed_on <= ? AND (c.anonymised_at IS NULL OR ? = 'delete')"
		" AND (? = 0 OR c.agency_id = ?) ORDER BY c.closed_on, c.id", "ttt" "ii", as_of, cutoff, action, agency, agency);
	while (db_step(st) == DB_ROW) {
		struct retention_item *it = arena_array_push(a, out, &n, &cap, sizeof *it);
		it->record_type = "closed_case";
		it->id = db_column_int(st, 0);
		it->agency_id = db_column_int(st, 1);
		it->reference = arena_strdup(a, db_column_text(st, 2));
		it->started_on = arena_strdup(a, db_column_text(st, 3));
		char due[11];
		date_add_months(it->started_on, months, due);
		it->due_on = arena_strdup(a, due);
		it->action = arena_strdup(a, action);
		it->held_until = arena_strdup(a, db_column_text(st, 4));
	}
	db_finalize(st);

	months = rule_for(db, "declined_referral", action);
	date_add_months(as_of, -months, cutoff);
	st = db_preparef(db, "SELECT r.id, r.receiving_agency_id, r.triaged_at, coalesce(h.until_on, '') FROM referral r"
		" LEFT JOIN retention_hold h ON h.record_type = 'declined_referral' AND h.record_id = r.id AND h.until_on >= ?"
		" WHERE r.status IN ('signposted', 'passed_to_asb') AND r.triaged_at <= ? AND (? = 0 OR r.receiving_agency_id = ?)"
		" ORDER BY r.triaged_at, r.id", "ti" "ii", as_of, end_of_day(cutoff), agency, agency);
	while (db_step(st) == DB_ROW) {
		struct retention_item *it = arena_array_push(a, out, &n, &cap, sizeof *it);
		it->record_type = "declined_referral";
		it->id = db_column_int(st, 0);
		it->agency_id = db_column_int(st, 1);
		it->reference = arena_printf(a, "Referral %" PRId64, it->id);
		char day[11], due[11];
		clock_format_date(db_column_int(st, 2), day, sizeof day);
		it->started_on = arena_strdup(a, day);
		date_add_months(day, months, due);
		it->due_on = arena_strdup(a, due);
		it->action = arena_strdup(a, action);
		it->held_until = arena_strdup(a, db_column_text(st, 3));
	}
	db_finalize(st);
	return n;
}

/* AS_OF normalised into OUT (today when empty); -1 after an error. */
static int as_of_date(const char *as_of, char out[11], struct field_errors *errs)
{
	if (!as_of || !*as_of) {
		date_today(out);
		return 0;
	}
	return validate_date(errs, "as_of", as_of, "the date to review as of", 1, NULL, out) == 1 ? 0 : -1;
}

size_t retention_review(struct db *db, const struct actor *who, const char *as_of, struct arena *a,
	struct retention_item **out)
{
	*out = NULL;
	int64_t scope = review_scope(who);
	char day[11];
	struct field_errors e;
	field_errors_init(&e);
	if (scope < 0 || as_of_date(as_of, day, &e) != 0) return 0;
	size_t n = collect(db, day, scope, a, out);
	char detail[48];
	snprintf(detail, sizeof detail, "due=%zu", n);
	db_begin(db);
	audit_record(db, who, "retention.review.list", "retention", NULL, NULL, detail);
	db_commit(db);
	return n;
}

int retention_hold(struct db *db, const struct actor *who, const char *record_type, int64_t id, const char *until_on,
	const char *reason, struct field_errors *errs)
{
	int t = validate_choice(errs, "record_type", record_type, "the kind of record", 1, record_types);
	if (t < 0) return MODEL_NOT_FOUND;
	int64_t owner = db_int(db, 0, t == 0 ? "SELECT agency_id FROM case_file WHERE id = ?"
		: "SELECT receiving_agency_id FROM referral WHERE id = ?", "i", id);
	if (!owner) return MODEL_NOT_FOUND;
	int64_t scope = review_scope(who);
	if (scope < 0 || (scope && scope != owner)) return MODEL_NOT_FOUND;
	char today[11], until[11];
	date_today(today);
	struct arena *a = arena_new();
	if (validate_date(errs, "until_on", until_on, "the date to keep it until", 1, NULL, until) == 1 && strcmp(until, today) <= 0)
		field_errors_add(errs, "until_on", "The date to keep it until must be in the future");
	const char *why = validate_text(a, errs, "reason", reason, "the reason for keeping it", 1, 300, 0);
	int rc = MODEL_INVALID;
	if (!errs->count) {
		db_begin(db);
		struct db_stmt *st = db_preparef(db, "INSERT INTO retention_hold(record_type, record_id, until_on, reason, created_by, created_at)"
			" VALUES(?,?,?,?,?,?) ON CONFLICT(record_type, record_id) DO UPDATE SET until_on = excluded.until_on,"
			" reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at",
			"titt" "ni", record_types[t], id, until, why, clock_now());
		if (who->user_id > 0) db_bind_int(st, 5, who->user_id);
		db_step(st);
		db_finalize(st);
		char detail[48];
		snprintf(detail, sizeof detail, "until %s", until);
		record_audit(db, who, "retention.hold", t == 0 ? "case" : "referral", id, detail);
		db_commit(db);
		rc = MODEL_OK;
	}
	arena_free(a);
	return rc;
}

/* --- the purge --- */

/* Ids gathered before records go, to delete what is left unreferenced afterwards. */
struct id_set {
	int64_t *ids;
	size_t n, cap;
};

static void id_add(struct id_set *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->ids[i] == id) return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->ids = xrealloc(s->ids, s->cap * sizeof *s->ids);
	}
	s->ids[s->n++] = id;
}

static void id_collect(struct db *db, struct id_set *s, const char *sql, int64_t id)
{
	struct db_stmt *st = db_preparef(db, sql, "i", id);
	while (db_step(st) == DB_ROW)
		if (!db_column_is_null(st, 0)) id_add(s, db_column_int(st, 0));
	db_finalize(st);
}

/* People and properties linked to case CASE_ID or its referral. */
static void collect_links(struct db *db, int64_t case_id, struct id_set *people, struct id_set *properties)
{
	id_collect(db, people, "SELECT person_id FROM case_person WHERE case_id = ?", case_id);
	id_collect(db, people, "SELECT person_id FROM case_intervention WHERE case_id = ?", case_id);
	id_collect(db, people, "SELECT rp.person_id FROM referral_person rp JOIN referral r ON r.id = rp.referral_id"
		" WHERE r.case_id = ?", case_id);
	id_collect(db, properties, "SELECT property_id FROM case_property WHERE case_id = ?", case_id);
	id_collect(db, properties, "SELECT property_id FROM referral WHERE case_id = ?", case_id);
}

static void delete_referral_rows(struct db *db, int64_t referral_id)
{
	db_run(db, "DELETE FROM referral_sign WHERE referral_id = ?", "i", referral_id);
	db_run(db, "DELETE FROM referral_person WHERE referral_id = ?", "i", referral_id);
	db_run(db, "DELETE FROM retention_hold WHERE record_type = 'declined_referral' AND record_id = ?", "i", referral_id);
	db_run(db, "DELETE FROM referral WHERE id = ?", "i", referral_id);
}

/* The parts of a case holding people, addresses and free text: gone in both delete and
 * anonymise. Returns the number of notes removed (for the audit detail). */
static int64_t strip_case(struct db *db, int64_t id)
{
	int64_t notes = db_int(db, 0, "SELECT count(*) FROM case_note WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_note WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_task WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_person WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_property WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_share WHERE case_id = ?", "i", id);
	db_run(db, "DELETE FROM case_search WHERE case_id = ?", "i", id);   /* the names and addresses, as search terms */
	/* events naming a person or property go; the others keep their kind and date only */
	db_run(db, "DELETE FROM case_event WHERE case_id = ? AND (kind LIKE 'person%' OR kind = 'property_added')", "i", id);
	db_run(db, "UPDATE case_event SET detail = '' WHERE case_id = ?", "i", id);
	db_run(db, "UPDATE case_risk SET reason = '' WHERE case_id = ?", "i", id);
	db_run(db, "UPDATE case_intervention SET details = '', person_id = NULL WHERE case_id = ?", "i", id);
	db_run(db, "UPDATE case_file SET summary = '', closure_reason = NULL WHERE id = ?", "i", id);
	return notes;
}

static void purge_case(struct db *db, const struct actor *who, int64_t id, int delete, struct id_set *people,
	struct id_set *properties, struct retention_result *res)
{
	collect_links(db, id, people, properties);
	int64_t notes = strip_case(db, id);
	int64_t referral = db_int(db, 0, "SELECT id FROM referral WHERE case_id = ?", "i", id);
	char detail[64];
	snprintf(detail, sizeof detail, "notes=%" PRId64 "%s", notes, referral ? " referral" : "");
	if (delete) {
		if (referral) delete_referral_rows(db, referral);
		static const char *const tables[] = {"case_event", "case_risk", "case_intervention", "case_exploitation_type", NULL};
		for (int i = 0; tables[i]; i++) {
			char sql[96];
			snprintf(sql, sizeof sql, "DELETE FROM %s WHERE case_id = ?", tables[i]);
			db_run(db, sql, "i", id);
		}
		db_run(db, "DELETE FROM retention_hold WHERE record_type = 'closed_case' AND record_id = ?", "i", id);
		/* a table added later that refers to cases must be purged above: refuse loudly */
		if (db_run(db, "DELETE FROM case_file WHERE id = ?", "i", id) != DB_DONE)
			fatal("case %" PRId64 " is still referred to after its records were purged", id);
		record_audit(db, who, "case.erase", "case", id, detail);
		res->cases_deleted++;
	} else {
		if (referral) {
			/* the referral keeps its dates, signs, basis and outcome; not who or what was said */
			db_run(db, "DELETE FROM referral_person WHERE referral_id = ?", "i", referral);
			db_run(db, "UPDATE referral SET observations = '', referrer_name = '', referrer_contact = '', referring_team = '',"
				" triage_reason = '', property_id = NULL WHERE id = ?", "i", referral);
		}
		db_run(db, "UPDATE case_file SET anonymised_at = ? WHERE id = ?", "ii", clock_now(), id);
		record_audit(db, who, "case.anonymise", "case", id, detail);
		res->cases_anonymised++;
	}
}

/* Delete the people and properties in the sets that nothing refers to any more (and the
 * records merged into them, which no longer carry links of their own). */
static void delete_orphans(struct db *db, const struct actor *who, struct id_set *people, struct id_set *properties,
	struct retention_result *res)
{
	for (size_t i = 0; i < people->n; i++)
		id_collect(db, people, "SELECT id FROM person WHERE merged_into = ?", people->ids[i]);
	/* merged records first: they point at their survivor */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < people->n; i++) {
			int64_t pid = people->ids[i];
			if (!pid) continue;
			int64_t merged = db_int(db, -1, "SELECT merged_into IS NOT NULL FROM person WHERE id = ?", "i", pid);
			if (merged < 0 || merged != (pass == 0)) continue;
			if (db_int(db, 0, "SELECT 1 FROM case_person WHERE person_id = ? UNION ALL SELECT 1 FROM referral_person WHERE person_id = ?"
					" UNION ALL SELECT 1 FROM case_intervention WHERE person_id = ? UNION ALL SELECT 1 FROM person WHERE merged_into = ?",
					"iiii", pid, pid, pid, pid))
				continue;
			db_run(db, "DELETE FROM person_search WHERE person_id = ?", "i", pid);
			db_run(db, "DELETE FROM person WHERE id = ?", "i", pid);
			record_audit(db, who, "person.erase", "person", pid, NULL);
			res->people_deleted++;
			people->ids[i] = 0;
		}
	for (size_t i = 0; i < properties->n; i++) {
		int64_t pid = properties->ids[i];
		if (db_int(db, 0, "SELECT 1 FROM case_property WHERE property_id = ? UNION ALL SELECT 1 FROM referral WHERE property_id = ?",
				"ii", pid, pid))
			continue;
		db_run(db, "DELETE FROM property_search WHERE property_id = ?", "i", pid);
		if (db_run(db, "DELETE FROM property WHERE id = ?", "i", pid) == DB_DONE && db_changes(db)) {
			record_audit(db, who, "property.erase", "property", pid, NULL);
			res->properties_deleted++;
		}
	}
}

int retention_purge(struct db *db, const struct actor *who, const char *as_of, struct retention_result *res,
	struct field_errors *errs)
{
	memset(res, 0, sizeof *res);
	if (!is_admin_or_system(who)) return MODEL_FORBIDDEN;
	char day[11];
	if (as_of_date(as_of, day, errs) != 0) return MODEL_INVALID;
	struct arena *a = arena_new();
	struct id_set people = {0}, properties = {0};
	db_begin(db);
	struct retention_item *items;
	size_t n = collect(db, day, 0, a, &items);
	for (size_t i = 0; i < n; i++) {
		if (*items[i].held_until) {
			res->held++;
			continue;
		}
		int delete = !strcmp(items[i].action, "delete");
		if (!strcmp(items[i].record_type, "closed_case")) {
			purge_case(db, who, items[i].id, delete, &people, &properties, res);
		} else {
			id_collect(db, &people, "SELECT person_id FROM referral_person WHERE referral_id = ?", items[i].id);
			id_collect(db, &properties, "SELECT property_id FROM referral WHERE id = ?", items[i].id);
			int64_t signs = db_int(db, 0, "SELECT count(*) FROM referral_sign WHERE referral_id = ?", "i", items[i].id);
			delete_referral_rows(db, items[i].id);
			char detail[32];
			snprintf(detail, sizeof detail, "signs=%" PRId64, signs);
			record_audit(db, who, "referral.erase", "referral", items[i].id, detail);
			res->referrals_deleted++;
		}
	}
	delete_orphans(db, who, &people, &properties, res);
	char detail[160];
	snprintf(detail, sizeof detail, "as of %s: cases deleted=%" PRId64 " anonymised=%" PRId64 " referrals=%" PRId64
		" people=%" PRId64 " properties=%" PRId64 " held=%" PRId64, day, res->cases_deleted, res->cases_anonymised,
		res->referrals_deleted, res->people_deleted, res->properties_deleted, res->held);
	audit_record(db, who, "retention.purge", "retention", NULL, NULL, detail);
	db_commit(db);
	/* the old pages are zeroed in the file (secure_delete); now move the WAL in and drop it */
	db_checkpoint_truncate(db);
	free(people.ids);
	free(properties.ids);
	arena_free(a);
	return MODEL_OK;
}
