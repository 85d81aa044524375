/* Cases on the map: exploitation cases (cuckooing by default) counted by ward, with small
 * numbers suppressed (src/report/disclosure.h: counts of 1-4 shown as "fewer than 5", and
 * others hidden where a small count could be worked out from the total), as a table, a
 * choropleth map, notes on the crime maps, and CSV, JSON and GeoJSON. The arguments
 * (web query and `nestguard analyse cases` options):
 *   kind    cuckooing (default: the "property takeover" type) or all
 *   status  open (default), closed or all
 *   opened_from, opened_to   YYYY-MM-DD, on or after / on or before */
#ifndef NESTGUARD_CASE_MAP_REPORT_H
#define NESTGUARD_CASE_MAP_REPORT_H
#include <stddef.h>
#include "analytics/area_shapes.h"
#include "analytics/crime_selection.h"
#include "model/case_geography.h"
#include "report/disclosure.h"
#include "report/map.h"
#include "report/report_table.h"
#include "util/buf.h"

struct db;

struct case_map_params {
	int cuckooing_only;
	enum case_status_filter status;
	char opened_from[11], opened_to[11];   /* "" when not given */
};

/* Read kind, status, opened_from and opened_to. Returns 0 or -1 with errors in E. */
int case_map_params_parse(const struct analysis_args *a, struct case_map_params *out, struct field_errors *e);
/* "Open cuckooing cases", "All exploitation cases opened from 1 April 2024" into OUT. */
void case_map_params_describe(const struct case_map_params *p, char *out, size_t size);

struct case_map_ward {
	char code[32], name[160];
	long count;                       /* never shown when status is not DISCLOSURE_SHOWN */
	enum disclosure_status status;
	char label[32];                   /* what may be shown: "12", "0", "fewer than 5", "suppressed" */
};

struct case_map_report {
	struct case_map_params params;
	struct area_shapes wards;         /* the borough's wards with boundaries */
	size_t n;
	struct case_map_ward *rows;       /* one per ward, then "Ward not known or outside the map" */
	struct case_map_ward total;
	size_t unprotected;               /* small counts that stay recoverable (0 normally) */
	char note[400];                   /* the disclosure note for under the table */
};

/* Count, protect and lay out. Returns 0, or -1 when there are no ward boundaries. */
int case_map_report_build(struct db *db, const struct case_map_params *p, struct case_map_report *out);
void case_map_report_free(struct case_map_report *r);

/* The choropleth of cases by ward (suppressed wards shaded as such). Caller frees. */
struct map *case_map_report_map(const struct case_map_report *r);
/* Put each ward's shown label as a note on the areas of M whose names are the wards'
 * (areas added in the order of SHAPES), with LEGEND as the notes' legend. */
void case_map_report_overlay(const struct case_map_report *r, struct map *m, const struct area_shapes *shapes);
struct report_table *case_map_report_table(const struct case_map_report *r);

/* Downloads: what is shown, never a suppressed count. */
void case_map_report_csv(const struct case_map_report *r, struct buf *out);
void case_map_report_json(const struct case_map_report *r, struct buf *out);
void case_map_report_geojson(const struct case_map_report *r, struct buf *out);

#endif
