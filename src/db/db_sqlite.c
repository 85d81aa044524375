/* SQLite back end of the db layer. One struct db per thread: connections are not shared. */
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/db.h"
#include "util/xalloc.h"

/* Prepared statements are kept for reuse: preparing costs more than running most of our
 * statements (it was half the time of a bulk import). db_finalize() returns a cached statement
 * reset, with its bindings cleared; a statement still in use is never handed out twice. */
#define STMT_CACHE_SIZE 96

struct db {
	sqlite3 *conn;
	char *path;
	struct db *log;     /* the access log's writing connection (db_access_log), or NULL */
	int is_log;         /* this is such a connection: its writers queue on log_lock */
	int depth;          /* transaction nesting depth */
	int reading;        /* inside db_read_begin() ... db_read_end() */
	int failed;         /* an inner level rolled back */
	int bulk_load;      /* tuned by db_tune_for_bulk_load() */
	struct db_stmt *cache[STMT_CACHE_SIZE];
	int cached;
	unsigned long tick;
};

/* Writers in this process queue on a mutex instead of SQLite's busy handler, whose sleeps
 * (up to 100 ms at a time) would add long tail latencies under concurrent page views.
 * Writers in other processes (a CLI command next to the server) still meet the busy
 * handler below, which polls every 200 microseconds. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
/* The access log file has writers of its own (page views), which must not queue behind a
 * long import holding the main file. */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static pthread_mutex_t *writers_lock(const struct db *db)
{
	return db->is_log ? &log_lock : &write_lock;
}

static int busy_poll(void *arg, int count)
{
	(void)arg;
	if (count > 50000) return 0;   /* about 10 s */
	usleep(200);
	return 1;
}

struct db_stmt {
	struct db *db;
	sqlite3_stmt *st;
	uint64_t hash;      /* of the SQL text, for the cache */
	int in_cache;
	int in_use;
	unsigned long last_used;
};

/* Once per process, before the first connection: no memory statistics. Keeping them takes a
 * process-wide mutex on every allocation SQLite makes, and the server's connections allocate
 * constantly (each refills its page cache after another connection's commit): with 32 request
 * threads that mutex was the most contended lock in the process. Nothing reads the statistics. */
static pthread_once_t configure_once = PTHREAD_ONCE_INIT;

static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The access log file of the database at PATH: PATH.access, or another in-memory database
 * for an in-memory one. */
static char *access_log_path(const char *path)
{
	if (!*path || strcmp(path, ":memory:") == 0) return xstrdup(":memory:");
	size_t n = strlen(path);
	char *p = xmalloc(n + sizeof ".access");
	memcpy(p, path, n);
	memcpy(p + n, ".access", sizeof ".access");
	return p;
}

/* Open FILE as the main database of a new connection with our settings, and attach
 * ACCESS_LOG as schema "access" (skipped when NULL). NULL on failure with ERR set. */
static sqlite3 *connect(const char *file, const char *access_log, char *err, size_t errsize)
{
	sqlite3 *conn = NULL;
	int rc = sqlite3_open_v2(file, &conn,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errsize, "cannot open database %s: %s", file,
			conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
		sqlite3_close(conn);
		return NULL;
	}
	sqlite3_busy_handler(conn, busy_poll, NULL);
	sqlite3_extended_result_codes(conn, 1);
	char *msg = NULL;
	rc = sqlite3_exec(conn,
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA secure_delete=ON;"
		"PRAGMA temp_store=MEMORY;"
		/* 64 MiB of page cache per connection: case lists over 100,000 cases stay in memory */
		"PRAGMA cache_size=-65536;"
		/* Reads through a memory map: every connection of the server's pool shares the
		 * operating system's copy of the file instead of reading pages into its own cache.
		 * Page views no longer write this file (see db_open), so the map stays valid. */
		"PRAGMA mmap_size=2147418112;", NULL, NULL, &msg);
	if (rc == SQLITE_OK && access_log) {
		sqlite3_stmt *st = NULL;
		rc = sqlite3_prepare_v2(conn, "ATTACH DATABASE ? AS access", -1, &st, NULL);
		if (rc == SQLITE_OK) sqlite3_bind_text(st, 1, access_log, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_DONE) rc = sqlite3_errcode(conn);
		sqlite3_finalize(st);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(conn,
				"PRAGMA access.journal_mode=WAL;"
				"PRAGMA access.synchronous=FULL;"
				"PRAGMA access.secure_delete=ON;"
				"PRAGMA access.cache_size=-2048;", NULL, NULL, &msg);
	}
	if (rc != SQLITE_OK) {
		snprintf(err, errsize, "cannot open database %s: %s", access_log && !msg ? access_log : file,
			msg ? msg : sqlite3_errmsg(conn));
		sqlite3_free(msg);
		sqlite3_close(conn);
		return NULL;
	}
	return conn;
}

