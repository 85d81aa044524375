/* Case notes. */
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/case_note.h"
#include "model/record_audit.h"
#include "util/arena.h"
#include "util/clock.h"

int case_note_add(struct db *db, const struct actor *who, int64_t case_id, const char *body,
	struct field_errors *errs, int64_t *id_out)
{
	db_begin(db);
	int rc = case_writable(db, who, case_id, errs);
	struct arena *a = arena_new();
	const char *text = rc == MODEL_OK ? validate_text(a, errs, "body", body, "the note", 1, 20000, 1) : NULL;
	if (rc == MODEL_OK && !text) rc = MODEL_INVALID;
	if (rc != MODEL_OK) {
		db_rollback(db);
		arena_free(a);
		return rc;
	}
	int64_t now = clock_now();
	db_run(db, "INSERT INTO case_note(case_id, body, author_id, created_at) VALUES(?,?,?,?)", "itii",
		case_id, text, who->user_id, now);
	int64_t id = db_last_insert_id(db);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", now, case_id);
	record_audit(db, who, "case.note.create", "case", case_id, NULL);
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
	if (case_access(db, who, case_id) < ACCESS_READ) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, "SELECT n.id, n.body, coalesce(u.name, ''), n.created_at FROM case_note n"
		" LEFT JOIN user u ON u.id = n.author_id WHERE n.case_id = ? ORDER BY n.created_at DESC, n.id DESC", "i", case_id);
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct case_note *it = arena_array_push(a, out, n, &cap, sizeof *it);
		it->id = db_column_int(st, 0);
		it->body = arena_strdup(a, db_column_text(st, 1));
		it->author_name = arena_strdup(a, db_column_text(st, 2));
		it->created_at = db_column_int(st, 3);
	}
	db_finalize(st);
	return MODEL_OK;
}
