/* API tokens table access. */
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/api_token.h"
#include "model/audit.h"
#include "model/secret_token.h"
#include "util/clock.h"

int64_t api_token_create(struct db *db, const struct actor *who, int64_t user_id, const char *label, char *out)
{
	char secret[SECRET_TOKEN_CHARS + 1], hash[65];
	secret_token_new(secret);
	snprintf(out, API_TOKEN_CHARS + 1, "ng_%s", secret);
	secret_token_hash(out, hash);
	db_begin(db);
	db_run(db, "INSERT INTO api_token(user_id,token_hash,label,created_at) VALUES(?,?,?,?)", "itti",
		user_id, hash, label ? label : "", clock_now());
	int64_t id = db_last_insert_id(db);
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	audit_record(db, who, "token.create", "api_token", rid, NULL, NULL);
	db_commit(db);
	return id;
}

int64_t api_token_lookup(struct db *db, const char *token)
{
	if (strncmp(token, "ng_", 3) != 0 || strlen(token) != API_TOKEN_CHARS) return 0;
	char hash[65];
	secret_token_hash(token, hash);
	return db_int(db, 0, "SELECT t.user_id FROM api_token t JOIN user u ON u.id=t.user_id"
		" WHERE t.token_hash=? AND t.revoked_at IS NULL AND u.disabled=0", "t", hash);
}

int api_token_revoke(struct db *db, const struct actor *who, int64_t id)
{
	db_begin(db);
	db_run(db, "UPDATE api_token SET revoked_at=? WHERE id=? AND revoked_at IS NULL", "ii", clock_now(), id);
	if (db_changes(db) == 0) {
		db_rollback(db);
		return -1;
	}
	char rid[32];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	audit_record(db, who, "token.revoke", "api_token", rid, NULL, NULL);
	db_commit(db);
	return 0;
}
