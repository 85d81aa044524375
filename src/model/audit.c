/* Audit rows and their hash chains: hash = SHA-256(prev_hash | id | at | user | agency |
 * action | record_type | record_id | client | purpose | detail), fields separated by 0x1F.
 * Two logs, each its own chain: main.audit, rows written in the transaction of the change they
 * record, and access.access_log in the access log file, rows that record no change (views,
 * searches, exports, sign-ins, refusals), made durable by group commit. */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "db/db.h"
#include "model/audit.h"
#include "model/audit_alert.h"
#include "model/setting.h"
#include "util/log.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/xalloc.h"

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

/* One audit row on its way to the table. */
struct audit_row {
	int64_t at, user_id, agency_id;
	char *action, *rtype, *rid, *client, *purpose, *detail;
	struct audit_row *next;
};

/* One of the two logs: its table and statements (fixed text, never input). */
struct audit_log {
	const char *name;       /* for messages */
	const char *last_sql, *insert_sql, *all_sql;
};
#define LOG_COLUMNS "id,at,user_id,agency_id,action,record_type,record_id,client,purpose,detail,prev_hash,hash"
static const struct audit_log change_log = {
	"audit log",
	"SELECT id, hash FROM main.audit ORDER BY id DESC LIMIT 1",
	"INSERT INTO main.audit(" LOG_COLUMNS ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
	"SELECT " LOG_COLUMNS " FROM main.audit ORDER BY id",
};
static const struct audit_log access_log = {
	"access log",
	"SELECT id, hash FROM access.access_log ORDER BY id DESC LIMIT 1",
	"INSERT INTO access.access_log(" LOG_COLUMNS ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
	"SELECT " LOG_COLUMNS " FROM access.access_log ORDER BY id",
};

/* Append ROWS (a list linked by next) to LOG's chain in order; the caller holds a write
 * transaction on LOG's file, so the chain's head is read once for the whole batch. */
static void append_rows(struct db *db, const struct audit_log *log, const struct audit_row *rows)
{
	struct db_stmt *st = db_prepare(db, log->last_sql);
	int64_t id = 1;
	char prev[65] = GENESIS_HASH;
	if (db_step(st) == DB_ROW) {
		id = db_column_int(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_column_text(st, 1));
	}
	db_finalize(st);
	for (const struct audit_row *row = rows; row; row = row->next, id++) {
		char hash[65];
		row_hash(hash, prev, id, row->at, row->user_id, row->agency_id, row->action, row->rtype, row->rid,
			row->client, row->purpose, row->detail);
		db_run(db, log->insert_sql, "iiiitttttttt",
			id, row->at, row->user_id, row->agency_id, row->action, row->rtype, row->rid, row->client,
			row->purpose, row->detail, prev, hash);
		memcpy(prev, hash, sizeof prev);
	}
}

/* Group commit for rows that are not part of a change (page views, sign-ins), into the
 * access log: callers queue their row and wait; whoever finds no writer at work becomes the
 * writer and commits everything queued so far in one transaction. Each caller returns only
 * once its own row is durable, but one fsync now serves many requests. */
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_done = PTHREAD_COND_INITIALIZER;
static struct audit_row *queue_head, *queue_tail;
static uint64_t queued_seq, committed_seq;
static int writer_busy;

static void free_row(struct audit_row *r)
{
	free(r->action); free(r->rtype); free(r->rid); free(r->client); free(r->purpose); free(r->detail);
	free(r);
}

static void group_commit(struct db *db, struct audit_row *row)
{
	pthread_mutex_lock(&queue_lock);
	if (queue_tail) queue_tail->next = row; else queue_head = row;
	queue_tail = row;
	uint64_t mine = ++queued_seq;
	while (committed_seq < mine) {
		if (writer_busy) {
			pthread_cond_wait(&queue_done, &queue_lock);
			continue;
		}
		writer_busy = 1;
		struct audit_row *batch = queue_head;
		uint64_t upto = queued_seq;
		queue_head = queue_tail = NULL;
		pthread_mutex_unlock(&queue_lock);
		struct db *log = db_access_log(db);
		db_begin(log);
		append_rows(log, &access_log, batch);
		db_commit(log);
		while (batch) { struct audit_row *next = batch->next; free_row(batch); batch = next; }
		pthread_mutex_lock(&queue_lock);
		committed_seq = upto;
		writer_busy = 0;
		pthread_cond_broadcast(&queue_done);
	}
	pthread_mutex_unlock(&queue_lock);
}

