/* Area boundaries for drawing and analysis: the wards or LSOAs stored in geo_area with their
 * code, name and polygon both as stored (WGS84 lon/lat) and on the British National Grid;
 * which area holds a point; and which areas touch (queen contiguity from shared boundary
 * points, as spdep's poly2nb), for Getis-Ord Gi* on areas. The borough for the analytics is
 * the union of the wards loaded (or of the LSOAs when no ward has a boundary). */
#ifndef NESTGUARD_AREA_SHAPES_H
#define NESTGUARD_AREA_SHAPES_H
#include <stddef.h>
#include <stdint.h>
#include "analytics/geometry.h"
#include "analytics/gistar.h"

struct db;

struct area_shape {
	int64_t id;                 /* geo_area.id */
	char *code, *name;
	struct geometry lonlat;     /* as stored */
	struct geometry bng;        /* British National Grid metres */
};

struct area_shapes {
	char level[8];              /* "ward" or "lsoa" */
	size_t n;
	struct area_shape *areas;   /* by code */
	const struct geometry **bng_ptrs;
	struct spatial_index *bng_index;
	double min_x, min_y, max_x, max_y;   /* BNG bounding box of all areas (n > 0) */
};

/* Load every area of LEVEL ("ward" or "lsoa") that has a boundary. Returns the count. */
size_t area_shapes_load(struct db *db, const char *level, struct area_shapes *out);
/* The wards when any has a boundary, else the LSOAs (possibly none). */
size_t area_shapes_load_borough(struct db *db, struct area_shapes *out);
void area_shapes_free(struct area_shapes *s);
/* Keep only area I (a study area of one ward or LSOA). */
void area_shapes_keep_one(struct area_shapes *s, size_t i);

/* Index of the area holding BNG point (X, Y), or -1. */
long area_shapes_find_bng(const struct area_shapes *s, double x, double y);
/* Index of the area with CODE, or -1. */
long area_shapes_find_code(const struct area_shapes *s, const char *code);

/* Neighbours of every area: the areas with a boundary point within TOLERANCE metres of one
 * of its own (queen contiguity; 0 means exactly shared points). Self is not listed. */
void area_shapes_neighbours(const struct area_shapes *s, double tolerance, struct neighbour_list *out);

#endif
