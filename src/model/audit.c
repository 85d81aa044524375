/* Audit rows and their hash chain: hash = SHA-256(prev_hash | id | at | user | agency |
 * action | record_type | record_id | client | purpose | detail), fields separated by 0x1F. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/audit.h"
#include "util/buf.h"
#include "util/clock.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static void row_hash(char out[65], const char *prev, int64_t id, int64_t at, int64_t user_id,
	int64_t agency_id, const char *action, const char *rtype, const char *rid,
	const char *client, const char *purpose, const char *detail)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s\x1f%" PRId64 "\x1f%" PRId64 "\x1f%" PRId64 "\x1f%" PRId64 "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
		prev, id, at, user_id, agency_id, action, rtype, rid, client, purpose, detail);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
	sodium_bin2hex(out, 65, h, sizeof h);
	buf_free(&b);
}

void audit_record(struct db *db, const struct actor *who, const char *action,
	const char *record_type, const char *record_id, const char *purpose, const char *detail)
{
	static const struct actor system_actor = {0, 0, 0, "cli"};
	if (!who) who = &system_actor;
	const char *rtype = record_type ? record_type : "";
	const char *rid = record_id ? record_id : "";
	const char *client = who->client ? who->client : "";
	purpose = purpose ? purpose : "";
	detail = detail ? detail : "";
	int64_t at = clock_now();

	db_begin(db);
	struct db_stmt *st = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
	int64_t id = 1;
	char prev[65] = GENESIS_HASH;
	if (db_step(st) == DB_ROW) {
		id = db_column_int(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_column_text(st, 1));
	}
	db_finalize(st);
	char hash[65];
	row_hash(hash, prev, id, at, who->user_id, who->agency_id, action, rtype, rid, client, purpose, detail);
	db_run(db, "INSERT INTO audit(id,at,user_id,agency_id,action,record_type,record_id,client,purpose,detail,prev_hash,hash)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", "iiiittttttt" "t",
		id, at, who->user_id, who->agency_id, action, rtype, rid, client, purpose, detail, prev, hash);
	db_commit(db);
}

int audit_verify(struct db *db, int64_t *bad_id, char *why, size_t whysize)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT id,at,user_id,agency_id,action,record_type,record_id,client,purpose,detail,prev_hash,hash"
		" FROM audit ORDER BY id");
	char prev[65] = GENESIS_HASH;
	int64_t expect_id = 1;
	int rc = 0;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		char hash[65];
		if (id != expect_id) {
			*bad_id = expect_id;
			snprintf(why, whysize, "row %" PRId64 " is missing (next row is %" PRId64 ")", expect_id, id);
			rc = -1;
			break;
		}
		if (strcmp(db_column_text(st, 10), prev) != 0) {
			*bad_id = id;
			snprintf(why, whysize, "row %" PRId64 " does not follow the row before it", id);
			rc = -1;
			break;
		}
		row_hash(hash, prev, id, db_column_int(st, 1), db_column_int(st, 2), db_column_int(st, 3),
			db_column_text(st, 4), db_column_text(st, 5), db_column_text(st, 6),
			db_column_text(st, 7), db_column_text(st, 8), db_column_text(st, 9));
		if (strcmp(hash, db_column_text(st, 11)) != 0) {
			*bad_id = id;
			snprintf(why, whysize, "row %" PRId64 " was altered", id);
			rc = -1;
			break;
		}
		memcpy(prev, hash, sizeof prev);
		expect_id++;
	}
	db_finalize(st);
	return rc;
}
