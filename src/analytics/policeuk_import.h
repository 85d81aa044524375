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

/* The same for many files on one connection: the importer keeps what it learnt of the
 * stored data (the places of street crimes) from one file to the next instead of loading it
 * again for each. */
struct policeuk_importer;
struct policeuk_importer *policeuk_importer_new(struct db *db);
void policeuk_importer_free(struct policeuk_importer *imp);
int policeuk_importer_file(struct policeuk_importer *imp, const struct actor *who, const char *path,
	struct import_summary *s);

#endif
