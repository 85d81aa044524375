/* Cases: opening, reading, people/properties/types/risk, assignment, closure and reopening. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/case_vocab.h"
#include "model/record_audit.h"
#include "model/sealed_text.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/xalloc.h"

void case_next_reference(struct db *db, const char *date, char out[24])
{
	int64_t year = 0;
	for (int i = 0; i < 4 && date[i] >= '0' && date[i] <= '9'; i++) year = year * 10 + (date[i] - '0');
	/* the counter row only ever grows; an imported NG- reference above it is skipped over */
	for (;;) {
		db_run(db, "INSERT INTO case_reference_counter(year, last) VALUES(?, 0) ON CONFLICT(year) DO NOTHING", "i", year);
		db_run(db, "UPDATE case_reference_counter SET last = last + 1 WHERE year = ?", "i", year);
		int64_t n = db_int(db, 0, "SELECT last FROM case_reference_counter WHERE year = ?", "i", year);
		snprintf(out, 24, "NG-%04" PRId64 "-%05" PRId64, year % 10000, n % 10000000);
		if (!db_int(db, 0, "SELECT 1 FROM case_file WHERE reference = ?", "t", out)) return;
	}
}

/* Insert the event row only (case_event_add also bumps updated_at). */
static void event_insert(struct db *db, const struct actor *who, int64_t case_id, const char *kind, int64_t ref_id,
	const char *detail, int64_t now)
{
	struct db_stmt *st = db_preparef(db, "INSERT INTO case_event(case_id, kind, ref_id, detail, user_id, at) VALUES(?,?,?,?,?,?)",
		"itnt" "ni", case_id, kind, detail ? detail : "", now);
	if (ref_id > 0) db_bind_int(st, 3, ref_id);
	if (who && who->user_id > 0) db_bind_int(st, 5, who->user_id);
	db_step(st);
	db_finalize(st);
}

void case_event_add(struct db *db, const struct actor *who, int64_t case_id, const char *kind, int64_t ref_id,
	const char *detail)
{
	int64_t now = clock_now();
	event_insert(db, who, case_id, kind, ref_id, detail, now);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", now, case_id);
}

int64_t case_insert(struct db *db, const struct actor *who, const struct case_open_input *in)
{
	char ref[24];
	const char *reference = in->reference;
	if (!reference) {
		case_next_reference(db, in->opened_on, ref);
		reference = ref;
	}
	int64_t now = clock_now();
	struct db_stmt *st = db_preparef(db,
		"INSERT INTO case_file(reference, agency_id, team_id, assigned_user_id, referring_agency_id, ward_id,"
		" neighbourhood_id, tenure, summary, opened_on, source, created_at, updated_at, status, closed_on,"
		" positively_resolved, stayed_in_tenancy, moved, type_mask)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"ti" "nnnnn" "tttt" "ii" "tt" "nn" "ti", reference, in->agency_id, in->tenure ? in->tenure : "unknown",
		"", in->opened_on, in->source ? in->source : "direct", now, now,
		in->closed_on ? "closed" : "open", in->closed_on, in->moved, in->type_mask);
	/* one insert with the final values: every later update would rewrite the list indexes */
	if (in->closed_on && in->positively_resolved >= 0) db_bind_int(st, 16, in->positively_resolved);
	if (in->closed_on && in->stayed_in_tenancy >= 0) db_bind_int(st, 17, in->stayed_in_tenancy);
	if (in->team_id) db_bind_int(st, 3, in->team_id);
	if (in->assigned_user_id) db_bind_int(st, 4, in->assigned_user_id);
	if (in->referring_agency_id) db_bind_int(st, 5, in->referring_agency_id);
	if (in->ward_id) db_bind_int(st, 6, in->ward_id);
	if (in->neighbourhood_id) db_bind_int(st, 7, in->neighbourhood_id);
	int rc = db_step(st);
	db_finalize(st);
	if (rc == DB_CONSTRAINT) return 0;
	int64_t id = db_last_insert_id(db);
	if (in->summary && *in->summary) sealed_text_store(db, "case_file", "summary", id, in->summary);
	event_insert(db, who, id, "opened", 0, in->source ? in->source : "direct", now);
	if (in->assigned_user_id) event_insert(db, who, id, "assigned", in->assigned_user_id, NULL, now);
	return id;
}