struct db *db_open(const char *path, char *err, size_t errsize)
{
	pthread_once(&configure_once, configure);
	char *log_path = access_log_path(path);
	sqlite3 *conn = connect(path, log_path, err, errsize);
	free(log_path);
	if (!conn) return NULL;
	struct db *db = xcalloc(1, sizeof *db);
	db->conn = conn;
	db->path = xstrdup(path);
	/* db_migrate's record of migrations; db_begin takes its write lock through it */
	db_exec(db, "CREATE TABLE IF NOT EXISTS main.schema_migrations("
		"version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
	return db;
}

struct db *db_access_log(struct db *db)
{
	if (db->is_log || strcmp(db->path, ":memory:") == 0 || !*db->path) return db;
	if (!db->log) {
		/* an empty in-memory main database: BEGIN IMMEDIATE then locks the log file alone */
		char err[512];
		char *log_path = access_log_path(db->path);
		sqlite3 *conn = connect(":memory:", log_path, err, sizeof err);
		free(log_path);
		if (!conn) fatal("%s", err);
		db->log = xcalloc(1, sizeof *db->log);
		db->log->conn = conn;
		db->log->path = xstrdup(":memory:");
		db->log->is_log = 1;
	}
	return db->log;
}

void db_close(struct db *db)
{
	if (!db) return;
	db_close(db->log);
	for (int i = 0; i < db->cached; i++) {
		sqlite3_finalize(db->cache[i]->st);
		free(db->cache[i]);
	}
	sqlite3_close_v2(db->conn);
	free(db->path);
	free(db);
}

const char *db_path(const struct db *db)
{
	return db->path;
}

void db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK)
		fatal("SQL error: %s", msg ? msg : sqlite3_errmsg(db->conn));
}

static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ULL;     /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++) h = (h ^ *p) * 1099511628211ULL;
	return h;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	uint64_t h = sql_hash(sql);
	int lru = -1;
	for (int i = 0; i < db->cached; i++) {
		struct db_stmt *c = db->cache[i];
		if (c->in_use) continue;
		if (c->hash == h && strcmp(sqlite3_sql(c->st), sql) == 0) {
			c->in_use = 1;
			c->last_used = ++db->tick;
			return c;
		}
		if (lru < 0 || c->last_used < db->cache[lru]->last_used) lru = i;
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		fatal("SQL prepare failed: %s in: %s", sqlite3_errmsg(db->conn), sql);
	struct db_stmt *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->st = st;
	s->hash = h;
	s->in_use = 1;
	s->last_used = ++db->tick;
	if (db->cached < STMT_CACHE_SIZE) {
		s->in_cache = 1;
		db->cache[db->cached++] = s;
	} else if (lru >= 0) {
		sqlite3_finalize(db->cache[lru]->st);
		free(db->cache[lru]);
		s->in_cache = 1;
		db->cache[lru] = s;
	}
	return s;
}

static void check_bind(struct db_stmt *st, int rc)
{
	if (rc != SQLITE_OK)
		fatal("SQL bind failed: %s in: %s", sqlite3_errmsg(st->db->conn), sqlite3_sql(st->st));
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	check_bind(st, sqlite3_bind_int64(st->st, idx, v));
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (!s) db_bind_null(st, idx);
	else check_bind(st, sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT));
}

void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len)
{
	check_bind(st, sqlite3_bind_text64(st->st, idx, s, len, SQLITE_TRANSIENT, SQLITE_UTF8));
}

void db_bind_textn_static(struct db_stmt *st, int idx, const char *s, size_t len)
{
	check_bind(st, sqlite3_bind_text64(st->st, idx, s, len, SQLITE_STATIC, SQLITE_UTF8));
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
	check_bind(st, sqlite3_bind_double(st->st, idx, v));
}

void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	check_bind(st, sqlite3_bind_blob64(st->st, idx, p, n, SQLITE_TRANSIENT));
}

void db_bind_blob_static(struct db_stmt *st, int idx, const void *p, size_t n)
{
	check_bind(st, sqlite3_bind_blob64(st->st, idx, p, n, SQLITE_STATIC));
}

