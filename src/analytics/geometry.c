/* Polygon geometry: storage, point in polygon, blob encoding and the grid index used to
 * assign crimes to areas. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/geometry.h"
#include "util/xalloc.h"

void geometry_init(struct geometry *g)
{
	memset(g, 0, sizeof *g);
}

void geometry_free(struct geometry *g)
{
	free(g->rings);
	free(g->xy);
	geometry_init(g);
}

void geometry_add_ring(struct geometry *g, const double *xy, size_t n, int outer)
{
	if (n > 1 && xy[0] == xy[2 * (n - 1)] && xy[1] == xy[2 * (n - 1) + 1]) n--;
	if (g->nrings == g->cap_rings) {
		g->cap_rings = g->cap_rings ? 2 * g->cap_rings : 4;
		g->rings = xrealloc(g->rings, g->cap_rings * sizeof *g->rings);
	}
	if (g->npoints + n > g->cap_points) {
		while (g->npoints + n > g->cap_points) g->cap_points = g->cap_points ? 2 * g->cap_points : 64;
		g->xy = xrealloc(g->xy, g->cap_points * 2 * sizeof *g->xy);
	}
	/* a hole before any shell is treated as a shell: there is nothing to cut it from */
	g->rings[g->nrings++] = (struct geometry_ring){g->npoints, n, outer || g->nrings == 0};
	memcpy(g->xy + 2 * g->npoints, xy, 2 * n * sizeof *xy);
	for (size_t i = 0; i < n; i++) {
		double x = xy[2 * i], y = xy[2 * i + 1];
		if (g->npoints == 0 && i == 0) { g->min_x = g->max_x = x; g->min_y = g->max_y = y; }
		if (x < g->min_x) g->min_x = x;
		if (x > g->max_x) g->max_x = x;
		if (y < g->min_y) g->min_y = y;
		if (y > g->max_y) g->max_y = y;
	}
	g->npoints += n;
}

size_t geometry_polygon_count(const struct geometry *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->nrings; i++) n += g->rings[i].outer;
	return n;
}

