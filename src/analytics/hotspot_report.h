/* Hot spots of the selected crime, behind the Hot spots page, `nestguard analyse hotspots`
 * and their downloads. Three methods:
 *   kde            quartic kernel density on a grid (src/analytics/kde.h)
 *   gistar         Getis-Ord Gi* on grid cells (src/analytics/gistar.h)
 *   gistar-wards, gistar-lsoas   Gi* on areas with queen contiguity (shared boundary points)
 * The study area is the borough (the union of its wards) or the one ward or LSOA chosen: the
 * grid covers it, and only cells whose centre lies inside it are shown and, for Gi*, take part
 * in the statistic (their mean and variance are the study area's, not a rectangle's).
 * Arguments, besides those of crime_selection.h (type defaults to Burglary):
 *   method        kde (default), gistar, gistar-wards, gistar-lsoas
 *   cell          grid cell side in metres (default 50 for KDE, 150 for Gi*)
 *   bandwidth     KDE radius in metres (default 250)
 *   neighbourhood Gi* grid neighbours: cells whose centres lie within this many metres
 *                 (default 1.5 cells: the 3x3 block)
 *   fdr           1: hot/cold bins from Benjamini-Hochberg adjusted p-values */
#ifndef NESTGUARD_HOTSPOT_REPORT_H
#define NESTGUARD_HOTSPOT_REPORT_H
#include <stddef.h>
#include "analytics/area_shapes.h"
#include "analytics/crime_selection.h"
#include "analytics/gistar.h"
#include "analytics/grid.h"
#include "report/map.h"
#include "report/report_table.h"
#include "util/buf.h"

struct db;

/* Gi* on 50 m cells of police.uk burglary is mostly cells of 0 or 1: a speckle of single
 * significant cells. 150 m cells (a 450 m neighbourhood) show the clusters an analyst would
 * act on; KDE keeps its 50 m cells (KDE_DEFAULT_CELL), its smoothing is the bandwidth. */
#define GISTAR_DEFAULT_CELL 150.0

enum hotspot_method { HOTSPOT_KDE, HOTSPOT_GISTAR_GRID, HOTSPOT_GISTAR_WARDS, HOTSPOT_GISTAR_LSOAS };

struct hotspot_params {
	struct crime_selection sel;
	enum hotspot_method method;
	double cell, bandwidth, neighbourhood;
	int fdr;
};

/* What a request may cost. The command line passes larger limits than a web page. */
struct hotspot_limits {
	size_t max_cells;          /* grid cells over the study area's bounding box */
	double max_kde_work;       /* points x cells within the bandwidth of each */
	double max_gistar_work;    /* cells x neighbours */
};
extern const struct hotspot_limits hotspot_web_limits, hotspot_cli_limits;

/* Read the arguments. Returns 0 or -1 with errors in E. */
int hotspot_params_parse(struct db *db, const struct analysis_args *a, struct hotspot_params *out,
	struct field_errors *e);
const char *hotspot_method_name(enum hotspot_method m);     /* "kde", "gistar", ... */
const char *hotspot_method_label(enum hotspot_method m);    /* "Kernel density", ... */

struct hotspot_report {
	struct hotspot_params params;
	struct area_shapes study;      /* the areas making up the study area, to draw */
	size_t crimes;                 /* crimes with a location in the selection */
	size_t crimes_used;            /* of those, inside the study area (counted) */
	/* grid methods */
	struct grid grid;
	size_t cells_inside;
	unsigned char *inside;         /* per cell: centre inside the study area */
	double *count;                 /* crimes per cell */
	double *density;               /* KDE: crimes per km2 at the cell centre; NAN outside */
	/* Gi*, per cell (grid) or per area (areas): NAN / 0 outside the study area */
	struct area_shapes areas;      /* the areas tested (gistar-wards / gistar-lsoas) */
	double *area_count;
	size_t n;                      /* cells or areas */
	double *z, *p, *q;             /* q only with fdr */
	int *bin;
	int defined;                   /* 0 when every count was the same */
	size_t bins[7];                /* cells or areas per bin -3..3 */
};

/* Build the report. Returns 0, or -1 with a message in ERR: no boundaries, or too much work
 * for LIMITS (the message says what to change). */
int hotspot_report_build(struct db *db, const struct hotspot_params *p, const struct hotspot_limits *limits,
	struct hotspot_report *out, char *err, size_t errsize);
void hotspot_report_free(struct hotspot_report *r);

/* The map over the study area's boundaries. Caller frees (map_free). */
struct map *hotspot_report_map(const struct hotspot_report *r);
/* Tables for the page: the figures behind the map (KDE: the densest cells; Gi*: cells or
 * areas per confidence bin, the hot and cold spots by ward; areas: every area). */
struct report_table *hotspot_report_summary_table(const struct hotspot_report *r);
struct report_table *hotspot_report_detail_table(const struct hotspot_report *r, size_t max_rows);

/* Downloads: every cell inside the study area (or every area), with centre coordinates in
 * metres and degrees. GeoJSON cells are squares in WGS84 (KDE: the cells above zero). */
void hotspot_report_csv(const struct hotspot_report *r, struct buf *out);
void hotspot_report_json(const struct hotspot_report *r, struct buf *out);
void hotspot_report_geojson(const struct hotspot_report *r, struct buf *out);

#endif