void db_bind_null(struct db_stmt *st, int idx)
{
	check_bind(st, sqlite3_bind_null(st->st, idx));
}

static void bind_list(struct db_stmt *st, const char *types, va_list ap)
{
	int idx = 1;
	for (const char *t = types; t && *t; t++, idx++) {
		switch (*t) {
		case 'i': db_bind_int(st, idx, va_arg(ap, int64_t)); break;
		case 't': db_bind_text(st, idx, va_arg(ap, const char *)); break;
		case 'd': db_bind_double(st, idx, va_arg(ap, double)); break;
		case 'n': db_bind_null(st, idx); break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			db_bind_blob(st, idx, p, n);
			break;
		}
		default: fatal("bad bind type '%c'", *t);
		}
	}
	if (idx - 1 != sqlite3_bind_parameter_count(st->st))
		fatal("bind count %d does not match %d placeholders in: %s", idx - 1,
			sqlite3_bind_parameter_count(st->st), sqlite3_sql(st->st));
}

struct db_stmt *db_preparef(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	va_start(ap, types);
	bind_list(st, types, ap);
	va_end(ap);
	return st;
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW) return DB_ROW;
	if (rc == SQLITE_DONE) return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		sqlite3_reset(st->st);
		return DB_CONSTRAINT;
	}
	fatal("SQL step failed: %s in: %s", sqlite3_errmsg(st->db->conn), sqlite3_sql(st->st));
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
}

void db_rewind(struct db_stmt *st)
{
	sqlite3_reset(st->st);
}

void db_finalize(struct db_stmt *st)
{
	if (!st) return;
	if (st->in_cache) {
		sqlite3_reset(st->st);
		sqlite3_clear_bindings(st->st);
		st->in_use = 0;
		return;
	}
	sqlite3_finalize(st->st);
	free(st);
}

int db_column_count(struct db_stmt *st) { return sqlite3_column_count(st->st); }
const char *db_column_name(struct db_stmt *st, int col) { return sqlite3_column_name(st->st, col); }
int db_column_is_null(struct db_stmt *st, int col) { return sqlite3_column_type(st->st, col) == SQLITE_NULL; }
int64_t db_column_int(struct db_stmt *st, int col) { return sqlite3_column_int64(st->st, col); }
double db_column_double(struct db_stmt *st, int col) { return sqlite3_column_double(st->st, col); }

const char *db_column_text(struct db_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st->st, col);
	return s ? (const char *)s : "";
}

const void *db_column_blob(struct db_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(st->st, col);
	*len = (size_t)sqlite3_column_bytes(st->st, col);
	return p;
}

int db_run(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	va_start(ap, types);
	bind_list(st, types, ap);
	va_end(ap);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {}
	db_finalize(st);
	return rc;
}

int64_t db_int(struct db *db, int64_t dflt, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	va_start(ap, types);
	bind_list(st, types, ap);
	va_end(ap);
	int64_t v = dflt;
	if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) v = db_column_int(st, 0);
	db_finalize(st);
	return v;
}

char *db_text(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	va_start(ap, types);
	bind_list(st, types, ap);
	va_end(ap);
	char *v = NULL;
	if (db_step(st) == DB_ROW && !db_column_is_null(st, 0)) v = xstrdup(db_column_text(st, 0));
	db_finalize(st);
	return v;
}

void db_begin(struct db *db)
{
	if (db->reading) fatal("write transaction started inside a read transaction");
	if (db->depth++ == 0) {
		db->failed = 0;
		pthread_mutex_lock(writers_lock(db));
		if (db->is_log) {
			db_run(db, "BEGIN IMMEDIATE", "");
		} else {
			/* BEGIN IMMEDIATE would also take the attached access log's write lock and hold
			 * up every page view's audit row while this transaction runs. A write statement
			 * that changes nothing takes the main file's lock alone, and commits nothing. */
			db_run(db, "BEGIN", "");
			db_run(db, "UPDATE main.schema_migrations SET version = version WHERE 0", "");
		}
	}
}

static void start_wal_writeback(struct db *db);

int db_commit(struct db *db)
{
	if (db->depth <= 0) fatal("commit without begin");
	if (--db->depth > 0) return db->failed ? -1 : 0;
	if (db->failed) {
		db_exec(db, "ROLLBACK");
		pthread_mutex_unlock(writers_lock(db));
		return -1;
	}
	if (db_run(db, "COMMIT", "") != DB_DONE) fatal("commit refused: a deferred constraint failed");
	pthread_mutex_unlock(writers_lock(db));
	if (db->bulk_load) start_wal_writeback(db);
	return 0;
}