int geometry_contains(const struct geometry *g, double x, double y)
{
	if (g->npoints == 0 || x < g->min_x || x > g->max_x || y < g->min_y || y > g->max_y) return 0;
	int inside = 0;
	for (size_t r = 0; r < g->nrings; r++) {
		const double *p = g->xy + 2 * g->rings[r].start;
		size_t n = g->rings[r].count;
		/* crossing test: count edges straddling the horizontal line through y to the right */
		for (size_t i = 0, j = n - 1; i < n; j = i++) {
			double xi = p[2 * i], yi = p[2 * i + 1], xj = p[2 * j], yj = p[2 * j + 1];
			if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
	buf_append(b, c, 4);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_double(struct buf *b, double d)
{
	uint64_t u;
	memcpy(&u, &d, 8);
	unsigned char c[8];
	for (int i = 0; i < 8; i++) c[i] = (u >> (8 * i)) & 0xff;
	buf_append(b, c, 8);
}

static double get_double(const unsigned char *p)
{
	uint64_t u = 0;
	for (int i = 7; i >= 0; i--) u = u << 8 | p[i];
	double d;
	memcpy(&d, &u, 8);
	return d;
}

void geometry_encode(const struct geometry *g, struct buf *out)
{
	buf_append(out, "NGG1", 4);
	put_u32(out, (uint32_t)g->nrings);
	for (size_t r = 0; r < g->nrings; r++) {
		put_u32(out, (uint32_t)g->rings[r].count);
		put_u32(out, g->rings[r].outer ? 1 : 0);
	}
	for (size_t i = 0; i < 2 * g->npoints; i++) put_double(out, g->xy[i]);
}

int geometry_decode(const void *blob, size_t len, struct geometry *g)
{
	const unsigned char *p = blob;
	geometry_init(g);
	if (len < 8 || memcmp(p, "NGG1", 4) != 0) return -1;
	uint32_t nrings = get_u32(p + 4);
	if (nrings > (len - 8) / 8) return -1;
	size_t off = 8, total = 0;
	for (uint32_t r = 0; r < nrings; r++) total += get_u32(p + off + 8 * r);
	off += 8 * (size_t)nrings;
	if (total > (len - off) / 16 || off + total * 16 != len) return -1;
	double *xy = xmalloc((total ? total : 1) * 2 * sizeof *xy);
	for (size_t i = 0; i < 2 * total; i++) xy[i] = get_double(p + off + 8 * i);
	size_t start = 0;
	for (uint32_t r = 0; r < nrings; r++) {
		uint32_t n = get_u32(p + 8 + 8 * r);
		geometry_add_ring(g, xy + 2 * start, n, get_u32(p + 12 + 8 * r) & 1);
		start += n;
	}
	free(xy);
	return 0;
}

struct spatial_index {
	const struct geometry *const *geoms;
	size_t ngeoms;
	double min_x, min_y, cell_w, cell_h;
	int cols, rows;
	size_t *cell_start;   /* cols*rows+1 offsets into members */
	uint32_t *members;
};

/* Roughly four cells per polygon along each axis keeps candidate lists to one or two
 * polygons for tiled areas such as wards, while the table stays small. */
static int grid_side(size_t n)
{
	int side = (int)ceil(sqrt((double)n) * 4);
	return side < 1 ? 1 : side > 1024 ? 1024 : side;
}

static void cell_range(const struct spatial_index *ix, const struct geometry *g, int c[4])
{
	c[0] = (int)floor((g->min_x - ix->min_x) / ix->cell_w);
	c[1] = (int)floor((g->min_y - ix->min_y) / ix->cell_h);
	c[2] = (int)floor((g->max_x - ix->min_x) / ix->cell_w);
	c[3] = (int)floor((g->max_y - ix->min_y) / ix->cell_h);
	if (c[0] < 0) c[0] = 0;
	if (c[1] < 0) c[1] = 0;
	if (c[2] >= ix->cols) c[2] = ix->cols - 1;
	if (c[3] >= ix->rows) c[3] = ix->rows - 1;
}

struct spatial_index *spatial_index_new(const struct geometry *const *geoms, size_t n)
{
	struct spatial_index *ix = xcalloc(1, sizeof *ix);
	ix->geoms = geoms;
	ix->ngeoms = n;
	int first = 1;
	double max_x = 0, max_y = 0;
	for (size_t i = 0; i < n; i++) {
		const struct geometry *g = geoms[i];
		if (g->npoints == 0) continue;
		if (first || g->min_x < ix->min_x) ix->min_x = g->min_x;
		if (first || g->min_y < ix->min_y) ix->min_y = g->min_y;
		if (first || g->max_x > max_x) max_x = g->max_x;
		if (first || g->max_y > max_y) max_y = g->max_y;
		first = 0;
	}
	ix->cols = ix->rows = first ? 1 : grid_side(n);
	ix->cell_w = (max_x - ix->min_x) / ix->cols;
	ix->cell_h = (max_y - ix->min_y) / ix->rows;
	if (!(ix->cell_w > 0)) ix->cell_w = 1;
	if (!(ix->cell_h > 0)) ix->cell_h = 1;
	size_t ncells = (size_t)ix->cols * ix->rows;
	ix->cell_start = xcalloc(ncells + 1, sizeof *ix->cell_start);
	/* two passes: count members per cell, then fill (a compact CSR layout) */
	for (size_t i = 0; i < n; i++) {
		if (geoms[i]->npoints == 0) continue;
		int c[4];
		cell_range(ix, geoms[i], c);
		for (int y = c[1]; y <= c[3]; y++)
			for (int x = c[0]; x <= c[2]; x++) ix->cell_start[(size_t)y * ix->cols + x + 1]++;
	}
	for (size_t k = 0; k < ncells; k++) ix->cell_start[k + 1] += ix->cell_start[k];
	ix->members = xmalloc((ix->cell_start[ncells] + 1) * sizeof *ix->members);
	size_t *fill = xmalloc(ncells * sizeof *fill);
	memcpy(fill, ix->cell_start, ncells * sizeof *fill);
	for (size_t i = 0; i < n; i++) {
		if (geoms[i]->npoints == 0) continue;
		int c[4];
		cell_range(ix, geoms[i], c);
		for (int y = c[1]; y <= c[3]; y++)
			for (int x = c[0]; x <= c[2]; x++) ix->members[fill[(size_t)y * ix->cols + x]++] = (uint32_t)i;
	}
	free(fill);
	return ix;
}

void spatial_index_free(struct spatial_index *ix)
{
	if (!ix) return;
	free(ix->cell_start);
	free(ix->members);
	free(ix);
}

long spatial_index_find(const struct spatial_index *ix, double x, double y)
{
	double fx = floor((x - ix->min_x) / ix->cell_w), fy = floor((y - ix->min_y) / ix->cell_h);
	/* a point on the far edge of the grid belongs to the last cell */
	if (fx == ix->cols) fx--;
	if (fy == ix->rows) fy--;
	if (!(fx >= 0 && fy >= 0 && fx < ix->cols && fy < ix->rows)) return -1;
	size_t cell = (size_t)fy * ix->cols + (size_t)fx;
	for (size_t k = ix->cell_start[cell]; k < ix->cell_start[cell + 1]; k++)
		if (geometry_contains(ix->geoms[ix->members[k]], x, y)) return ix->members[k];
	return -1;
}
