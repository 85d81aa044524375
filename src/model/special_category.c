/* The special-category register and who may see each category. */
#include <stdio.h>
#include "db/db.h"
#include "model/arena_array.h"
#include "model/audit.h"
#include "model/special_category.h"
#include "util/arena.h"

size_t special_category_list(struct db *db, struct arena *a, struct special_category **out)
{
	struct db_stmt *st = db_prepare(db, "SELECT code, label, roles FROM special_category ORDER BY sort_order, code");
	size_t n = 0, cap = 0;
	*out = NULL;
	while (db_step(st) == DB_ROW) {
		struct special_category *c = arena_array_push(a, out, &n, &cap, sizeof *c);
		c->code = arena_strdup(a, db_column_text(st, 0));
		c->label = arena_strdup(a, db_column_text(st, 1));
		c->roles = (unsigned)db_column_int(st, 2);
	}
	db_finalize(st);
	return n;
}

int special_category_set_roles(struct db *db, const struct actor *who, const char *code, const char *const *role_names,
	size_t n, struct field_errors *errs)
{
	if (!who || (who->user_id > 0 && !(who->roles & ROLE_ADMIN))) return MODEL_FORBIDDEN;
	if (!code || !db_int(db, 0, "SELECT 1 FROM special_category WHERE code = ?", "t", code)) return MODEL_NOT_FOUND;
	unsigned roles = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned r = role_from_name(role_names[i]);
		if (!r) {
			field_errors_add(errs, "roles", "Select roles from the list");
			return MODEL_INVALID;
		}
		roles |= r;
	}
	db_begin(db);
	db_run(db, "UPDATE special_category SET roles = ? WHERE code = ?", "it", (int64_t)roles, code);
	char detail[32];
	snprintf(detail, sizeof detail, "roles=%u", roles);
	audit_record(db, who, "special_category.update", "special_category", code, NULL, detail);
	db_commit(db);
	return MODEL_OK;
}
