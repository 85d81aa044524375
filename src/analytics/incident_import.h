/* Import of a generic incident log (council or local police) for peak-time analysis: a CSV
 * with a header, one incident per row, a from and a to date-time, optionally a location
 * (British National Grid x/y or WGS84 lon/lat) and a type. Columns are named on the
 * command line, by header name or 1-based number. Same rules as the police.uk import:
 * one transaction, any bad row rejects the file, re-importing adds nothing. */
#ifndef NESTGUARD_INCIDENT_IMPORT_H
#define NESTGUARD_INCIDENT_IMPORT_H
#include "analytics/import_file.h"

struct db;
struct actor;   /* who imports, for the audit trail; NULL: the system (command line) */

struct incident_mapping {
	const char *from, *to;         /* required: from; to may be NULL (then to = from) */
	const char *x, *y;             /* British National Grid easting/northing, or NULL */
	const char *lon, *lat;         /* WGS84, or NULL (not together with x/y) */
	const char *type;              /* or NULL */
	const char *date_format;       /* strptime format, or NULL for the formats in docs/import.md */
};

/* Import PATH with mapping M. Returns 0, or -1 with the problems in S (cell values are not
 * quoted: incident logs can hold personal data) and the database unchanged. */
int incident_import_file(struct db *db, const struct actor *who, const char *path, const struct incident_mapping *m,
	struct import_summary *s);

/* Parse TEXT as a date-time with FORMAT (or the default formats when NULL), as local
 * wall-clock seconds since 1970-01-01 00:00. END_OF_DAY: a date without a time means the
 * last second of that day instead of its first. Returns 0 or -1. Exposed for tests. */
int incident_parse_time(const char *text, const char *format, int end_of_day, long long *out);

#endif
