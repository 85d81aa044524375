/* Import of police.uk CSV files: street-level crime (12 columns), outcomes (10) and stop
 * and search (15), told apart by the header. Streaming, one transaction per file, every
 * row kept (Crime IDs are not unique; identical ASB rows are separate incidents), and
 * idempotent: a row already stored (same identity, see docs/import.md) is not added again. */
#ifndef NESTGUARD_POLICEUK_IMPORT_H
#define NESTGUARD_POLICEUK_IMPORT_H
#include "analytics/import_file.h"

struct db;
struct actor;   /* who imports, for the audit trail; NULL: the system (command line) */

/* Import PATH. Returns 0 when the file was committed, -1 when it was rejected: then S
 * lists every problem found (up to IMPORT_MAX_PROBLEMS, all counted) and the database is
 * unchanged. Any invalid row rejects the whole file, so an import is never partial. */
int policeuk_import_file(struct db *db, const struct actor *who, const char *path, struct import_summary *s);

/* Called on the importing thread after each file is done (committed or rejected), in order. */
typedef void (*policeuk_file_done)(const struct import_summary *s, void *arg);

/* The same for PATHS[0..N-1], in order, into SUMMARIES[0..N-1], calling DONE (unless NULL)
 * after each file: still one transaction per file, but a reader thread goes on to the next
 * file while the database thread writes and commits the one before, and what the import
 * learns of the stored data (the places of street crimes) serves every file. Returns how many
 * files were rejected. */
int policeuk_import_files(struct db *db, const struct actor *who, const char *const *paths, size_t n,
	struct import_summary *summaries, policeuk_file_done done, void *arg);

#endif
