/* People: validation, storage, duplicate warnings, merging, search. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/case_access.h"
#include "model/person.h"
#include "model/property.h"
#include "model/query.h"
#include "model/record_audit.h"
#include "model/search_terms.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/soundex.h"
#include "util/xalloc.h"

int person_validate(struct arena *a, const struct person_input *in, const char *prefix,
	struct field_errors *errs, struct person *out)
{
	char f[64];
	int before = errs->count;
	memset(out, 0, sizeof *out);
	const char *p = prefix ? prefix : "";
	snprintf(f, sizeof f, "%sgiven_name", p);
	out->given_name = validate_text(a, errs, f, in->given_name, "the given name", 1, 80, 0);
	snprintf(f, sizeof f, "%sfamily_name", p);
	out->family_name = validate_text(a, errs, f, in->family_name, "the family name", 1, 80, 0);
	snprintf(f, sizeof f, "%sknown_as", p);
	out->known_as = validate_text(a, errs, f, in->known_as, "the name they are known by", 0, 80, 0);
	char today[11], dob[11];
	date_today(today);
	snprintf(f, sizeof f, "%sdate_of_birth", p);
	validate_date(errs, f, in->date_of_birth, "the date of birth", 0, today, dob);
	out->date_of_birth = arena_strdup(a, dob);
	return errs->count > before ? MODEL_INVALID : MODEL_OK;
}

int64_t person_store(struct db *db, const struct actor *who, int64_t agency_id, const struct person *p)
{
	char sg[5], sf[5];
	soundex(p->given_name, sg);
	soundex(p->family_name, sf);
	int64_t now = clock_now();
	struct db_stmt *st = db_preparef(db,
		"INSERT INTO person(agency_id, given_name, family_name, known_as, date_of_birth, phonetic_given,"
		" phonetic_family, created_by, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?)",
		"itttttt" "nii", agency_id, p->given_name, p->family_name, p->known_as ? p->known_as : "",
		p->date_of_birth && *p->date_of_birth ? p->date_of_birth : NULL, sg, sf, now, now);
	if (who && who->user_id > 0) db_bind_int(st, 8, who->user_id);
	if (db_step(st) != DB_DONE) fatal("person insert violated a constraint");
	db_finalize(st);
	int64_t id = db_last_insert_id(db);

	struct search_terms t;
	search_terms_init(&t);
	search_terms_add_text(&t, p->given_name);
	search_terms_add_text(&t, p->family_name);
	search_terms_add_text(&t, p->known_as);
	st = db_prepare(db, "INSERT OR IGNORE INTO person_search(term, person_id) VALUES(?, ?)");
	for (size_t i = 0; i < t.count; i++) {
		db_bind_text(st, 1, t.term[i]);
		db_bind_int(st, 2, id);
		db_step(st);
		db_reset(st);
	}
	db_finalize(st);
	return id;
}

int person_create(struct db *db, const struct actor *who, const struct person_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	if (!access_is_case_staff(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	struct person p;
	int rc = person_validate(a, in, "", errs, &p);
	if (rc == MODEL_OK) {
		db_begin(db);
		int64_t id = person_store(db, who, who->agency_id, &p);
		record_audit(db, who, "person.create", "person", id, NULL);
		db_commit(db);
		if (id_out) *id_out = id;
	}
	arena_free(a);
	return rc;
}

#define PERSON_COLUMNS "pe.id, pe.agency_id, coalesce(pe.merged_into, 0), pe.given_name, pe.family_name," \
	" pe.known_as, coalesce(pe.date_of_birth, '')"

static void person_from_row(struct db_stmt *st, int col, struct arena *a, struct person *p)
{
	p->id = db_column_int(st, col);
	p->agency_id = db_column_int(st, col + 1);
	p->merged_into = db_column_int(st, col + 2);
	p->given_name = arena_strdup(a, db_column_text(st, col + 3));
	p->family_name = arena_strdup(a, db_column_text(st, col + 4));
	p->known_as = arena_strdup(a, db_column_text(st, col + 5));
	p->date_of_birth = arena_strdup(a, db_column_text(st, col + 6));
}

int person_load(struct db *db, int64_t id, struct arena *a, struct person *out)
{
	struct db_stmt *st = db_preparef(db, "SELECT " PERSON_COLUMNS " FROM person pe WHERE pe.id = ?", "i", id);
	int rc = MODEL_NOT_FOUND;
	if (db_step(st) == DB_ROW) {
		person_from_row(st, 0, a, out);
		rc = MODEL_OK;
	}
	db_finalize(st);
	return rc;
}

int person_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person *out)
{
	if (person_access(db, who, id) < ACCESS_READ) return MODEL_NOT_FOUND;
	db_begin(db);
	int rc = person_load(db, id, a, out);
	if (rc == MODEL_OK) record_audit(db, who, "person.view", "person", id, NULL);
	db_commit(db);
	return rc;
}

const char *person_display_name(struct arena *a, const struct person *p)
{
	if (p->known_as && *p->known_as)
		return arena_printf(a, "%s %s (known as %s)", p->given_name, p->family_name, p->known_as);
	return arena_printf(a, "%s %s", p->given_name, p->family_name);
}

#define DUPLICATES_MAX 20

size_t person_find_duplicates(struct db *db, const struct actor *who, const struct person *p, int64_t exclude_id,
	struct arena *a, struct person_match **out)
{
	*out = arena_alloc(a, DUPLICATES_MAX * sizeof **out);
	if (!access_is_case_staff(who)) return 0;
	char sg[5], sf[5];
	soundex(p->given_name, sg);
	soundex(p->family_name, sf);
	const char *dob = p->date_of_birth && *p->date_of_birth ? p->date_of_birth : NULL;
	struct query q;
	query_init(&q);
	query_sql(&q, "SELECT " PERSON_COLUMNS ", pe.phonetic_given, pe.phonetic_family FROM person pe WHERE ");
	access_owner_list_filter(who, &q, "pe");
	query_sql(&q, " AND pe.merged_into IS NULL AND pe.id <> ");
	query_int(&q, exclude_id);
	query_sql(&q, " AND ((pe.phonetic_family = ");
	query_text(&q, sf);
	query_sql(&q, " AND (pe.phonetic_given = ");
	query_text(&q, sg);
	query_sql(&q, " OR pe.date_of_birth = ");
	query_text(&q, dob);
	query_sql(&q, ")) OR (pe.date_of_birth = ");
	query_text(&q, dob);
	query_sql(&q, " AND pe.phonetic_given = ");
	query_text(&q, sg);
	query_sql(&q, ")) ORDER BY pe.family_name, pe.given_name LIMIT ");
	query_int(&q, DUPLICATES_MAX);
	struct db_stmt *st = query_prepare(db, &q);
	size_t n = 0;
	while (n < DUPLICATES_MAX && db_step(st) == DB_ROW) {
		struct person_match *m = &(*out)[n++];
		person_from_row(st, 0, a, &m->person);
		int same_dob = dob && strcmp(dob, m->person.date_of_birth) == 0;
		int same_family = strcmp(db_column_text(st, 8), sf) == 0;
		int same_given = strcmp(db_column_text(st, 7), sg) == 0;
		int exact = strcasecmp(m->person.given_name, p->given_name) == 0 &&
			strcasecmp(m->person.family_name, p->family_name) == 0;
		if (exact && same_dob) m->why = "Same name and date of birth";
		else if (same_family && same_given && same_dob) m->why = "Name sounds the same and same date of birth";
		else if (exact) m->why = "Same name";
		else if (same_family && same_given) m->why = "Name sounds the same";
		else if (same_family) m->why = "Family name sounds the same and same date of birth";
		else m->why = "Same date of birth and given name sounds the same";
	}
	db_finalize(st);
	query_free(&q);
	return n;
}

/* Move links of MERGE_ID to KEEP_ID in TABLE (columns OWNER_COL, role, person_id), dropping the
 * rows that would duplicate a link the survivor already has. */