int case_link_person(struct db *db, const struct actor *who, int64_t case_id, int64_t person_id, const char *role)
{
	struct db_stmt *st = db_preparef(db, "INSERT INTO case_person(case_id, person_id, role, added_by, added_at)"
		" VALUES(?,?,?,?,?)", "iit" "ni", case_id, person_id, role, clock_now());
	if (who && who->user_id > 0) db_bind_int(st, 4, who->user_id);
	int rc = db_step(st);
	db_finalize(st);
	if (rc == DB_CONSTRAINT) return -1;
	/* bulk loads (no actor) set updated_at themselves and build the search terms once at the end */
	if (who) {
		case_event_add(db, who, case_id, "person_added", person_id, role);
		case_search_refresh(db, case_id);
	} else {
		event_insert(db, who, case_id, "person_added", person_id, role, clock_now());
	}
	return 0;
}

int case_link_property(struct db *db, const struct actor *who, int64_t case_id, int64_t property_id)
{
	struct db_stmt *st = db_preparef(db, "INSERT INTO case_property(case_id, property_id, added_by, added_at)"
		" VALUES(?,?,?,?)", "ii" "ni", case_id, property_id, clock_now());
	if (who && who->user_id > 0) db_bind_int(st, 3, who->user_id);
	int rc = db_step(st);
	db_finalize(st);
	if (rc == DB_CONSTRAINT) return -1;
	/* the first property places the case: its ward, neighbourhood and tenure */
	db_run(db, "UPDATE case_file SET"
		" ward_id = coalesce(ward_id, (SELECT ward_id FROM property WHERE id = ?)),"
		" neighbourhood_id = coalesce(neighbourhood_id, (SELECT neighbourhood_id FROM property WHERE id = ?)),"
		" tenure = CASE WHEN tenure = 'unknown' THEN (SELECT tenure FROM property WHERE id = ?) ELSE tenure END"
		" WHERE id = ? AND (ward_id IS NULL OR tenure = 'unknown')", "iiii", property_id, property_id, property_id, case_id);
	if (who) {
		case_event_add(db, who, case_id, "property_added", property_id, NULL);
		case_search_refresh(db, case_id);
	} else {
		event_insert(db, who, case_id, "property_added", property_id, NULL, clock_now());
	}
	return 0;
}

int case_writable(struct db *db, const struct actor *who, int64_t case_id, struct field_errors *errs)
{
	enum access_level level = case_access(db, who, case_id);
	if (level < ACCESS_READ) return MODEL_NOT_FOUND;
	if (level < ACCESS_WRITE) return MODEL_FORBIDDEN;
	char *status = db_text(db, "SELECT status FROM case_file WHERE id = ?", "i", case_id);
	int closed = status && strcmp(status, "closed") == 0;
	free(status);
	if (closed) return field_errors_refuse(errs, "This case is closed. Reopen it before changing it");
	return MODEL_OK;
}

/* Validate a list of exploitation type ids (as text) into IDS; at least one. */
static size_t validate_types(struct db *db, struct field_errors *errs, const char *const *type_ids, size_t n,
	int64_t *ids, size_t max)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (!type_ids[i] || !*type_ids[i]) continue;
		int64_t id = validate_id(errs, "type_ids", type_ids[i], "an exploitation type");
		if (id < 0) return 0;
		if (!db_int(db, 0, "SELECT 1 FROM exploitation_type WHERE id = ?", "i", id)) {
			field_errors_add(errs, "type_ids", "Select exploitation types from the list");
			return 0;
		}
		int dup = 0;
		for (size_t j = 0; j < count; j++) dup |= ids[j] == id;
		if (!dup && count < max) ids[count++] = id;
	}
	if (count == 0) field_errors_add(errs, "type_ids", "Select at least one type of exploitation");
	return count;
}

void case_search_refresh(struct db *db, int64_t case_id)
{
	db_run(db, "DELETE FROM case_search WHERE case_id = ?", "i", case_id);
	db_run(db, "INSERT OR IGNORE INTO case_search(term, agency_id, case_id) SELECT ps.term, c.agency_id, cp.case_id"
		" FROM case_person cp JOIN case_file c ON c.id = cp.case_id JOIN person_search ps ON ps.person_id = cp.person_id"
		" WHERE cp.case_id = ?", "i", case_id);
	db_run(db, "INSERT OR IGNORE INTO case_search(term, agency_id, case_id) SELECT ps.term, c.agency_id, cp.case_id"
		" FROM case_property cp JOIN case_file c ON c.id = cp.case_id JOIN property_search ps ON ps.property_id = cp.property_id"
		" WHERE cp.case_id = ?", "i", case_id);
}

