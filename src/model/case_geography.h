/* Exploitation cases counted by ward, for the crime analytics maps: numbers only, never a
 * case, a person or an address. A case's ward is the ward recorded on it (from its first
 * property or the import), else the ward of any of its properties; the ward's ONS code
 * links it to the boundaries (locality.ons_code = geo_area.code). Counts cover every agency's
 * cases: the map is a partnership picture, and small numbers are suppressed by the caller. */
#ifndef NESTGUARD_CASE_GEOGRAPHY_H
#define NESTGUARD_CASE_GEOGRAPHY_H
#include <stddef.h>

struct db;

enum case_status_filter { CASES_OPEN, CASES_ALL, CASES_CLOSED };

struct case_count_filter {
	const char *type_code;        /* exploitation type code ("property_takeover"); NULL: any */
	enum case_status_filter status;
	const char *opened_from;      /* YYYY-MM-DD inclusive, or NULL */
	const char *opened_to;        /* YYYY-MM-DD inclusive, or NULL */
};

struct case_ward_count {
	char code[32];                /* ONS ward code */
	char name[128];
	long count;
};

struct case_ward_counts {
	size_t n;
	struct case_ward_count *wards;   /* wards with at least one case, by code */
	long without_ward;               /* cases whose ward is unknown or has no ONS code */
	long total;
};

/* Count the cases matching F by ward. Returns 0, or -1 when F names an unknown type. */
int case_counts_by_ward(struct db *db, const struct case_count_filter *f, struct case_ward_counts *out);
void case_ward_counts_free(struct case_ward_counts *c);
/* The count for ward CODE (0 when it has none). */
long case_ward_counts_get(const struct case_ward_counts *c, const char *code);

#endif