static void move_role_links(struct db *db, const char *table, const char *owner_col, int64_t keep_id, int64_t merge_id)
{
	char sql[512];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE person_id = ? AND EXISTS (SELECT 1 FROM %s k"
		" WHERE k.%s = %s.%s AND k.role = %s.role AND k.person_id = ?)",
		table, table, owner_col, table, owner_col, table);
	db_run(db, sql, "ii", merge_id, keep_id);
	snprintf(sql, sizeof sql, "UPDATE %s SET person_id = ? WHERE person_id = ?", table);
	db_run(db, sql, "ii", keep_id, merge_id);
}

int person_merge(struct db *db, const struct actor *who, int64_t keep_id, int64_t merge_id, struct field_errors *errs)
{
	if (person_access(db, who, keep_id) < ACCESS_WRITE || person_access(db, who, merge_id) < ACCESS_WRITE)
		return MODEL_NOT_FOUND;
	if (!(who->roles & ROLE_TEAM_LEADER))
		return MODEL_FORBIDDEN;
	if (keep_id == merge_id) return field_errors_refuse(errs, "A person cannot be merged with themselves");
	if (db_int(db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", keep_id))
		return field_errors_refuse(errs, "The record to keep has itself been merged into another record");
	if (db_int(db, 0, "SELECT merged_into FROM person WHERE id = ?", "i", merge_id))
		return field_errors_refuse(errs, "That record has already been merged");
	if (db_int(db, 0, "SELECT agency_id FROM person WHERE id = ?", "i", keep_id) !=
	    db_int(db, 0, "SELECT agency_id FROM person WHERE id = ?", "i", merge_id))
		return field_errors_refuse(errs, "Only records held by the same agency can be merged");

	int64_t now = clock_now();
	char detail[64];
	db_begin(db);
	/* each case that gains the survivor records it in its chronology */
	struct db_stmt *st = db_preparef(db, "SELECT DISTINCT case_id FROM case_person WHERE person_id = ?", "i", merge_id);
	struct db_stmt *ev = db_prepare(db, "INSERT INTO case_event(case_id, kind, ref_id, detail, user_id, at)"
		" VALUES(?, 'person_merged', ?, ?, ?, ?)");
	snprintf(detail, sizeof detail, "%" PRId64, merge_id);
	while (db_step(st) == DB_ROW) {
		db_bind_int(ev, 1, db_column_int(st, 0));
		db_bind_int(ev, 2, keep_id);
		db_bind_text(ev, 3, detail);
		db_bind_int(ev, 4, who->user_id);
		db_bind_int(ev, 5, now);
		db_step(ev);
		db_reset(ev);
	}
	db_finalize(ev);
	db_finalize(st);

	move_role_links(db, "case_person", "case_id", keep_id, merge_id);
	move_role_links(db, "referral_person", "referral_id", keep_id, merge_id);
	db_run(db, "UPDATE case_intervention SET person_id = ? WHERE person_id = ?", "ii", keep_id, merge_id);
	db_run(db, "UPDATE person SET"
		" date_of_birth = coalesce(date_of_birth, (SELECT date_of_birth FROM person WHERE id = ?)),"
		" known_as = CASE WHEN known_as = '' THEN (SELECT known_as FROM person WHERE id = ?) ELSE known_as END,"
		" updated_at = ? WHERE id = ?", "iiii", merge_id, merge_id, now, keep_id);
	/* earlier merges into the merged record now point at the survivor directly */
	db_run(db, "UPDATE person SET merged_into = ? WHERE merged_into = ?", "ii", keep_id, merge_id);
	db_run(db, "UPDATE person SET merged_into = ?, updated_at = ? WHERE id = ?", "iii", keep_id, now, merge_id);
	/* the merged record's names now also find the survivor */
	db_run(db, "INSERT OR IGNORE INTO person_search(term, person_id) SELECT term, ? FROM person_search WHERE person_id = ?",
		"ii", keep_id, merge_id);
	db_run(db, "DELETE FROM person_search WHERE person_id = ?", "i", merge_id);
	st = db_preparef(db, "SELECT DISTINCT case_id FROM case_person WHERE person_id = ?", "i", keep_id);
	while (db_step(st) == DB_ROW) case_search_refresh(db, db_column_int(st, 0));
	db_finalize(st);
	snprintf(detail, sizeof detail, "combination: merged person %" PRId64, merge_id);
	record_audit(db, who, "person.merge", "person", keep_id, detail);
	snprintf(detail, sizeof detail, "combination: merged into person %" PRId64, keep_id);
	record_audit(db, who, "person.merge", "person", merge_id, detail);
	db_commit(db);
	return MODEL_OK;
}

/* Cases linked through LINK_SQL (one "?" for the id) that WHO may read. */
static size_t linked_cases(struct db *db, const struct actor *who, const char *select_from, int64_t id,
	struct arena *a, struct person_case **out)
{
	struct query q;
	query_init(&q);
	query_sql(&q, select_from);
	query_int(&q, id);
	query_sql(&q, " AND ");
	case_access_list_filter(db, who, &q, "c");
	query_sql(&q, " ORDER BY c.opened_on DESC, c.id DESC LIMIT 200");
	struct db_stmt *st = query_prepare(db, &q);
	size_t cap = 0, n = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct person_case *pc = arena_array_push(a, out, &n, &cap, sizeof *pc);
		pc->case_id = db_column_int(st, 0);
		pc->reference = arena_strdup(a, db_column_text(st, 1));
		pc->role = arena_strdup(a, db_column_text(st, 2));
		pc->status = arena_strdup(a, db_column_text(st, 3));
	}
	db_finalize(st);
	query_free(&q);
	return n;
}

size_t person_cases(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person_case **out)
{
	return linked_cases(db, who, "SELECT c.id, c.reference, cp.role, c.status FROM case_person cp"
		" JOIN case_file c ON c.id = cp.case_id WHERE cp.person_id = ", id, a, out);
}

size_t property_cases(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct person_case **out)
{
	return linked_cases(db, who, "SELECT c.id, c.reference, '', c.status FROM case_property cp"
		" JOIN case_file c ON c.id = cp.case_id WHERE cp.property_id = ", id, a, out);
}

size_t person_search(struct db *db, const struct actor *who, const char *q, size_t limit,
	struct arena *a, struct person **out)
{
	struct search_terms terms;
	search_terms_init(&terms);
	search_terms_add_text(&terms, q);
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof **out);
	if (terms.count == 0 || limit == 0) return 0;
	struct query qu;
	query_init(&qu);
	query_sql(&qu, "SELECT " PERSON_COLUMNS " FROM person pe WHERE ");
	access_owner_list_filter(who, &qu, "pe");
	query_sql(&qu, " AND pe.merged_into IS NULL");
	search_terms_query(&qu, "pe.id", "person_search", "person_id", &terms);
	query_sql(&qu, " ORDER BY pe.family_name, pe.given_name, pe.id LIMIT ");
	query_int(&qu, (int64_t)limit);
	struct db_stmt *st = query_prepare(db, &qu);
	size_t n = 0;
	while (n < limit && db_step(st) == DB_ROW) person_from_row(st, 0, a, &(*out)[n++]);
	db_finalize(st);
	query_free(&qu);
	db_begin(db);
	record_audit(db, who, "person.search", "person", 0, NULL);
	db_commit(db);
	return n;
}