void case_search_refresh_from(struct db *db, int64_t first_id)
{
	db_run(db, "DELETE FROM case_search WHERE case_id >= ?", "i", first_id);
	db_run(db, "INSERT OR IGNORE INTO case_search(term, agency_id, case_id) SELECT ps.term, c.agency_id, cp.case_id"
		" FROM case_person cp JOIN case_file c ON c.id = cp.case_id JOIN person_search ps ON ps.person_id = cp.person_id"
		" WHERE cp.case_id >= ?", "i", first_id);
	db_run(db, "INSERT OR IGNORE INTO case_search(term, agency_id, case_id) SELECT ps.term, c.agency_id, cp.case_id"
		" FROM case_property cp JOIN case_file c ON c.id = cp.case_id JOIN property_search ps ON ps.property_id = cp.property_id"
		" WHERE cp.case_id >= ?", "i", first_id);
}

void case_type_list_defer(struct db *db, int64_t first_id)
{
	db_run(db, "INSERT INTO case_type_list_deferred(since_case_id) VALUES(?)", "i", first_id);
}

void case_type_list_fill(struct db *db)
{
	int64_t first_id = db_int(db, -1, "SELECT min(since_case_id) FROM case_type_list_deferred", "");
	if (first_id < 0) return;
	db_run(db, "DELETE FROM case_type_list_deferred", "");
	db_run(db, "INSERT OR IGNORE INTO case_type_list(agency_id, type_id, status, opened_on, case_id)"
		" SELECT c.agency_id, t.type_id, c.status, c.opened_on, c.id FROM case_exploitation_type t"
		" JOIN case_file c ON c.id = t.case_id WHERE t.case_id >= ?"
		" ORDER BY c.agency_id, t.type_id, c.status, c.opened_on, c.id", "i", first_id);
}

void case_types_changed(struct db *db, int64_t case_id)
{
	db_run(db, "UPDATE case_file SET type_mask = coalesce((SELECT sum(1 << type_id) FROM case_exploitation_type"
		" WHERE case_id = ? AND type_id < 63), 0) WHERE id = ?", "ii", case_id, case_id);
}

static void store_types(struct db *db, int64_t case_id, const int64_t *ids, size_t n)
{
	db_run(db, "DELETE FROM case_exploitation_type WHERE case_id = ?", "i", case_id);
	for (size_t i = 0; i < n; i++)
		db_run(db, "INSERT INTO case_exploitation_type(case_id, type_id) VALUES(?, ?)", "ii", case_id, ids[i]);
	case_types_changed(db, case_id);
}

