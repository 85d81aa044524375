/* Reading imported crime for the analytics pages and commands: counts by month and crime
 * type for the borough, a ward or an LSOA; crime points (WGS84 and British National Grid)
 * for hot spots and near-repeat analysis; incident time windows for peak-time analysis;
 * and the lists of areas and crime types to choose from. */
#ifndef NESTGUARD_CRIME_QUERY_H
#define NESTGUARD_CRIME_QUERY_H
#include <stddef.h>
#include <stdint.h>

struct db;

enum crime_area_level {
	CRIME_AREA_ALL,       /* every imported row */
	CRIME_AREA_BOROUGH,   /* rows in an LSOA that has imported boundaries (the borough's LSOAs) */
	CRIME_AREA_WARD,      /* rows in the ward AREA_CODE */
	CRIME_AREA_LSOA,      /* rows in the LSOA AREA_CODE */
};

struct crime_filter {
	enum crime_area_level level;
	const char *area_code;          /* for WARD and LSOA */
	const char *const *types;       /* crime type names, e.g. "Burglary"; NULL or none: all */
	size_t ntypes;
	const char *month_from;         /* "YYYY-MM", inclusive; NULL: from the first month */
	const char *month_to;           /* "YYYY-MM", inclusive; NULL: to the last month */
};

/* A dense month x type table: every month from the first to the last (months without any
 * crime are rows of zeros, so trends see them), every crime type present. */
struct crime_month_counts {
	size_t nmonths, ntypes;
	char (*months)[8];              /* "YYYY-MM", ascending */
	char **types;                   /* names, ascending */
	int64_t *counts;                /* counts[m * ntypes + t] */
	int64_t total;
};

/* Fill OUT for F. Returns 0, or -1 with a message in ERR for a filter that names an
 * unknown area or a malformed month (the user's error). */
int crime_count_by_month(struct db *db, const struct crime_filter *f, struct crime_month_counts *out,
	char *err, size_t errsize);
void crime_month_counts_free(struct crime_month_counts *c);
/* Count in row M, type NAME (0 when the type is absent). */
int64_t crime_month_counts_get(const struct crime_month_counts *c, size_t m, const char *type);

struct crime_point {
	int64_t id;
	double lon, lat;                /* WGS84 */
	double x, y;                    /* British National Grid metres */
	int month;                      /* months since year 0: year * 12 + (month - 1) */
	int type;                       /* index into crime_points.types */
};

struct crime_points {
	size_t n;
	struct crime_point *points;     /* in id order */
	size_t ntypes;
	char **types;                   /* names of the types that occur, ascending */
};

/* Crimes matching F that have a location. Returns 0 or -1 with ERR as above. */
int crime_points_get(struct db *db, const struct crime_filter *f, struct crime_points *out, char *err, size_t errsize);
void crime_points_free(struct crime_points *p);

struct incident_window {
	int64_t id;
	long long from_ts, to_ts;       /* local wall-clock seconds since 1970-01-01 00:00 */
	int located;
	double lon, lat, x, y;
};

struct incident_windows {
	size_t n;
	struct incident_window *windows;
};

/* Incidents of TYPE (NULL: all) whose window overlaps [FROM_TS, TO_TS] (0, 0: all), in
 * the area of F (F->types and months are not used). Returns 0 or -1 with ERR. */
int crime_incidents_get(struct db *db, const struct crime_filter *f, const char *type, long long from_ts,
	long long to_ts, struct incident_windows *out, char *err, size_t errsize);
void incident_windows_free(struct incident_windows *w);

struct crime_area_info {
	char *code, *name;
	int has_boundary;
};

/* Areas of LEVEL ("ward" or "lsoa") that have a boundary or at least one crime, by code. */
size_t crime_area_list(struct db *db, const char *level, struct crime_area_info **out);
void crime_area_list_free(struct crime_area_info *a, size_t n);

/* Parse "YYYY-MM" into year * 12 + (month - 1); -1 when malformed. */
int crime_month_parse(const char *s);

#endif
