/* Import of area boundaries (ward or LSOA GeoJSON) and of the ONS LSOA -> ward lookup
 * CSV. Both run in one transaction, are idempotent, and end by reassigning every stored
 * crime, outcome, stop and search and incident to its LSOA and ward. */
#ifndef NESTGUARD_BOUNDARY_IMPORT_H
#define NESTGUARD_BOUNDARY_IMPORT_H
#include "analytics/import_file.h"

struct db;
struct actor;   /* who imports, for the audit trail; NULL: the system (command line) */

struct boundary_options {
	const char *level;        /* "ward" or "lsoa" */
	const char *code_field;   /* NULL: WDnnCD / LSOAnnCD */
	const char *name_field;   /* NULL: WDnnNM / LSOAnnNM */
};

/* Import the areas in the GeoJSON file PATH at OPT->level. An area already stored keeps
 * its id; its name and geometry are replaced. Counts: rows read = areas in the file,
 * added = areas whose boundary is new or changed, already present = identical boundary.
 * Returns 0, or -1 with the problem in S and the database unchanged. */
int boundary_import_geojson(struct db *db, const struct actor *who, const char *path, const struct boundary_options *opt,
	struct import_summary *s);

/* Import an LSOA -> ward lookup CSV (columns LSOAnnCD and WDnnCD, optionally WDnnNM and
 * LADnnCD, in any order, as in ONS lookups). A later lookup replaces the ward of each
 * LSOA it lists. Returns 0, or -1 with the problems in S and the database unchanged. */
int boundary_import_lookup(struct db *db, const struct actor *who, const char *path, struct import_summary *s);

#endif
