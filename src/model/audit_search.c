/* Audit search: one query whose WHERE clause is assembled from fixed fragments with bound values. */
#include <string.h>
#include "db/db.h"
#include "model/audit_search.h"
#include "util/arena.h"
#include "util/buf.h"

/* Up to LIMIT + 1 rows of one log matching F, newest first, into ROWS; returns the count. */
static size_t search_log(struct db *db, struct arena *a, const struct audit_filter *f, int log, int limit,
	struct audit_entry *rows)
{
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT a.id, a.at, a.user_id, coalesce(u.name,''), a.action, a.record_type, a.record_id,"
		" a.client, a.purpose, a.detail FROM %s a LEFT JOIN user u ON u.id=a.user_id WHERE 1=1",
		log == AUDIT_CHANGES ? "main.audit" : "access.access_log");
	/* each fragment adds exactly one placeholder, bound in the same order below */
	if (f->user_id) buf_puts(&sql, " AND a.user_id=?");
	int prefix = f->action && *f->action && f->action[strlen(f->action) - 1] == '.';
	if (f->action && *f->action) buf_puts(&sql, prefix ? " AND instr(a.action,?)=1" : " AND a.action=?");
	if (f->record_type && *f->record_type) buf_puts(&sql, " AND a.record_type=?");
	if (f->record_id && *f->record_id) buf_puts(&sql, " AND a.record_id=?");
	if (f->from) buf_puts(&sql, " AND a.at>=?");
	if (f->to) buf_puts(&sql, " AND a.at<=?");
	if (f->before[log]) buf_puts(&sql, " AND a.id<?");
	buf_puts(&sql, " ORDER BY a.id DESC LIMIT ?");
	struct db_stmt *st = db_prepare(db, buf_str(&sql));
	int i = 1;
	if (f->user_id) db_bind_int(st, i++, f->user_id);
	if (f->action && *f->action) db_bind_text(st, i++, f->action);
	if (f->record_type && *f->record_type) db_bind_text(st, i++, f->record_type);
	if (f->record_id && *f->record_id) db_bind_text(st, i++, f->record_id);
	if (f->from) db_bind_int(st, i++, f->from);
	if (f->to) db_bind_int(st, i++, f->to);
	if (f->before[log]) db_bind_int(st, i++, f->before[log]);
	db_bind_int(st, i++, limit + 1);
	size_t n = 0;
	while (db_step(st) == DB_ROW) {
		struct audit_entry *e = &rows[n++];
		e->log = log;
		e->id = db_column_int(st, 0);
		e->at = db_column_int(st, 1);
		e->user_id = db_column_int(st, 2);
		e->user_name = arena_strdup(a, db_column_text(st, 3));
		e->action = arena_strdup(a, db_column_text(st, 4));
		e->record_type = arena_strdup(a, db_column_text(st, 5));
		e->record_id = arena_strdup(a, db_column_text(st, 6));
		e->client = arena_strdup(a, db_column_text(st, 7));
		e->purpose = arena_strdup(a, db_column_text(st, 8));
		e->detail = arena_strdup(a, db_column_text(st, 9));
	}
	db_finalize(st);
	buf_free(&sql);
	return n;
}

size_t audit_search(struct db *db, struct arena *a, const struct audit_filter *f,
	struct audit_entry **out, int *more, int64_t next[2])
{
	int limit = f->limit < 1 ? 50 : f->limit > 500 ? 500 : f->limit;
	struct audit_entry *logs[2];
	size_t found[2];
	db_read_begin(db);
	for (int log = 0; log < 2; log++) {
		logs[log] = arena_alloc(a, (size_t)(limit + 1) * sizeof *logs[log]);
		found[log] = search_log(db, a, f, log, limit, logs[log]);
	}
	db_read_end(db);
	/* merge the two newest-first lists by time; on a tie the change comes first */
	struct audit_entry *rows = arena_alloc(a, (size_t)limit * sizeof *rows);
	size_t n = 0, taken[2] = {0, 0};
	while (n < (size_t)limit && (taken[0] < found[0] || taken[1] < found[1])) {
		int log = taken[0] == found[0] ? 1 : taken[1] == found[1] ? 0
			: logs[1][taken[1]].at > logs[0][taken[0]].at ? 1 : 0;
		rows[n++] = logs[log][taken[log]++];
	}
	*more = taken[0] < found[0] || taken[1] < found[1];
	if (next)
		for (int log = 0; log < 2; log++) next[log] = taken[log] ? logs[log][taken[log] - 1].id : f->before[log];
	*out = rows;
	return n;
}

const char *audit_action_category(const char *action)
{
	const char *dot = strrchr(action, '.');
	const char *verb = dot ? dot + 1 : action;
	static const struct { const char *verb, *category; } map[] = {
		{"create", "collection"}, {"import", "collection"}, {"submit", "collection"},
		{"view", "consultation"}, {"list", "consultation"}, {"search", "consultation"},
		{"export", "disclosure"}, {"share", "disclosure"}, {"sar", "disclosure"},
		{"merge", "combination"},
		{"erase", "erasure"}, {"purge", "erasure"}, {"anonymise", "erasure"},
	};
	if (strncmp(action, "signin", 6) == 0 || strncmp(action, "access.", 7) == 0 || strncmp(action, "alert.", 6) == 0 ||
	    strcmp(action, "signout") == 0)
		return "other";
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(verb, map[i].verb) == 0) return map[i].category;
	return "alteration";
}
