/* Planar polygons (with holes and multiple parts) as flat arrays of x/y doubles, point in
 * polygon, bounding boxes, a compact blob encoding for the database, and a grid index that
 * finds which of many polygons holds a point. Coordinates are whatever the caller uses
 * (nestguard stores boundaries as WGS84 longitude = x, latitude = y). */
#ifndef NESTGUARD_GEOMETRY_H
#define NESTGUARD_GEOMETRY_H
#include <stddef.h>
#include "util/buf.h"

struct geometry_ring {
	size_t start;   /* index of the first point in geometry.xy (in points, not doubles) */
	size_t count;   /* points in the ring; the closing point is not repeated */
	int outer;      /* 1: first ring of a polygon (its shell); 0: a hole of the polygon before */
};

struct geometry {
	struct geometry_ring *rings;
	size_t nrings, cap_rings;
	double *xy;                  /* x0,y0,x1,y1,... */
	size_t npoints, cap_points;
	double min_x, min_y, max_x, max_y;  /* valid when npoints > 0 */
};

void geometry_init(struct geometry *g);
void geometry_free(struct geometry *g);
/* Append a ring of N points (XY holds 2N doubles). A repeated closing point is dropped.
 * OUTER starts a new polygon; a hole belongs to the polygon started last. */
void geometry_add_ring(struct geometry *g, const double *xy, size_t n, int outer);
size_t geometry_polygon_count(const struct geometry *g);

/* Even-odd rule over every ring: inside a shell and not inside one of its holes. Parts of a
 * multipolygon do not overlap, so the rule holds across parts too. A point exactly on an
 * edge may go either way (but always the same way). */
int geometry_contains(const struct geometry *g, double x, double y);

/* Blob: "NGG1", uint32 ring count, per ring uint32 point count and uint32 flags (bit 0 =
 * outer), then every point as two IEEE doubles; all in little-endian byte order. */
void geometry_encode(const struct geometry *g, struct buf *out);
/* Decode a blob into G (initialised by the call). Returns 0, or -1 for a malformed blob. */
int geometry_decode(const void *blob, size_t len, struct geometry *g);

/* A uniform grid over the union of the polygons' bounding boxes; each cell lists the
 * polygons whose box overlaps it. The index keeps pointers to GEOMS: they must outlive it. */
struct spatial_index;
struct spatial_index *spatial_index_new(const struct geometry *const *geoms, size_t n);
void spatial_index_free(struct spatial_index *ix);
/* Index (into the GEOMS given to spatial_index_new) of the first polygon containing
 * (X, Y), or -1 when none does. */
long spatial_index_find(const struct spatial_index *ix, double x, double y);

#endif
