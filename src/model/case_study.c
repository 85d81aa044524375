/* Case studies: validation, storage, approval and access (see case_study.h). */
#include <string.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/case_access.h"
#include "model/case_study.h"
#include "model/record_audit.h"
#include "util/arena.h"
#include "util/clock.h"

#define TITLE_MAX 200
#define BODY_MAX 20000
#define TERMS_MAX 2000

/* Check the fields into arena copies; adds errors. */
static void check_fields(struct arena *a, struct field_errors *errs, const char *title, const char *body,
	const char *extra_terms, const char **t, const char **b, const char **x)
{
	*t = validate_text(a, errs, "title", title, "the title", 1, TITLE_MAX, 0);
	*b = validate_text(a, errs, "body", body, "the case study", 1, BODY_MAX, 1);
	*x = validate_text(a, errs, "extra_terms", extra_terms, "the words to remove", 0, TERMS_MAX, 1);
}

int case_study_add(struct db *db, const struct actor *who, const char *case_reference, const char *title,
	const char *body, const char *extra_terms, struct field_errors *errs, int64_t *id_out)
{
	if (!access_is_case_staff(who)) return MODEL_FORBIDDEN;
	struct arena *a = arena_new();
	const char *ref = validate_text(a, errs, "case_reference", case_reference, "the case reference", 1, 40, 0);
	int64_t case_id = 0;
	if (ref) {
		case_id = db_int(db, 0, "SELECT id FROM case_file WHERE upper(reference) = upper(?)", "t", ref);
		/* a case WHO may not change is reported like one that does not exist */
		if (!case_id || case_access(db, who, case_id) < ACCESS_WRITE) {
			field_errors_add(errs, "case_reference", "There is no case %s that you work on", ref);
			case_id = 0;
		}
	}
	const char *t, *b, *x;
	check_fields(a, errs, title, body, extra_terms, &t, &b, &x);
	if (errs->count) {
		arena_free(a);
		return MODEL_INVALID;
	}
	int64_t now = clock_now();
	db_begin(db);
	db_run(db, "INSERT INTO case_study(case_id, title, body, extra_terms, author_id, created_at, updated_at)"
		" VALUES(?, ?, ?, ?, NULLIF(?, 0), ?, ?)", "itttiii", case_id, t, b, x, who->user_id, now, now);
	int64_t id = db_last_insert_id(db);
	record_audit(db, who, "case_study.create", "case_study", id, NULL);
	db_commit(db);
	if (id_out) *id_out = id;
	arena_free(a);
	return MODEL_OK;
}

/* The case of study ID when WHO may change it, else 0. */
static int64_t writable_case(struct db *db, const struct actor *who, int64_t id)
{
	int64_t case_id = db_int(db, 0, "SELECT case_id FROM case_study WHERE id = ?", "i", id);
	return case_id && case_access(db, who, case_id) >= ACCESS_WRITE ? case_id : 0;
}

int case_study_update(struct db *db, const struct actor *who, int64_t id, const char *title, const char *body,
	const char *extra_terms, struct field_errors *errs)
{
	if (!writable_case(db, who, id)) return MODEL_NOT_FOUND;
	struct arena *a = arena_new();
	const char *t, *b, *x;
	check_fields(a, errs, title, body, extra_terms, &t, &b, &x);
	if (errs->count) {
		arena_free(a);
		return MODEL_INVALID;
	}
	db_begin(db);
	db_run(db, "UPDATE case_study SET title = ?, body = ?, extra_terms = ?, status = 'draft', approved_by = NULL,"
		" approved_at = NULL, updated_at = ? WHERE id = ?", "tttii", t, b, x, clock_now(), id);
	record_audit(db, who, "case_study.update", "case_study", id, NULL);
	db_commit(db);
	arena_free(a);
	return MODEL_OK;
}

