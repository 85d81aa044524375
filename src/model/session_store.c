/* Sessions table access. */
#include <stdio.h>
#include "db/db.h"
#include "model/session_store.h"
#include "util/clock.h"

void session_create(struct db *db, int64_t user_id, const char *client, int second_factor_ok, char *token, char *csrf)
{
	char hash[65];
	secret_token_new(token);
	secret_token_new(csrf);
	secret_token_hash(token, hash);
	int64_t now = clock_now();
	db_begin(db);
	/* sweep this user's expired sessions so the table does not grow without bound */
	db_run(db, "DELETE FROM session WHERE user_id=? AND (last_seen_at<? OR created_at<?)", "iii",
		user_id, now - SESSION_IDLE_SECONDS, now - SESSION_ABSOLUTE_SECONDS);
	db_run(db, "INSERT INTO session(token_hash,user_id,csrf_token,created_at,last_seen_at,client,second_factor_ok)"
		" VALUES(?,?,?,?,?,?,?)", "titiiti", hash, user_id, csrf, now, now, client ? client : "", (int64_t)(second_factor_ok != 0));
	db_commit(db);
}

int64_t session_lookup(struct db *db, const char *token, char *csrf, int *second_factor_ok)
{
	char hash[65];
	secret_token_hash(token, hash);
	int64_t now = clock_now();
	struct db_stmt *st = db_preparef(db,
		"SELECT user_id, csrf_token, created_at, last_seen_at, second_factor_ok FROM session WHERE token_hash=?", "t", hash);
	int64_t user_id = 0, created = 0, seen = 0;
	if (db_step(st) == DB_ROW) {
		user_id = db_column_int(st, 0);
		snprintf(csrf, SECRET_TOKEN_CHARS + 1, "%s", db_column_text(st, 1));
		created = db_column_int(st, 2);
		seen = db_column_int(st, 3);
		if (second_factor_ok) *second_factor_ok = (int)db_column_int(st, 4);
	}
	db_finalize(st);
	if (!user_id) return 0;
	if (now - seen > SESSION_IDLE_SECONDS || now - created > SESSION_ABSOLUTE_SECONDS) {
		db_run(db, "DELETE FROM session WHERE token_hash=?", "t", hash);
		return 0;
	}
	if (now - seen >= 60)
		db_run(db, "UPDATE session SET last_seen_at=? WHERE token_hash=?", "it", now, hash);
	return user_id;
}

void session_delete(struct db *db, const char *token)
{
	char hash[65];
	secret_token_hash(token, hash);
	db_run(db, "DELETE FROM session WHERE token_hash=?", "t", hash);
}