int case_create(struct db *db, const struct actor *who, const struct case_create_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	if (!access_is_case_staff(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	char today[11], opened[11];
	date_today(today);
	if (!in->opened_on || !*in->opened_on) memcpy(opened, today, sizeof opened);
	else validate_date(errs, "opened_on", in->opened_on, "the date the case was opened", 1, today, opened);
	int64_t types[16];
	size_t n_types = validate_types(db, errs, in->type_ids, in->n_types, types, 16);
	const char *summary = validate_text(a, errs, "summary", in->summary, "the summary", 0, 2000, 1);
	int rc = MODEL_INVALID;
	if (errs->count == 0) {
		db_begin(db);
		struct case_open_input o = {0};
		o.agency_id = who->agency_id;
		o.opened_on = opened;
		o.source = "direct";
		o.summary = summary;
		if (who->roles & ROLE_CASEWORKER) o.assigned_user_id = who->user_id;
		int64_t id = case_insert(db, who, &o);
		if (!id) fatal("new case reference collided");
		store_types(db, id, types, n_types);
		record_audit(db, who, "case.create", "case", id, NULL);
		db_commit(db);
		if (id_out) *id_out = id;
		rc = MODEL_OK;
	}
	arena_free(a);
	return rc;
}

#define CASE_COLUMNS "c.id, c.agency_id, coalesce(c.team_id,0), coalesce(c.assigned_user_id,0)," \
	" coalesce(c.referring_agency_id,0), coalesce(c.ward_id,0), coalesce(c.neighbourhood_id,0)," \
	" c.reference, ag.name, coalesce(t.name,''), coalesce(u.name,''), c.status, coalesce(c.risk_level,'')," \
	" coalesce(ra.name,''), coalesce(w.name,''), coalesce(n.name,''), c.tenure, c.summary, c.opened_on," \
	" coalesce(c.closed_on,''), coalesce(c.positively_resolved,-1), coalesce(c.stayed_in_tenancy,-1)," \
	" coalesce(c.moved,''), coalesce(c.closure_reason,''), coalesce(c.closure_requested_by,0)," \
	" coalesce(c.closure_requested_at,0), coalesce(c.closure_approved_by,0), coalesce(c.closure_approved_at,0)," \
	" coalesce(rq.name,''), coalesce(ap.name,''), c.source, c.created_at, c.updated_at," \
	" coalesce((SELECT id FROM referral WHERE case_id = c.id), 0)"
#define CASE_FROM " FROM case_file c JOIN agency ag ON ag.id = c.agency_id LEFT JOIN team t ON t.id = c.team_id" \
	" LEFT JOIN user u ON u.id = c.assigned_user_id LEFT JOIN agency ra ON ra.id = c.referring_agency_id" \
	" LEFT JOIN locality w ON w.id = c.ward_id LEFT JOIN locality n ON n.id = c.neighbourhood_id" \
	" LEFT JOIN user rq ON rq.id = c.closure_requested_by LEFT JOIN user ap ON ap.id = c.closure_approved_by"

int case_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_file *out)
{
	struct case_grant grant;
	case_access_grant(db, who, id, &grant);
	enum access_level level = grant.level;
	if (level < ACCESS_READ) return MODEL_NOT_FOUND;
	memset(out, 0, sizeof *out);
	struct db_stmt *st = db_preparef(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE c.id = ?", "i", id);
	int rc = MODEL_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		int i = 0;
		out->access = level;
		out->id = db_column_int(st, i++);
		out->agency_id = db_column_int(st, i++);
		out->team_id = db_column_int(st, i++);
		out->assigned_user_id = db_column_int(st, i++);
		out->referring_agency_id = db_column_int(st, i++);
		out->ward_id = db_column_int(st, i++);
		out->neighbourhood_id = db_column_int(st, i++);
		const char **texts[] = {&out->reference, &out->agency_name, &out->team_name, &out->assigned_name,
			&out->status, &out->risk_level, &out->referring_agency_name, &out->ward_name,
			&out->neighbourhood_name, &out->tenure, &out->summary, &out->opened_on, &out->closed_on};
		for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) *texts[k] = arena_strdup(a, db_column_text(st, i++));
		out->positively_resolved = (int)db_column_int(st, i++);
		out->stayed_in_tenancy = (int)db_column_int(st, i++);
		out->moved = arena_strdup(a, db_column_text(st, i++));
		out->closure_reason = arena_strdup(a, db_column_text(st, i++));
		out->closure_requested_by = db_column_int(st, i++);
		out->closure_requested_at = db_column_int(st, i++);
		out->closure_approved_by = db_column_int(st, i++);
		out->closure_approved_at = db_column_int(st, i++);
		out->closure_requested_by_name = arena_strdup(a, db_column_text(st, i++));
		out->closure_approved_by_name = arena_strdup(a, db_column_text(st, i++));
		out->source = arena_strdup(a, db_column_text(st, i++));
		out->created_at = db_column_int(st, i++);
		out->updated_at = db_column_int(st, i++);
		out->referral_id = db_column_int(st, i++);
		out->sections = grant.sections;
		out->via_share = !grant.owner;
		/* free text travels with the notes section (case_access.h) */
		if (grant.sections & CASE_SECTION_NOTES) {
			out->summary = sealed_text_open(a, "case_file.summary", out->id, out->summary);
		} else {
			out->summary = "";
			out->closure_reason = "";
		}
		rc = MODEL_OK;
	}
	db_finalize(st);
	/* one statement read the case, so no transaction is needed for a consistent view; the audit
	 * row joins the group commit and is durable before the case is returned */
	if (rc == MODEL_OK) record_audit(db, who, "case.view", "case", id, NULL);
	return rc;
}

/* Other cases (readable by WHO) linking the person/property, besides CASE_ID. */
static int other_cases(struct db *db, const struct actor *who, const char *link_table, const char *link_col,
	int64_t record_id, int64_t case_id)
{
	if (!access_is_case_staff(who)) return 0;
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT l.case_id) FROM %s l JOIN case_file c ON c.id = l.case_id"
		" WHERE l.%s = ? AND l.case_id <> ? AND c.agency_id = ?", link_table, link_col);
	return (int)db_int(db, 0, sql, "iii", record_id, case_id, who->agency_id);
}

