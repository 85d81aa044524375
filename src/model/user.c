/* User accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/password.h"
#include "model/user.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/escape.h"

int user_email_valid(const char *e)
{
	size_t len = e ? strlen(e) : 0;
	if (len < 3 || len > 254 || !utf8_valid(e, len)) return 0;
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@')) return 0;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || dot[1] == 0) return 0;
	for (const char *p = e; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '<' || *p == '>' || *p == '"' || (unsigned char)*p < 0x20) return 0;
	return 1;
}

int user_identity_load(struct db *db, struct arena *a, int64_t user_id, struct user_identity *out)
{
	struct db_stmt *st = db_preparef(db,
		"SELECT u.id, u.agency_id, u.roles, u.email, u.name, a.name, a.kind FROM user u"
		" JOIN agency a ON a.id=u.agency_id WHERE u.id=? AND u.disabled=0", "i", user_id);
	int rc = -1;
	if (db_step(st) == DB_ROW) {
		out->id = db_column_int(st, 0);
		out->agency_id = db_column_int(st, 1);
		out->roles = (unsigned)db_column_int(st, 2);
		out->email = arena_strdup(a, db_column_text(st, 3));
		out->name = arena_strdup(a, db_column_text(st, 4));
		out->agency_name = arena_strdup(a, db_column_text(st, 5));
		out->agency_kind = arena_strdup(a, db_column_text(st, 6));
		rc = 0;
	}
	db_finalize(st);
	return rc;
}

int64_t user_find_by_email(struct db *db, const char *email)
{
	return db_int(db, 0, "SELECT id FROM user WHERE email=?", "t", email);
}

int64_t user_add(struct db *db, const struct actor *who, const struct user_new *u, struct user_errors *errors)
{
	memset(errors, 0, sizeof *errors);
	if (!u->email || !*u->email) errors->email = "Enter an email address";
	else if (!user_email_valid(u->email)) errors->email = "Enter an email address in the correct format, like name@example.org";
	if (!u->name || !*u->name) errors->name = "Enter the person's full name";
	else if (strlen(u->name) > 200 || !utf8_valid(u->name, strlen(u->name))) errors->name = "Name must be 200 characters or fewer";
	if (u->agency_id <= 0 || !db_int(db, 0, "SELECT 1 FROM agency WHERE id=?", "i", u->agency_id))
		errors->agency = "Choose the person's agency";
	if (u->roles == 0 || (u->roles & ~(unsigned)ROLE_ALL)) errors->roles = "Choose at least one role";
	if (!u->password) errors->password = "Enter a password";
	else errors->password = password_policy_check(u->password, u->email);
	if (!errors->email && user_find_by_email(db, u->email)) errors->email = "A user with that email address already exists";
	errors->any = errors->email || errors->name || errors->agency || errors->roles || errors->password;
	if (errors->any) return 0;

	char *hash = password_hash(u->password);
	db_begin(db);
	int rc = db_run(db, "INSERT INTO user(email,name,agency_id,roles,password_hash,created_at) VALUES(?,?,?,?,?,?)",
		"ttiiti", u->email, u->name, u->agency_id, (int64_t)u->roles, hash, clock_now());
	free(hash);
	if (rc == DB_CONSTRAINT) {
		db_rollback(db);
		errors->email = "A user with that email address already exists";
		errors->any = 1;
		return 0;
	}
	int64_t id = db_last_insert_id(db);
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	audit_record(db, who, "user.create", "user", rid, NULL, NULL);
	db_commit(db);
	return id;
}

int user_disable(struct db *db, const struct actor *who, int64_t user_id)
{
	db_begin(db);
	db_run(db, "UPDATE user SET disabled=1 WHERE id=?", "i", user_id);
	if (db_changes(db) == 0) {
		db_rollback(db);
		return -1;
	}
	db_run(db, "DELETE FROM session WHERE user_id=?", "i", user_id);
	db_run(db, "UPDATE api_token SET revoked_at=? WHERE user_id=? AND revoked_at IS NULL", "ii", clock_now(), user_id);
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)user_id);
	audit_record(db, who, "user.disable", "user", rid, NULL, NULL);
	db_commit(db);
	return 0;
}
