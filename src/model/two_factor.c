/* TOTP enrolment and verification against the user table. */
#include <stdio.h>
#include <stdlib.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/setting.h"
#include "model/signin.h"
#include "model/totp.h"
#include "model/two_factor.h"
#include "util/clock.h"
#include "util/xalloc.h"

int two_factor_enrolled(struct db *db, int64_t user_id)
{
	return db_int(db, 0, "SELECT totp_secret IS NOT NULL FROM user WHERE id=?", "i", user_id) != 0;
}

int two_factor_required(struct db *db, unsigned roles)
{
	return (roles & TWO_FACTOR_REQUIRED_ROLES) && setting_get_int(db, "totp.enforce", 1) != 0;
}

char *two_factor_pending_secret(struct db *db, int64_t user_id)
{
	char *secret = db_text(db, "SELECT totp_pending FROM user WHERE id=?", "i", user_id);
	if (secret) return secret;
	char fresh[TOTP_SECRET_CHARS + 1];
	totp_secret_new(fresh);
	db_run(db, "UPDATE user SET totp_pending=? WHERE id=?", "ti", fresh, user_id);
	return xstrdup(fresh);
}

static const char *user_rid(const struct actor *who, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", (long long)who->user_id);
	return buf;
}

int two_factor_confirm(struct db *db, const struct actor *who, const char *code)
{
	char *pending = db_text(db, "SELECT totp_pending FROM user WHERE id=?", "i", who->user_id);
	int64_t step = pending ? totp_check(pending, code, clock_now()) : 0;
	char rid[32];
	if (!step) {
		free(pending);
		audit_record(db, who, "totp.enrol.failed", "user", user_rid(who, rid, sizeof rid), NULL, NULL);
		return -1;
	}
	db_begin(db);
	db_run(db, "UPDATE user SET totp_secret=?, totp_pending=NULL, totp_last_step=? WHERE id=?", "tii",
		pending, step, who->user_id);
	audit_record(db, who, "totp.enrol", "user", user_rid(who, rid, sizeof rid), NULL, NULL);
	db_commit(db);
	free(pending);
	return 0;
}

int two_factor_verify(struct db *db, const struct actor *who, const char *code)
{
	int64_t now = clock_now();
	char *email = db_text(db, "SELECT email FROM user WHERE id=?", "i", who->user_id);
	if (!email) return SIGNIN_WRONG;
	int64_t since = now - SIGNIN_WINDOW_SECONDS;
	char rid[32];
	user_rid(who, rid, sizeof rid);
	if (db_int(db, 0, "SELECT count(*) FROM signin_failure WHERE email=? AND at>?", "ti", email, since) >= SIGNIN_MAX_PER_ACCOUNT) {
		free(email);
		audit_record(db, who, "signin.throttled", "user", rid, NULL, "second factor");
		return SIGNIN_THROTTLED;
	}
	char *secret = db_text(db, "SELECT totp_secret FROM user WHERE id=?", "i", who->user_id);
	int64_t last = db_int(db, 0, "SELECT totp_last_step FROM user WHERE id=?", "i", who->user_id);
	int64_t step = secret ? totp_check(secret, code, now) : 0;
	free(secret);
	db_begin(db);
	int rc;
	if (step > last) {
		db_run(db, "UPDATE user SET totp_last_step=? WHERE id=?", "ii", step, who->user_id);
		audit_record(db, who, "signin.second_factor", "user", rid, NULL, NULL);
		rc = SIGNIN_OK;
	} else {
		db_run(db, "INSERT INTO signin_failure(email,client,at) VALUES(?,?,?)", "tti", email,
			who->client ? who->client : "", now);
		audit_record(db, who, "signin.failed", "user", rid, NULL, step ? "second factor replayed" : "second factor");
		rc = SIGNIN_WRONG;
	}
	db_commit(db);
	free(email);
	return rc;
}

void two_factor_reset(struct db *db, const struct actor *who, int64_t user_id)
{
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)user_id);
	db_begin(db);
	db_run(db, "UPDATE user SET totp_secret=NULL, totp_pending=NULL, totp_last_step=0 WHERE id=?", "i", user_id);
	audit_record(db, who, "totp.reset", "user", rid, NULL, NULL);
	db_commit(db);
}