int case_people(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_person_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (case_section_access(db, who, id, CASE_SECTION_PEOPLE) < ACCESS_READ) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, "SELECT cp.id, cp.person_id, cp.role FROM case_person cp"
		" JOIN person pe ON pe.id = cp.person_id WHERE cp.case_id = ?"
		" ORDER BY CASE cp.role WHEN 'resident' THEN 0 WHEN 'other_occupant' THEN 1 WHEN 'family_member' THEN 2"
		" WHEN 'associate' THEN 3 ELSE 4 END, pe.family_name, pe.given_name", "i", id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_person_item *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->link_id = db_column_int(st, 0);
		person_load(db, db_column_int(st, 1), a, &it->person);
		it->role = arena_strdup(a, db_column_text(st, 2));
		it->other_cases = other_cases(db, who, "case_person", "person_id", it->person.id, id);
	}
	db_finalize(st);
	return MODEL_OK;
}

int case_properties(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_property_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (case_section_access(db, who, id, CASE_SECTION_PROPERTY) < ACCESS_READ) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, "SELECT id, property_id FROM case_property WHERE case_id = ? ORDER BY id", "i", id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_property_item *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->link_id = db_column_int(st, 0);
		property_load(db, db_column_int(st, 1), a, &it->property);
		it->other_cases = other_cases(db, who, "case_property", "property_id", it->property.id, id);
	}
	db_finalize(st);
	return MODEL_OK;
}

/* Read type rows (id, code, label[, special category]); with GRANT, a special-category type
 * is left out unless WHO may see that category. */
static size_t load_types(struct db *db, struct db_stmt *st, struct arena *a, struct case_type_item **out,
	const struct actor *who, const struct case_grant *grant)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		if (grant && !case_grant_allows_special(db, who, grant, db_column_text(st, 3))) continue;
		struct case_type_item *it = arena_array_push(a, out, &n, &cap, sizeof *it);
		it->id = db_column_int(st, 0);
		it->code = arena_strdup(a, db_column_text(st, 1));
		it->label = arena_strdup(a, db_column_text(st, 2));
	}
	db_finalize(st);
	return n;
}

int case_types(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_type_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct case_grant grant;
	case_access_grant(db, who, id, &grant);
	if (grant.level < ACCESS_READ) return MODEL_NOT_FOUND;
	*n = load_types(db, db_preparef(db, "SELECT t.id, t.code, t.label, coalesce(t.special_category, '')"
		" FROM case_exploitation_type ct JOIN exploitation_type t ON t.id = ct.type_id WHERE ct.case_id = ?"
		" ORDER BY t.sort_order, t.label", "i", id), a, out, who, &grant);
	return MODEL_OK;
}

size_t case_type_choices(struct db *db, struct arena *a, struct case_type_item **out)
{
	return load_types(db, db_prepare(db, "SELECT id, code, label FROM exploitation_type WHERE retired = 0"
		" ORDER BY sort_order, label"), a, out, NULL, NULL);
}

int case_risks(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_risk_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (case_section_access(db, who, id, CASE_SECTION_RISK) < ACCESS_READ) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, "SELECT r.level, r.reason, coalesce(u.name, ''), r.assessed_at, r.id FROM case_risk r"
		" LEFT JOIN user u ON u.id = r.assessed_by WHERE r.case_id = ? ORDER BY r.assessed_at DESC, r.id DESC", "i", id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_risk_item *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->level = arena_strdup(a, db_column_text(st, 0));
		it->reason = sealed_text_open(a, "case_risk.reason", db_column_int(st, 4), db_column_text(st, 1));
		it->assessed_by_name = arena_strdup(a, db_column_text(st, 2));
		it->assessed_at = db_column_int(st, 3);
	}
	db_finalize(st);
	return MODEL_OK;
}

size_t case_worker_choices(struct db *db, int64_t agency_id, struct arena *a, struct case_worker **out)
{
	struct db_stmt *st = db_preparef(db, "SELECT id, name FROM user WHERE agency_id = ? AND disabled = 0"
		" AND (roles & 6) <> 0 ORDER BY name, id", "i", agency_id);
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct case_worker *w = arena_array_push(a, out, &n, &cap, sizeof *w);
		w->id = db_column_int(st, 0);
		w->name = arena_strdup(a, db_column_text(st, 1));
	}
	db_finalize(st);
	return n;
}

/* End an operation: commit after auditing, or roll back; returns RC. */
static int finish(struct db *db, int rc)
{
	if (rc == MODEL_OK) db_commit(db);
	else db_rollback(db);
	return rc;
}

