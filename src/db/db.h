/* The thin database layer: open, prepare, bind, step, read columns, transactions.
 * Model code uses only this header, never sqlite3.h or libpq-fe.h, so a PostgreSQL back
 * end can sit behind the same calls. SQL uses "?" placeholders; values are always bound.
 *
 * Errors: a statement that fails to prepare, or a step that fails for any reason other
 * than a constraint, is a programmer error and fatal. A constraint violation (unique,
 * foreign key, check) is returned as DB_CONSTRAINT so the model can report it to the user. */
#ifndef NESTGUARD_DB_H
#define NESTGUARD_DB_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_step_result { DB_DONE = 0, DB_ROW = 1, DB_CONSTRAINT = -1 };

/* Open (creating if needed) the database at PATH with WAL, synchronous=FULL, foreign keys,
 * busy timeout and secure_delete. NULL on failure with a message in ERR.
 * The database is two files: PATH holds the records, and PATH.access the access log (who
 * viewed, searched, exported, signed in), attached to every connection as schema "access".
 * Page views write only the access log, so they never invalidate the other connections'
 * caches of the records (in WAL mode any commit to a file empties every other connection's
 * page cache of that file). An in-memory database has an in-memory access log. */
struct db *db_open(const char *path, char *err, size_t errsize);
/* The connection that writes the access log of DB's database: a second connection, opened
 * on first use and closed with DB, whose db_begin() locks the access log file alone (DB's
 * own write transactions lock the records file alone). DB itself for an in-memory database.
 * Its SQL names the log's tables as access.TABLE, like DB's. */
struct db *db_access_log(struct db *db);
void db_close(struct db *db);
const char *db_path(const struct db *db);

/* Run one or more SQL statements without parameters (schema, pragmas). Fatal on error. */
void db_exec(struct db *db, const char *sql);

struct db_stmt *db_prepare(struct db *db, const char *sql);
/* Prepare and bind in one call. TYPES has one letter per "?" in order:
 *   'i' int64_t, 't' const char * (NULL binds NULL), 'd' double, 'n' NULL (no argument),
 *   'b' const void *, size_t (blob). */
struct db_stmt *db_preparef(struct db *db, const char *sql, const char *types, ...);
void db_bind_int(struct db_stmt *st, int idx, int64_t v);     /* idx is 1-based */
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t len);
/* Bulk loading: bind S without copying it. S must stay unchanged until the statement is
 * stepped to completion and reset (e.g. a CSV field until the next record is read). */
void db_bind_textn_static(struct db_stmt *st, int idx, const char *s, size_t len);
void db_bind_double(struct db_stmt *st, int idx, double v);
void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
/* The same for a blob, on the same terms as db_bind_textn_static(). */
void db_bind_blob_static(struct db_stmt *st, int idx, const void *p, size_t n);
void db_bind_null(struct db_stmt *st, int idx);
int db_step(struct db_stmt *st);                              /* enum db_step_result */
void db_reset(struct db_stmt *st);                            /* rewind and clear bindings */
void db_rewind(struct db_stmt *st);    /* rewind, keep bindings (bulk loads rebind every value) */
void db_finalize(struct db_stmt *st);                         /* NULL is fine */

int db_column_count(struct db_stmt *st);
const char *db_column_name(struct db_stmt *st, int col);
int db_column_is_null(struct db_stmt *st, int col);           /* col is 0-based */
int64_t db_column_int(struct db_stmt *st, int col);
double db_column_double(struct db_stmt *st, int col);
const char *db_column_text(struct db_stmt *st, int col);      /* "" for NULL; valid until next step */
const void *db_column_blob(struct db_stmt *st, int col, size_t *len);

/* Run a statement to completion; returns DB_DONE or DB_CONSTRAINT. */
int db_run(struct db *db, const char *sql, const char *types, ...);
/* First column of the first row as an integer, or DFLT when there is no row. */
int64_t db_int(struct db *db, int64_t dflt, const char *sql, const char *types, ...);
/* First column of the first row as a new string (caller frees), or NULL when there is no row. */
char *db_text(struct db *db, const char *sql, const char *types, ...);

/* Transactions nest: only the outermost begin/commit reach the database; a rollback at
 * any depth rolls the whole transaction back when the outermost level ends. */
void db_begin(struct db *db);
int db_commit(struct db *db);     /* 0 on success, -1 when an inner level rolled back */
void db_rollback(struct db *db);

int db_in_transaction(const struct db *db);   /* 1 inside db_begin ... db_commit */

/* A read transaction: the statements between db_read_begin() and db_read_end() see one
 * snapshot. Also cheaper than a transaction per statement: with SQLite in WAL mode every commit
 * by another connection (an audit row per page view, many a second) empties this connection's
 * page cache at the start of its next transaction, so a request that reads in one transaction
 * loads its pages once instead of once per statement. Nothing may be written inside (db_begin()
 * there is fatal); no-ops inside db_begin() ... db_commit(). */
void db_read_begin(struct db *db);
void db_read_end(struct db *db);

int64_t db_last_insert_id(struct db *db);
int db_changes(struct db *db);

/* For a command that loads many rows in a few big transactions (nestguard import): a page
 * cache big enough for one transaction; commits not synced one by one but all at once by
 * db_bulk_load_sync() at the end of the command (still consistent after a crash, and an
 * idempotent import repairs the loss of its last files by running again), each commit only
 * starting the write-back of its pages so that the final sync has little left; no checkpoints
 * while it runs or when it closes (moving the pages into the main file is left to the next
 * connection that checkpoints: the server does so as it writes, and the next bulk load does
 * so first, so the WAL never holds more than one load). Foreign keys are not
 * checked (a sixth of the cost of an insert with seven references): only for loaders that
 * take every referenced id from its parent table in the same transaction, so that the
 * references hold by construction. */
void db_tune_for_bulk_load(struct db *db);
/* Make every commit of a bulk load durable: one fsync of the write-ahead log. 0, or -1 with
 * errno set. */
int db_bulk_load_sync(struct db *db);

/* Online, consistent copy of the whole database to PATH (and its access log to
 * PATH.access). 0 on success, else -1 with ERR. */
int db_backup(struct db *db, const char *path, char *err, size_t errsize);
/* Refresh the query planner's statistics (after bulk loads: imports, the demo caseload). */
void db_analyze(struct db *db);
/* Move all WAL content into the main file and truncate the WAL (used after purges). */
void db_checkpoint_truncate(struct db *db);

/* Apply the embedded migrations not yet recorded in schema_migrations, in order, each in
 * its own transaction. Returns how many were applied. */
int db_migrate(struct db *db);
/* Highest applied migration number (0 for an empty database). */
int db_schema_version(struct db *db);

#endif
