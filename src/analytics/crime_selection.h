/* What a crime analysis runs on — the study area (the borough, a ward or an LSOA), the crime
 * types and the months — and the named arguments it is read from. The web pages (query
 * strings) and `nestguard analyse` (options) pass the same names, so both parse and check
 * them here and cannot disagree:
 *   area   "borough" (default) or a ward or LSOA code with a boundary
 *   type   a crime type name, repeatable; none or "all": every type
 *   from, to   first and last month, YYYY-MM; default: the borough's first and last month */
#ifndef NESTGUARD_CRIME_SELECTION_H
#define NESTGUARD_CRIME_SELECTION_H
#include <stddef.h>
#include "analytics/crime_query.h"
#include "model/validation.h"

struct db;

#define ANALYSIS_ARGS_MAX 64

/* Named arguments, as given (not copied: the caller keeps the strings alive). */
struct analysis_args {
	size_t n;
	struct { const char *name, *value; } item[ANALYSIS_ARGS_MAX];
};

/* Add NAME=VALUE; arguments beyond ANALYSIS_ARGS_MAX are ignored. */
void analysis_args_add(struct analysis_args *a, const char *name, const char *value);
/* The first value of NAME after trimming spaces, or NULL when absent or empty. */
const char *analysis_args_get(const struct analysis_args *a, const char *name);
/* Every non-empty value of NAME, in order; returns how many (at most MAX). */
size_t analysis_args_all(const struct analysis_args *a, const char *name, const char **out, size_t max);
/* 1 when any argument named NAME was given, even empty. */
int analysis_args_has(const struct analysis_args *a, const char *name);

/* A number argument NAME: DFLT when absent, else a number in [MIN, MAX]; otherwise an error
 * naming LABEL is added to E and DFLT is returned. */
double analysis_args_number(const struct analysis_args *a, const char *name, const char *label, double dflt,
	double min, double max, struct field_errors *e);
/* A choice among CHOICES (NULL-terminated); DFLT when absent; -1 with an error otherwise. */
int analysis_args_choice(const struct analysis_args *a, const char *name, const char *label,
	const char *const *choices, int dflt, struct field_errors *e);

#define SELECTION_MAX_TYPES 32

struct crime_selection {
	enum crime_area_level level;        /* BOROUGH, WARD or LSOA */
	char area_code[32];                 /* "" for the borough */
	char area_name[160];                /* "the borough", or the ward's or LSOA's name */
	size_t ntypes;                      /* 0: every type */
	char types[SELECTION_MAX_TYPES][96];
	char month_from[8], month_to[8];    /* always set when the database has crimes; else "" */
};

/* Read area, type, from and to from A into OUT. DEFAULT_TYPE (or NULL) is used when no type
 * argument was given at all and that type exists (a first visit to hot spots shows burglary).
 * Returns 0, or -1 with errors in E (fields "area", "type", "from", "to"). */
int crime_selection_parse(struct db *db, const struct analysis_args *a, const char *default_type,
	struct crime_selection *out, struct field_errors *e);
/* Only the area argument (for analyses of incidents, whose types and dates differ). */
int crime_selection_parse_area(struct db *db, const struct analysis_args *a, struct crime_selection *out,
	struct field_errors *e);
/* The query filter for S (pointers into S, which must outlive it). */
void crime_selection_filter(const struct crime_selection *s, struct crime_filter *f, const char *types[SELECTION_MAX_TYPES]);
/* "Burglary in Edgeley, February 2016 to January 2019" into OUT. */
void crime_selection_describe(const struct crime_selection *s, char *out, size_t size);
/* The crime types and their label for S: "Burglary", "Burglary and Vehicle crime", "All crime". */
void crime_selection_types_label(const struct crime_selection *s, char *out, size_t size);
/* A short name for files: "burglary-e05000797-2016-02-2019-01". */
void crime_selection_slug(const struct crime_selection *s, char *out, size_t size);

/* The months with crime in the borough (or anywhere when no boundaries are loaded): 0 and
 * FIRST/LAST as YYYY-MM, or -1 when there are none. */
int crime_months_range(struct db *db, char first[8], char last[8]);
/* Every crime type name, ascending (malloc'd array of malloc'd strings). */
size_t crime_type_names(struct db *db, char ***out);
void crime_type_names_free(char **names, size_t n);
/* "February 2016" from "2016-02" into OUT. */
void crime_month_label(const char *ym, char *out, size_t size);

#endif