int case_assign(struct db *db, const struct actor *who, int64_t id, const char *user_id, struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	int64_t uid = validate_id(errs, "user_id", user_id, "a worker");
	if (uid == 0) field_errors_add(errs, "user_id", "Select a worker");
	if (uid <= 0) return finish(db, MODEL_INVALID);
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id = ?", "i", id);
	if (!db_int(db, 0, "SELECT 1 FROM user WHERE id = ? AND agency_id = ? AND disabled = 0 AND (roles & 6) <> 0",
			"ii", uid, agency)) {
		field_errors_add(errs, "user_id", "Select a caseworker or team leader from the list");
		return finish(db, MODEL_INVALID);
	}
	if (!(who->roles & ROLE_TEAM_LEADER) && uid != who->user_id)
		return finish(db, field_errors_refuse(errs, "Only a team leader can assign a case to someone else"));
	if (db_int(db, 0, "SELECT assigned_user_id FROM case_file WHERE id = ?", "i", id) == uid)
		return finish(db, field_errors_refuse(errs, "The case is already assigned to that worker"));
	db_run(db, "UPDATE case_file SET assigned_user_id = ? WHERE id = ?", "ii", uid, id);
	char detail[32];
	snprintf(detail, sizeof detail, "user %" PRId64, uid);
	case_event_add(db, who, id, "assigned", uid, NULL);
	record_audit(db, who, "case.assign", "case", id, detail);
	return finish(db, MODEL_OK);
}

int case_set_risk(struct db *db, const struct actor *who, int64_t id, const char *level, const char *reason,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	struct arena *a = arena_new();
	int l = validate_choice(errs, "level", level, "the risk level", 1, vocab_risk_codes);
	const char *why = validate_text(a, errs, "reason", reason, "the reason for the risk level", 1, 2000, 1);
	if (errs->count) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	db_run(db, "INSERT INTO case_risk(case_id, level, reason, assessed_by, assessed_at) VALUES(?,?,'',?,?)",
		"it" "ii", id, vocab_risk_codes[l], who->user_id, clock_now());
	sealed_text_store(db, "case_risk", "reason", db_last_insert_id(db), why);
	db_run(db, "UPDATE case_file SET risk_level = ? WHERE id = ?", "ti", vocab_risk_codes[l], id);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", clock_now(), id);
	record_audit(db, who, "case.risk", "case", id, vocab_risk_codes[l]);
	arena_free(a);
	return finish(db, MODEL_OK);
}

int case_set_types(struct db *db, const struct actor *who, int64_t id, const char *const *type_ids, size_t n,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	int64_t ids[16];
	size_t count = validate_types(db, errs, type_ids, n, ids, 16);
	if (errs->count) return finish(db, MODEL_INVALID);
	store_types(db, id, ids, count);
	char detail[32];
	snprintf(detail, sizeof detail, "types=%zu", count);
	case_event_add(db, who, id, "types_changed", 0, NULL);
	record_audit(db, who, "case.types", "case", id, detail);
	return finish(db, MODEL_OK);
}

int case_add_person(struct db *db, const struct actor *who, int64_t id, const char *person_id, const char *role,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	int64_t pid = validate_id(errs, "person_id", person_id, "a person");
	if (pid == 0) field_errors_add(errs, "person_id", "Select a person");
	int r = validate_choice(errs, "role", role, "the person's role", 1, vocab_person_role_codes);
	if (errs->count) return finish(db, MODEL_INVALID);
	if (person_access(db, who, pid) < ACCESS_WRITE) {
		field_errors_add(errs, "person_id", "Select a person from the list");
		return finish(db, MODEL_INVALID);
	}
	int64_t merged = db_int(db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", pid);
	if (merged)
		return finish(db, field_errors_refuse(errs, "That person's record was merged into another record; add that one instead"));
	if (case_link_person(db, who, id, pid, vocab_person_role_codes[r]) != 0) {
		return finish(db, field_errors_refuse(errs, "That person is already on the case in that role"));
	}
	record_audit(db, who, "case.person.add", "case", id, NULL);
	return finish(db, MODEL_OK);
}

int case_add_new_person(struct db *db, const struct actor *who, int64_t id, const struct person_input *in,
	const char *role, struct field_errors *errs, int64_t *person_id_out)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	struct arena *a = arena_new();
	struct person p;
	person_validate(a, in, "", errs, &p);
	int r = validate_choice(errs, "role", role, "the person's role", 1, vocab_person_role_codes);
	if (errs->count) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id = ?", "i", id);
	int64_t pid = person_store(db, who, agency, &p);
	case_link_person(db, who, id, pid, vocab_person_role_codes[r]);
	record_audit(db, who, "person.create", "person", pid, NULL);
	record_audit(db, who, "case.person.add", "case", id, NULL);
	if (person_id_out) *person_id_out = pid;
	arena_free(a);
	return finish(db, MODEL_OK);
}