int case_study_approve(struct db *db, const struct actor *who, int64_t id, struct field_errors *errs)
{
	if (!writable_case(db, who, id)) return MODEL_NOT_FOUND;
	if (!(who->roles & ROLE_TEAM_LEADER)) return MODEL_FORBIDDEN;
	struct db_stmt *st = db_preparef(db, "SELECT status, coalesce(author_id, 0) FROM case_study WHERE id = ?", "i", id);
	int approved = 0;
	int64_t author = 0;
	if (db_step(st) == DB_ROW) {
		approved = strcmp(db_column_text(st, 0), "approved") == 0;
		author = db_column_int(st, 1);
	}
	db_finalize(st);
	if (approved) return field_errors_refuse(errs, "This case study is already approved");
	if (author && author == who->user_id)
		return field_errors_refuse(errs, "You wrote this case study, so another team leader must approve it");
	db_begin(db);
	db_run(db, "UPDATE case_study SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?", "iii",
		who->user_id, clock_now(), id);
	record_audit(db, who, "case_study.approve", "case_study", id, NULL);
	db_commit(db);
	return MODEL_OK;
}

#define STUDY_COLUMNS \
	"SELECT s.id, s.case_id, c.reference, c.opened_on, s.title, s.status, coalesce(s.author_id, 0)," \
	" coalesce(u.name, ''), coalesce(v.name, ''), s.created_at, s.updated_at, coalesce(s.approved_at, 0)"

static void read_row(struct db_stmt *st, struct arena *a, struct case_study *s)
{
	s->id = db_column_int(st, 0);
	s->case_id = db_column_int(st, 1);
	s->case_reference = arena_strdup(a, db_column_text(st, 2));
	s->case_opened_on = arena_strdup(a, db_column_text(st, 3));
	s->title = arena_strdup(a, db_column_text(st, 4));
	s->status = arena_strdup(a, db_column_text(st, 5));
	s->author_id = db_column_int(st, 6);
	s->author_name = arena_strdup(a, db_column_text(st, 7));
	s->approved_by_name = arena_strdup(a, db_column_text(st, 8));
	s->created_at = db_column_int(st, 9);
	s->updated_at = db_column_int(st, 10);
	s->approved_at = db_column_int(st, 11);
	s->body = s->extra_terms = "";
}

int case_study_get(struct db *db, const struct actor *who, int64_t id, struct arena *a, struct case_study *out)
{
	/* the owning team only: a share of the case with another agency does not include its
	 * case studies, which hold names before they are anonymised */
	int64_t case_id = db_int(db, 0, "SELECT case_id FROM case_study WHERE id = ?", "i", id);
	if (!case_id || case_access(db, who, case_id) < ACCESS_WRITE) return MODEL_NOT_FOUND;
	struct db_stmt *st = db_preparef(db, STUDY_COLUMNS ", s.body, s.extra_terms FROM case_study s"
		" JOIN case_file c ON c.id = s.case_id LEFT JOIN user u ON u.id = s.author_id"
		" LEFT JOIN user v ON v.id = s.approved_by WHERE s.id = ?", "i", id);
	int found = db_step(st) == DB_ROW;
	if (found) {
		read_row(st, a, out);
		out->body = arena_strdup(a, db_column_text(st, 12));
		out->extra_terms = arena_strdup(a, db_column_text(st, 13));
	}
	db_finalize(st);
	if (!found) return MODEL_NOT_FOUND;
	record_audit(db, who, "case_study.view", "case_study", id, NULL);
	return MODEL_OK;
}

size_t case_study_list(struct db *db, const struct actor *who, struct arena *a, struct case_study **out)
{
	/* the owning agency's caseworkers and team leaders, as for case_study_get() */
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!access_is_case_staff(who) || who->user_id <= 0) return 0;
	struct db_stmt *st = db_preparef(db, STUDY_COLUMNS " FROM case_study s JOIN case_file c ON c.id = s.case_id"
		" LEFT JOIN user u ON u.id = s.author_id LEFT JOIN user v ON v.id = s.approved_by WHERE c.agency_id = ?"
		" ORDER BY s.updated_at DESC, s.id DESC LIMIT 500", "i", who->agency_id);
	while (db_step(st) == DB_ROW) read_row(st, a, arena_array_push(a, out, &n, &cap, sizeof **out));
	db_finalize(st);
	record_audit(db, who, "case_study.list", "case_study", 0, NULL);
	return n;
}