void audit_record(struct db *db, const struct actor *who, const char *action,
	const char *record_type, const char *record_id, const char *purpose, const char *detail)
{
	static const struct actor system_actor = {0, 0, 0, "cli"};
	if (!who) who = &system_actor;
	struct audit_row *row = xcalloc(1, sizeof *row);
	row->at = clock_now();
	row->user_id = who->user_id;
	row->agency_id = who->agency_id;
	row->action = xstrdup(action);
	row->rtype = xstrdup(record_type ? record_type : "");
	row->rid = xstrdup(record_id ? record_id : "");
	row->client = xstrdup(who->client ? who->client : "");
	row->purpose = xstrdup(purpose ? purpose : "");
	row->detail = xstrdup(detail ? detail : "");
	int in_change = db_in_transaction(db);
	if (in_change) {
		/* part of a change: same transaction, so both land or neither does */
		append_rows(db, &change_log, row);
		free_row(row);
	} else {
		group_commit(db, row);
	}
	const char *dot = strrchr(action, '.');
	if (dot && strcmp(dot, ".view") == 0 && who->user_id > 0) {
		int threshold = (int)setting_get_int(db, "audit.alert.views", AUDIT_ALERT_DEFAULT_VIEWS);
		int views = audit_alert_count_view(who->user_id, clock_now(), threshold);
		if (views) {
			char detail_text[64];
			snprintf(detail_text, sizeof detail_text, "%d views in %d minutes", views, AUDIT_ALERT_WINDOW_MINUTES);
			log_warn("alert: user %lld viewed %d records in %d minutes", (long long)who->user_id, views, AUDIT_ALERT_WINDOW_MINUTES);
			audit_record(db, who, "alert.bulk_viewing", "user", NULL, NULL, detail_text);
		}
	}
}

/* Check LOG's chain; 0 when intact, else -1 with *BAD_ID and WHY. *ROWS gets the row count. */
static int verify_chain(struct db *db, const struct audit_log *log, int64_t *rows, int64_t *bad_id,
	char *why, size_t whysize)
{
	struct db_stmt *st = db_prepare(db, log->all_sql);
	char prev[65] = GENESIS_HASH;
	int64_t expect_id = 1;
	int rc = 0;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_column_int(st, 0);
		char hash[65];
		if (id != expect_id) {
			*bad_id = expect_id;
			snprintf(why, whysize, "%s row %" PRId64 " is missing (next row is %" PRId64 ")", log->name, expect_id, id);
			rc = -1;
			break;
		}
		if (strcmp(db_column_text(st, 10), prev) != 0) {
			*bad_id = id;
			snprintf(why, whysize, "%s row %" PRId64 " does not follow the row before it", log->name, id);
			rc = -1;
			break;
		}
		row_hash(hash, prev, id, db_column_int(st, 1), db_column_int(st, 2), db_column_int(st, 3),
			db_column_text(st, 4), db_column_text(st, 5), db_column_text(st, 6),
			db_column_text(st, 7), db_column_text(st, 8), db_column_text(st, 9));
		if (strcmp(hash, db_column_text(st, 11)) != 0) {
			*bad_id = id;
			snprintf(why, whysize, "%s row %" PRId64 " was altered", log->name, id);
			rc = -1;
			break;
		}
		memcpy(prev, hash, sizeof prev);
		expect_id++;
	}
	db_finalize(st);
	*rows = expect_id - 1;
	return rc;
}

int audit_verify(struct db *db, int64_t *rows, int64_t *bad_id, char *why, size_t whysize)
{
	int64_t changes = 0, accesses = 0;
	db_read_begin(db);
	int rc = verify_chain(db, &change_log, &changes, bad_id, why, whysize);
	if (rc == 0) rc = verify_chain(db, &access_log, &accesses, bad_id, why, whysize);
	db_read_end(db);
	if (rows) *rows = changes + accesses;
	return rc;
}

int audit_access_log_present(struct db *db)
{
	if (!db_int(db, 0, "SELECT 1 FROM main.schema_migrations WHERE version = 4", "")) return 1;
	return (int)db_int(db, 0, "SELECT 1 FROM access.sqlite_master WHERE type = 'table' AND name = 'access_log'", "");
}