int case_add_new_property(struct db *db, const struct actor *who, int64_t id, const struct property_input *in,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	struct arena *a = arena_new();
	struct property p;
	if (property_validate(db, a, in, "", errs, &p) != MODEL_OK) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM case_file WHERE id = ?", "i", id);
	int64_t pid = property_store(db, who, agency, &p);
	arena_free(a);
	if (case_link_property(db, who, id, pid) != 0)
		return finish(db, field_errors_refuse(errs, "That property is already on the case"));
	record_audit(db, who, "property.create", "property", pid, NULL);
	record_audit(db, who, "case.property.add", "case", id, NULL);
	return finish(db, MODEL_OK);
}

int case_remove_person(struct db *db, const struct actor *who, int64_t id, int64_t link_id, struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	int64_t pid = db_int(db, 0, "SELECT person_id FROM case_person WHERE id = ? AND case_id = ?", "ii", link_id, id);
	if (!pid) return finish(db, MODEL_NOT_FOUND);
	char *role = db_text(db, "SELECT role FROM case_person WHERE id = ?", "i", link_id);
	db_run(db, "DELETE FROM case_person WHERE id = ?", "i", link_id);
	case_event_add(db, who, id, "person_removed", pid, role);
	free(role);
	case_search_refresh(db, id);
	record_audit(db, who, "case.person.remove", "case", id, NULL);
	return finish(db, MODEL_OK);
}

int case_add_property(struct db *db, const struct actor *who, int64_t id, const char *property_id,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	int64_t pid = validate_id(errs, "property_id", property_id, "a property");
	if (pid == 0) field_errors_add(errs, "property_id", "Select a property");
	if (errs->count) return finish(db, MODEL_INVALID);
	if (property_access(db, who, pid) < ACCESS_WRITE) {
		field_errors_add(errs, "property_id", "Select a property from the list");
		return finish(db, MODEL_INVALID);
	}
	if (case_link_property(db, who, id, pid) != 0) {
		return finish(db, field_errors_refuse(errs, "That property is already on the case"));
	}
	record_audit(db, who, "case.property.add", "case", id, NULL);
	return finish(db, MODEL_OK);
}

int case_update_summary(struct db *db, const struct actor *who, int64_t id, const char *summary, struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	struct arena *a = arena_new();
	const char *s = validate_text(a, errs, "summary", summary, "the summary", 0, 2000, 1);
	if (!s) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", clock_now(), id);
	sealed_text_store(db, "case_file", "summary", id, s);
	record_audit(db, who, "case.update", "case", id, "summary");
	arena_free(a);
	return finish(db, MODEL_OK);
}

/* The current status of case ID (caller frees), or NULL. */
static char *case_status(struct db *db, int64_t id)
{
	return db_text(db, "SELECT status FROM case_file WHERE id = ?", "i", id);
}

int case_request_closure(struct db *db, const struct actor *who, int64_t id, const struct case_closure_input *in,
	struct field_errors *errs)
{
	db_begin(db);
	int rc = case_writable(db, who, id, errs);
	if (rc != MODEL_OK) return finish(db, rc);
	char *status = case_status(db, id);
	int requested = status && strcmp(status, "closure_requested") == 0;
	free(status);
	if (requested) return finish(db, field_errors_refuse(errs, "Closure has already been requested for this case"));
	struct arena *a = arena_new();
	int resolved = validate_yes_no(errs, "positively_resolved", in->positively_resolved,
		"the case was positively resolved", 1);
	int stayed = validate_yes_no(errs, "stayed_in_tenancy", in->stayed_in_tenancy,
		"the household stayed in its tenancy", 1);
	int moved = validate_choice(errs, "moved", in->moved, "whether the household moved", 1, vocab_moved_codes);
	const char *reason = validate_text(a, errs, "reason", in->reason, "the reason for closing the case", 1, 2000, 1);
	if (stayed == 1 && moved > 0)
		field_errors_add(errs, "moved", "A household that stayed in its tenancy did not move; select \"Did not move\"");
	if (errs->count) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	db_run(db, "UPDATE case_file SET status = 'closure_requested', positively_resolved = ?, stayed_in_tenancy = ?,"
		" moved = ?, closure_reason = ?, closure_requested_by = ?, closure_requested_at = ?,"
		" closure_approved_by = NULL, closure_approved_at = NULL WHERE id = ?",
		"iitt" "iii", (int64_t)resolved, (int64_t)stayed, vocab_moved_codes[moved], reason, who->user_id, clock_now(), id);
	char detail[2200];
	snprintf(detail, sizeof detail, "positively resolved: %s; stayed in tenancy: %s; %s. %s",
		resolved ? "yes" : "no", stayed ? "yes" : "no", vocab_label(vocab_moved, vocab_moved_codes[moved]), reason);
	case_event_add(db, who, id, "closure_requested", 0, detail);
	record_audit(db, who, "case.close.request", "case", id, NULL);
	arena_free(a);
	return finish(db, MODEL_OK);
}

