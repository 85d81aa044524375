/* What every file importer shares: the source reader (fingerprints the bytes as the CSV
 * parser consumes them, notices a missing final line break, draws a progress bar on a
 * terminal), the list of problems (file, line, column, reason) and the summary counts, the
 * field checks, and the crime_import record. Row identity is in row_keys.h, the name -> id
 * caches in name_ids.h. */
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
/* After the CSV reader reached the end: the fingerprint ("xxh3-128:" and 32 hex digits) of
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