void db_rollback(struct db *db)
{
	if (db->depth <= 0) fatal("rollback without begin");
	if (--db->depth > 0) {
		db->failed = 1;
		return;
	}
	db_exec(db, "ROLLBACK");
	pthread_mutex_unlock(writers_lock(db));
}

int db_in_transaction(const struct db *db) { return db->depth > 0; }

void db_read_begin(struct db *db)
{
	if (db->depth > 0) return;
	/* db_run: a cached statement, not parsed again as db_exec would, twice per request */
	if (db->reading++ == 0) db_run(db, "BEGIN", "");
}

void db_read_end(struct db *db)
{
	if (db->depth > 0) return;
	if (db->reading <= 0) fatal("db_read_end without db_read_begin");
	if (--db->reading == 0) db_run(db, "COMMIT", "");
}
int64_t db_last_insert_id(struct db *db) { return sqlite3_last_insert_rowid(db->conn); }
int db_changes(struct db *db) { return sqlite3_changes(db->conn); }

void db_tune_for_bulk_load(struct db *db)
{
	/* what an earlier bulk load left in the WAL goes to the main file first, so the WAL
	 * holds at most one load */
	db_exec(db, "PRAGMA wal_checkpoint(PASSIVE)");
	/* 8 MB of page cache holds a police.uk file's transaction; once full, the pages of files
	 * already committed are reused, where a bigger cache would take fresh memory (a page
	 * fault each) for every page the load writes */
	db_exec(db, "PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=0; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF");
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	db->bulk_load = 1;
}

/* The main database's write-ahead log, opened read-only; -1 when there is none. */
static int open_wal(struct db *db)
{
	const char *wal = sqlite3_filename_wal(sqlite3_db_filename(db->conn, "main"));
	if (!wal || !*wal) return -1;   /* in-memory database */
	return open(wal, O_RDONLY | O_CLOEXEC);
}

/* After a commit of a bulk load: start writing what it added to the WAL to disk in the
 * background, so that db_bulk_load_sync() finds little left to wait for. Makes nothing
 * durable by itself. */
static void start_wal_writeback(struct db *db)
{
	int fd = open_wal(db);
	if (fd < 0) return;
	/* only starts the writeback of dirty pages; errors show up at db_bulk_load_sync() */
	(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	close(fd);
}

int db_bulk_load_sync(struct db *db)
{
	/* the commits are in the WAL (no checkpoint runs during a bulk load); with
	 * synchronous=NORMAL nothing has synced it yet */
	errno = 0;
	int fd = open_wal(db);
	if (fd < 0) return errno == ENOENT || errno == 0 ? 0 : -1;
	int rc = fdatasync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

/* Copy SCHEMA of DB's connection into the database file PATH. */
static int backup_schema(struct db *db, const char *schema, const char *path, char *err, size_t errsize)
{
	sqlite3 *dest = NULL;
	if (sqlite3_open(path, &dest) != SQLITE_OK) {
		snprintf(err, errsize, "cannot create %s: %s", path, sqlite3_errmsg(dest));
		sqlite3_close(dest);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->conn, schema);
	if (!b) {
		snprintf(err, errsize, "cannot back up to %s: %s", path, sqlite3_errmsg(dest));
		sqlite3_close(dest);
		return -1;
	}
	int rc;
	/* Copy in steps so writers are not blocked for the whole copy; a write between
	 * steps makes SQLite restart the copy, so the result is always consistent. */
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(5);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errsize, "backup to %s failed: %s", path, sqlite3_errstr(rc));
		sqlite3_close(dest);
		return -1;
	}
	sqlite3_close(dest);
	return 0;
}

int db_backup(struct db *db, const char *path, char *err, size_t errsize)
{
	if (backup_schema(db, "main", path, err, errsize) != 0) return -1;
	char *log_path = access_log_path(path);
	int rc = backup_schema(db, "access", log_path, err, errsize);
	free(log_path);
	return rc;
}

void db_analyze(struct db *db)
{
	/* a bounded sample per index keeps this well under a second at 100,000 cases */
	db_exec(db, "PRAGMA analysis_limit=2000; ANALYZE;");
}

void db_checkpoint_truncate(struct db *db)
{
	int log = 0, ckpt = 0;
	sqlite3_wal_checkpoint_v2(db->conn, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &ckpt);
}
