/* Sign-in: throttle, verify, record. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/password.h"
#include "model/signin.h"
#include "util/clock.h"
#include "util/xalloc.h"

static char *dummy_hash;  /* verified against when the email is unknown, for equal timing */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	dummy_hash = password_hash("nestguard-timing-equaliser");
}

int signin_check(struct db *db, const char *email, const char *password, const char *client, int64_t *user_id)
{
	int64_t now = clock_now(), since = now - SIGNIN_WINDOW_SECONDS;
	struct actor anon = {0, 0, 0, client};
	if (db_int(db, 0, "SELECT count(*) FROM signin_failure WHERE email=? AND at>?", "ti", email, since) >= SIGNIN_MAX_PER_ACCOUNT ||
	    db_int(db, 0, "SELECT count(*) FROM signin_failure WHERE client=? AND at>?", "ti", client, since) >= SIGNIN_MAX_PER_CLIENT) {
		audit_record(db, &anon, "signin.throttled", NULL, NULL, NULL, NULL);
		return SIGNIN_THROTTLED;
	}
	struct db_stmt *st = db_preparef(db, "SELECT id, agency_id, password_hash FROM user WHERE email=? AND disabled=0", "t", email);
	int64_t id = 0, agency = 0;
	char *hash = NULL;
	if (db_step(st) == DB_ROW) {
		id = db_column_int(st, 0);
		agency = db_column_int(st, 1);
		if (!db_column_is_null(st, 2)) hash = xstrdup(db_column_text(st, 2));
	}
	db_finalize(st);
	int ok;
	if (hash) {
		ok = password_verify(hash, password);
		free(hash);
	} else {
		pthread_once(&dummy_once, make_dummy_hash);
		password_verify(dummy_hash, password);
		ok = 0;
	}
	db_begin(db);
	if (!ok) {
		db_run(db, "INSERT INTO signin_failure(email,client,at) VALUES(?,?,?)", "tti", email, client, now);
		db_run(db, "DELETE FROM signin_failure WHERE at<?", "i", now - 24 * 3600);
		audit_record(db, &anon, "signin.failed", NULL, NULL, NULL, NULL);
		db_commit(db);
		return SIGNIN_WRONG;
	}
	struct actor who = {id, agency, 0, client};
	db_run(db, "UPDATE user SET last_signin_at=? WHERE id=?", "ii", now, id);
	db_run(db, "DELETE FROM signin_failure WHERE email=?", "t", email);
	audit_record(db, &who, "signin", "user", NULL, NULL, NULL);
	db_commit(db);
	*user_id = id;
	return SIGNIN_OK;
}
