/* Interventions and outcomes on a case. */
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/intervention.h"
#include "model/record_audit.h"
#include "model/sealed_text.h"
#include "util/arena.h"
#include "util/clock.h"

size_t intervention_kinds(struct db *db, struct arena *a, struct intervention_kind_item **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, code, label, grp FROM intervention_kind WHERE retired = 0"
		" ORDER BY sort_order, label");
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct intervention_kind_item *k = arena_array_push(a, out, &n, &cap, sizeof *k);
		k->id = db_column_int(st, 0);
		k->code = arena_strdup(a, db_column_text(st, 1));
		k->label = arena_strdup(a, db_column_text(st, 2));
		k->grp = arena_strdup(a, db_column_text(st, 3));
	}
	db_finalize(st);
	return n;
}

int intervention_record(struct db *db, const struct actor *who, int64_t case_id, const struct intervention_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	return intervention_record_marked(db, who, case_id, in, NULL, errs, id_out);
}

int intervention_record_marked(struct db *db, const struct actor *who, int64_t case_id, const struct intervention_input *in,
	const char *special_category, struct field_errors *errs, int64_t *id_out)
{
	db_begin(db);
	int rc = case_writable(db, who, case_id, errs);
	if (rc != MODEL_OK) {
		db_rollback(db);
		return rc;
	}
	struct arena *a = arena_new();
	int64_t kind = 0;
	if (!in->kind || !*in->kind) field_errors_add(errs, "kind", "Select what was done");
	else if (!(kind = db_int(db, 0, "SELECT id FROM intervention_kind WHERE code = ? AND retired = 0", "t", in->kind)))
		field_errors_add(errs, "kind", "Select what was done from the list");
	char today[11], on[11];
	date_today(today);
	validate_date(errs, "occurred_on", in->occurred_on, "the date it happened", 1, today, on);
	int64_t person = validate_id(errs, "person_id", in->person_id, "a person on the case");
	if (person > 0 && !db_int(db, 0, "SELECT 1 FROM case_person WHERE case_id = ? AND person_id = ?", "ii", case_id, person))
		field_errors_add(errs, "person_id", "Select a person on this case");
	const char *details = validate_text(a, errs, "details", in->details, "the details", 0, 5000, 1);
	int special = special_category && *special_category;
	if (special && !db_int(db, 0, "SELECT 1 FROM special_category WHERE code = ?", "t", special_category))
		field_errors_add(errs, "special_category", "Select a special category from the list, or none");
	if (errs->count) {
		db_rollback(db);
		arena_free(a);
		return MODEL_INVALID;
	}
	struct db_stmt *st = db_preparef(db, "INSERT INTO case_intervention(case_id, kind_id, occurred_on, person_id, details,"
		" recorded_by, recorded_at, special_category) VALUES(?,?,?,?,'',?,?,?)", "iit" "n" "iit", case_id, kind, on,
		who->user_id, clock_now(), special ? special_category : NULL);
	if (person > 0) db_bind_int(st, 4, person);
	db_step(st);
	db_finalize(st);
	int64_t id = db_last_insert_id(db);
	sealed_text_store(db, "case_intervention", "details", id, details);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", clock_now(), case_id);
	record_audit(db, who, "case.intervention.create", "case", case_id, in->kind);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

int intervention_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct intervention **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct case_grant grant;
	case_access_grant(db, who, case_id, &grant);
	if (grant.level < ACCESS_READ || !(grant.sections & CASE_SECTION_INTERVENTIONS)) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db,
		"SELECT i.id, i.case_id, coalesce(i.person_id, 0), k.code, k.label, k.grp, i.occurred_on, i.details,"
		" coalesce(pe.given_name || ' ' || pe.family_name, ''), coalesce(u.name, ''), i.recorded_at,"
		" coalesce(i.special_category, k.special_category, '')"
		" FROM case_intervention i JOIN intervention_kind k ON k.id = i.kind_id"
		" LEFT JOIN person pe ON pe.id = i.person_id LEFT JOIN user u ON u.id = i.recorded_by"
		" WHERE i.case_id = ? ORDER BY i.occurred_on DESC, i.id DESC", "i", case_id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct intervention *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->id = db_column_int(st, 0);
		it->case_id = db_column_int(st, 1);
		it->person_id = db_column_int(st, 2);
		it->kind = arena_strdup(a, db_column_text(st, 3));
		it->kind_label = arena_strdup(a, db_column_text(st, 4));
		it->grp = arena_strdup(a, db_column_text(st, 5));
		it->occurred_on = arena_strdup(a, db_column_text(st, 6));
		it->person_name = arena_strdup(a, db_column_text(st, 8));
		it->recorded_by_name = arena_strdup(a, db_column_text(st, 9));
		it->recorded_at = db_column_int(st, 10);
		it->special_category = arena_strdup(a, db_column_text(st, 11));
		it->withheld = !case_grant_allows_special(db, who, &grant, it->special_category);
		if (it->withheld) {
			/* the kind itself (e.g. a substance misuse referral) tells the category */
			it->kind = it->grp = "withheld";
			it->kind_label = "Special-category record withheld";
			it->details = it->person_name = "";
			it->person_id = 0;
		} else {
			it->details = sealed_text_open(a, "case_intervention.details", it->id, db_column_text(st, 7));
		}
		if (!(grant.sections & CASE_SECTION_PEOPLE)) {
			it->person_name = "";   /* who it concerns is part of the people section */
			it->person_id = 0;
		}
	}
	db_finalize(st);
	return MODEL_OK;
}