int case_approve_closure(struct db *db, const struct actor *who, int64_t id, struct field_errors *errs)
{
	db_begin(db);
	enum access_level level = case_access(db, who, id);
	if (level < ACCESS_READ) return finish(db, MODEL_NOT_FOUND);
	if (level < ACCESS_WRITE || !(who->roles & ROLE_TEAM_LEADER)) return finish(db, MODEL_FORBIDDEN);
	char *status = case_status(db, id);
	int is_closed = status && strcmp(status, "closed") == 0;
	int is_requested = status && strcmp(status, "closure_requested") == 0;
	free(status);
	if (is_closed) return finish(db, field_errors_refuse(errs, "This case is already closed"));
	if (!is_requested) return finish(db, field_errors_refuse(errs, "Closure has not been requested for this case"));
	if (db_int(db, 0, "SELECT closure_requested_by FROM case_file WHERE id = ?", "i", id) == who->user_id)
		return finish(db, field_errors_refuse(errs, "You requested this closure, so another team leader must approve it"));
	char today[11];
	date_today(today);
	db_run(db, "UPDATE case_file SET status = 'closed', closed_on = ?, closure_approved_by = ?, closure_approved_at = ?"
		" WHERE id = ?", "tiii", today, who->user_id, clock_now(), id);
	case_event_add(db, who, id, "closure_approved", 0, NULL);
	record_audit(db, who, "case.close.approve", "case", id, NULL);
	return finish(db, MODEL_OK);
}

int case_decline_closure(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs)
{
	db_begin(db);
	enum access_level level = case_access(db, who, id);
	if (level < ACCESS_READ) return finish(db, MODEL_NOT_FOUND);
	if (level < ACCESS_WRITE || !(who->roles & ROLE_TEAM_LEADER)) return finish(db, MODEL_FORBIDDEN);
	char *status = case_status(db, id);
	int is_requested = status && strcmp(status, "closure_requested") == 0;
	free(status);
	if (!is_requested) return finish(db, field_errors_refuse(errs, "Closure has not been requested for this case"));
	struct arena *a = arena_new();
	const char *why = validate_text(a, errs, "reason", reason, "the reason for keeping the case open", 1, 2000, 1);
	if (!why) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	db_run(db, "UPDATE case_file SET status = 'open', positively_resolved = NULL, stayed_in_tenancy = NULL, moved = NULL,"
		" closure_reason = NULL, closure_requested_by = NULL, closure_requested_at = NULL WHERE id = ?", "i", id);
	case_event_add(db, who, id, "closure_declined", 0, why);
	record_audit(db, who, "case.close.decline", "case", id, NULL);
	arena_free(a);
	return finish(db, MODEL_OK);
}

int case_reopen(struct db *db, const struct actor *who, int64_t id, const char *reason, struct field_errors *errs)
{
	db_begin(db);
	enum access_level level = case_access(db, who, id);
	if (level < ACCESS_READ) return finish(db, MODEL_NOT_FOUND);
	if (level < ACCESS_WRITE) return finish(db, MODEL_FORBIDDEN);
	char *status = case_status(db, id);
	int is_closed = status && strcmp(status, "closed") == 0;
	free(status);
	if (!is_closed) return finish(db, field_errors_refuse(errs, "Only a closed case can be reopened"));
	struct arena *a = arena_new();
	const char *why = validate_text(a, errs, "reason", reason, "the reason for reopening the case", 1, 2000, 1);
	if (!why) {
		arena_free(a);
		return finish(db, MODEL_INVALID);
	}
	db_run(db, "UPDATE case_file SET status = 'open', closed_on = NULL, positively_resolved = NULL,"
		" stayed_in_tenancy = NULL, moved = NULL, closure_reason = NULL, closure_requested_by = NULL,"
		" closure_requested_at = NULL, closure_approved_by = NULL, closure_approved_at = NULL WHERE id = ?", "i", id);
	case_event_add(db, who, id, "reopened", 0, why);
	record_audit(db, who, "case.reopen", "case", id, NULL);
	arena_free(a);
	return finish(db, MODEL_OK);
}
