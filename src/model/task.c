/* Tasks and the worker's queue. */
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case.h"
#include "model/record_audit.h"
#include "model/task.h"
#include "util/arena.h"
#include "util/clock.h"

int task_create(struct db *db, const struct actor *who, int64_t case_id, const struct task_input *in,
	struct field_errors *errs, int64_t *id_out)
{
	db_begin(db);
	int rc = case_writable(db, who, case_id, errs);
	if (rc != MODEL_OK) {
		db_rollback(db);
		return rc;
	}
	struct arena *a = arena_new();
	const char *title = validate_text(a, errs, "title", in->title, "what needs doing", 1, 200, 0);
	int64_t owner = validate_id(errs, "owner_user_id", in->owner_user_id, "who will do it");
	if (owner == 0) owner = who->user_id;
	if (owner > 0 && !db_int(db, 0, "SELECT 1 FROM user u JOIN case_file c ON c.agency_id = u.agency_id"
			" WHERE u.id = ? AND c.id = ? AND u.disabled = 0 AND (u.roles & 6) <> 0", "ii", owner, case_id))
		field_errors_add(errs, "owner_user_id", "Select a caseworker or team leader from the list");
	char today[11], due[11];
	date_today(today);
	if (validate_date(errs, "due_on", in->due_on, "the due date", 1, NULL, due) == 1 && strcmp(due, today) < 0)
		field_errors_add(errs, "due_on", "The due date must be today or in the future");
	if (errs->count) {
		db_rollback(db);
		arena_free(a);
		return MODEL_INVALID;
	}
	db_run(db, "INSERT INTO case_task(case_id, title, owner_user_id, due_on, created_by, created_at) VALUES(?,?,?,?,?,?)",
		"itit" "ii", case_id, title, owner, due, who->user_id, clock_now());
	int64_t id = db_last_insert_id(db);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", clock_now(), case_id);
	record_audit(db, who, "case.task.create", "case", case_id, NULL);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

int task_complete(struct db *db, const struct actor *who, int64_t task_id, struct field_errors *errs)
{
	db_begin(db);
	int64_t case_id = db_int(db, 0, "SELECT case_id FROM case_task WHERE id = ?", "i", task_id);
	int rc = case_id ? case_writable(db, who, case_id, errs) : MODEL_NOT_FOUND;
	if (rc == MODEL_OK && db_int(db, 0, "SELECT done_at FROM case_task WHERE id = ?", "i", task_id))
		rc = field_errors_refuse(errs, "This task is already done");
	if (rc != MODEL_OK) {
		db_rollback(db);
		return rc;
	}
	db_run(db, "UPDATE case_task SET done_at = ?, done_by = ? WHERE id = ?", "iii", clock_now(), who->user_id, task_id);
	db_run(db, "UPDATE case_file SET updated_at = ? WHERE id = ?", "ii", clock_now(), case_id);
	record_audit(db, who, "case.task.complete", "case", case_id, NULL);
	db_commit(db);
	return MODEL_OK;
}

#define TASK_COLUMNS "t.id, t.case_id, t.owner_user_id, c.reference, t.title, coalesce(u.name, ''), t.due_on," \
	" coalesce(t.done_at, 0), t.created_at"
#define TASK_FROM " FROM case_task t JOIN case_file c ON c.id = t.case_id LEFT JOIN user u ON u.id = t.owner_user_id"

static size_t task_rows(struct db_stmt *st, struct arena *a, struct task **out)
{
	char today[11];
	date_today(today);
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct task *t = arena_array_push(a, out, &n, &cap, sizeof *t);
		t->id = db_column_int(st, 0);
		t->case_id = db_column_int(st, 1);
		t->owner_user_id = db_column_int(st, 2);
		t->case_reference = arena_strdup(a, db_column_text(st, 3));
		t->title = arena_strdup(a, db_column_text(st, 4));
		t->owner_name = arena_strdup(a, db_column_text(st, 5));
		t->due_on = arena_strdup(a, db_column_text(st, 6));
		t->done_at = db_column_int(st, 7);
		t->created_at = db_column_int(st, 8);
		t->done = t->done_at != 0;
		t->overdue = !t->done && strcmp(t->due_on, today) < 0;
	}
	db_finalize(st);
	return n;
}

int task_list_for_case(struct db *db, const struct actor *who, int64_t case_id, struct arena *a,
	struct task **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (case_section_access(db, who, case_id, CASE_SECTION_TASKS) < ACCESS_READ) return MODEL_NOT_FOUND;
	*n = task_rows(db_preparef(db, "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.case_id = ?"
		" ORDER BY t.done_at IS NOT NULL, t.due_on, t.id", "i", case_id), a, out);
	return MODEL_OK;
}

size_t task_queue(struct db *db, const struct actor *who, size_t limit, struct arena *a, struct task **out)
{
	*out = NULL;
	if (!access_is_case_staff(who)) return 0;
	/* the owning-agency condition keeps a worker who moved agency from seeing old cases */
	return task_rows(db_preparef(db, "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.owner_user_id = ? AND t.done_at IS NULL"
		" AND c.agency_id = ? AND c.status <> 'closed' ORDER BY t.due_on, t.id LIMIT ?", "iii",
		who->user_id, who->agency_id, (int64_t)limit), a, out);
}

int64_t task_overdue_count(struct db *db, const struct actor *who)
{
	if (!access_is_case_staff(who)) return 0;
	char today[11];
	date_today(today);
	return db_int(db, 0, "SELECT count(*) FROM case_task t JOIN case_file c ON c.id = t.case_id"
		" WHERE t.owner_user_id = ? AND t.done_at IS NULL AND t.due_on < ? AND c.agency_id = ? AND c.status <> 'closed'",
		"iti", who->user_id, today, who->agency_id);
}
