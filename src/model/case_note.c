/* Case notes. */
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/case_note.h"
#include "model/record_audit.h"
#include "model/sealed_text.h"
#include "util/arena.h"
#include "util/clock.h"

int case_note_add(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	struct field_errors *errs, int64_t *id_out)
{
	return case_note_add_marked(db, who, case_id, body, NULL, errs, id_out);
}

int case_note_add_marked(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	const char *special_category, struct field_errors *errs, int64_t *id_out)
{
	db_begin(db);
	int rc = case_writable(db, who, case_id, errs);
	struct arena *a = arena_new();
	const char *text = rc == MODEL_OK ? validate_text(a, errs, "body", body, "the note", 1, 20000, 1) : NULL;
	int special = special_category && *special_category;
	if (rc == MODEL_OK && special && !db_int(db, 0, "SELECT 1 FROM special_category WHERE code = ?", "t", special_category)) {
		field_errors_add(errs, "special_category", "Select a special category from the list, or none");
		text = NULL;
	}
	if (rc == MODEL_OK && !text) rc = MODEL_INVALID;
	if (rc != MODEL_OK) {
		db_rollback(db);
		arena_free(a);
		return rc;
	}
	int64_t now = clock_now();
	db_run(db, "INSERT INTO case_note(case_id, body, author_id, created_at, special_category) VALUES(?,'',?,?,?)", "iiit",
		case_id, who->user_id, now, special ? special_category : NULL);
	int64_t id = db_last_insert_id(db);
	sealed_text_store(db, "case_note", "body", id, text);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", now, case_id);
	record_audit(db, who, "case.note.create", "case", case_id, special ? "special category" : NULL);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

int case_note_list(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct case_note **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct case_grant grant;
	case_access_grant(db, who, case_id, &grant);
	if (grant.level < ACCESS_READ || !(grant.sections & CASE_SECTION_NOTES)) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, "SELECT n.id, n.body, coalesce(u.name, ''), n.created_at,"
		" coalesce(n.special_category, '') FROM case_note n"
		" LEFT JOIN user u ON u.id = n.author_id WHERE n.case_id = ? ORDER BY n.created_at DESC, n.id DESC", "i", case_id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_note *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->id = db_column_int(st, 0);
		it->author_name = arena_strdup(a, db_column_text(st, 2));
		it->created_at = db_column_int(st, 3);
		it->special_category = arena_strdup(a, db_column_text(st, 4));
		it->withheld = !case_grant_allows_special(db, who, &grant, it->special_category);
		it->body = it->withheld ? "" : sealed_text_open(a, "case_note.body", it->id, db_column_text(st, 1));
	}
	db_finalize(st);
	return MODEL_OK;
}
