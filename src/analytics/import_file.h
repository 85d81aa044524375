/* What every file importer shares: the source reader (fingerprints the bytes as the CSV
 * parser consumes them, notices a missing final line break, draws a progress bar on a
 * terminal), the list of problems (file, line, column, reason) and the summary counts,
 * the per-row identity key, and small name -> id caches for dictionary tables. */
#ifndef NESTGUARD_IMPORT_FILE_H
#define NESTGUARD_IMPORT_FILE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct db;
struct csv;
struct actor;

/* Problems beyond this many are counted but not kept. */
#define IMPORT_MAX_PROBLEMS 20

struct import_problem {
	long line;              /* 1-based line in the file; 0 for the file as a whole */
	int column;             /* 1-based column; 0 for the whole row */
	char column_name[48];
	char reason[240];
};

/* The outcome of importing one file. A file with any problem is rejected whole: nothing
 * from it is stored, and the counts say what was read before that was decided. */
struct import_summary {
	char file[256];         /* as given */
	char kind[24];          /* street, outcomes, stop-and-search, incidents, boundaries, lookup */
	int64_t import_id;      /* crime_import row, 0 when rejected */
	int64_t earlier_import; /* an earlier import of a byte-identical file, else 0 */
	long long rows_read, rows_added, rows_present, rows_without_location;
	long long problems_total;          /* rows/places with a problem, all of them */
	char note[200];                    /* extra line for the summary (e.g. the CRS found), or "" */
	size_t nproblems;                  /* kept in PROBLEMS (at most IMPORT_MAX_PROBLEMS) */
	struct import_problem problems[IMPORT_MAX_PROBLEMS];
};

void import_summary_init(struct import_summary *s, const char *file, const char *kind);
/* Record a problem. COLUMN_NAME may be NULL. */
void import_problem_add(struct import_summary *s, long line, int column, const char *column_name,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Print the summary line (stdout) and any problems (stderr) the way the CLI shows them. */
void import_summary_print(const struct import_summary *s, FILE *out, FILE *err);

/* The source reader. */
struct import_source;
/* Open PATH for reading. NULL with a message in ERR when it cannot be opened. */
struct import_source *import_source_open(const char *path, char *err, size_t errsize);
FILE *import_source_stream(struct import_source *src);   /* hand this to csv_open() */
/* After the CSV reader reached the end: the fingerprint (BLAKE2b-256, 64 hex digits) of
 * every byte read, and whether the last byte was a line break. */
void import_source_finish(struct import_source *src, char hex[65], int *ends_with_newline);
/* Update the progress bar (only when stderr is a terminal); cheap to call on every row. */
void import_source_progress(struct import_source *src, long long rows);
void import_source_close(struct import_source *src);

/* A CSV file being imported: the source reader and the CSV parser over it. */
struct import_csv {
	struct import_source *src;
	struct csv *csv;
};
/* Open PATH; on failure records the problem in S and returns -1. */
int import_csv_open(struct import_csv *ic, const char *path, struct import_summary *s);
/* At the end of the rows: record a truncated final line as a problem, put the file's fingerprint in FINGERPRINT and close everything. */
void import_csv_close(struct import_csv *ic, struct import_summary *s, char fingerprint[65]);
/* Resolve a column given by header name (any case) or 1-based number against the header
 * record in CSV. Returns the 0-based index, or -1. */
int import_csv_column(const struct csv *csv, const char *spec);

/* Row identity. A row's content hash (SipHash-128 under a per-database secret) covers the
 * table and the given fields; its key is
 * the content hash for the first such row in a file and a hash of (content, n) for the
 * n-th repeat, so identical rows within a file stay separate rows and a re-import finds
 * them all again. Keys are checked against the stored ones group by group (row_keyset in
 * the schema); GROUP must be made of fields that are part of the identity. One struct
 * row_keys lives for one file, inside its transaction. */
#define IMPORT_KEY_BYTES 16
struct row_keys;
struct row_keys *row_keys_new(struct db *db, const char *table);
void row_keys_free(struct row_keys *rk);
/* Compute KEY for the current record of CSV over the fields COLS[0..n) (0-based; -1 for
 * an absent field), in that order. Returns 1 when no stored row has the key (it is then
 * remembered as stored), 0 when one has. */
int row_keys_next(struct row_keys *rk, const char *group, size_t group_len, const struct csv *csv,
	const int *cols, size_t n, unsigned char key[IMPORT_KEY_BYTES]);
/* Write the groups that got new keys back to row_keyset. Call before committing. */
void row_keys_save(struct row_keys *rk);

/* row_keys_next() in two halves, for a reader thread that computes keys while the database
 * thread claims them. The occurrence counter needs no database; it reads only RK's table
 * name and secret, which never change, so it may live in another thread than RK. */
struct row_occurrences;
struct row_occurrences *row_occurrences_new(const struct row_keys *rk);
void row_occurrences_free(struct row_occurrences *occ);
/* The key of a row with fields FIELDS[0..n) (LENS bytes each), counting repeats. */
void row_keys_compute(struct row_occurrences *occ, const char *const *fields, const size_t *lens, size_t n,
	unsigned char key[IMPORT_KEY_BYTES]);
/* 1 when KEY is not stored yet (it is then remembered in GROUP), 0 when it is. */
int row_keys_claim(struct row_keys *rk, const char *group, size_t group_len, const unsigned char key[IMPORT_KEY_BYTES]);

/* A cache of name -> id for a dictionary table with columns (id, name). The row is
 * created on first use. SQL text is fixed by the caller, never user input. */
struct name_ids;
struct name_ids *name_ids_new(struct db *db, const char *table);
void name_ids_free(struct name_ids *ni);
int64_t name_ids_get(struct name_ids *ni, const char *name, size_t len);

/* Same for areas of one level: code -> area id, creating the area (with NAME when it has
 * none yet) on first use. For LSOAs, *WARD is set to the ward the lookup gives (0 when
 * none); WARD may be NULL. */
struct name_ids *area_ids_new(struct db *db, const char *level);
int64_t area_ids_get(struct name_ids *ni, const char *code, size_t len, const char *name, int64_t *ward);

/* Checks shared by the CSV importers. Each returns NULL when the text is fine, else a
 * reason suitable for a problem report. */
const char *import_check_text(const char *s, size_t len);      /* valid UTF-8, no NUL */
/* Parse a decimal coordinate; -1 with a reason when it is not a number in [LO, HI]. */
int import_parse_coordinate(const char *s, double lo, double hi, double *out, const char **why);
/* True when (LON, LAT) lies in a box around the United Kingdom. */
int import_in_uk(double lon, double lat);
/* Start a crime_import row inside the current transaction; returns its id. */
int64_t import_record_begin(struct db *db, const char *kind, const char *path);
/* Finish it with the fingerprint and the counts, and write the audit row for the import
 * (action "import.KIND", counts only) as WHO (NULL: the system, e.g. the command line). */
void import_record_end(struct db *db, const struct actor *who, const struct import_summary *s,
	const char *fingerprint);
/* Earlier committed import with this fingerprint and kind, else 0. */
int64_t import_find_fingerprint(struct db *db, const char *kind, const char *fingerprint, int64_t except_id);

#endif
