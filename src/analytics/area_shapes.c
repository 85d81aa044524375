/* Area boundaries from geo_area, projected to the National Grid once, with a point index and
 * queen contiguity. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/area_shapes.h"
#include "analytics/projection.h"
#include "db/db.h"
#include "util/xalloc.h"

/* G's rings projected to the National Grid into OUT (initialised here). Points that cannot be
 * projected (never the case for real boundaries) are dropped. */
static void project_geometry(const struct geometry *g, struct geometry *out)
{
	geometry_init(out);
	double *xy = NULL;
	size_t cap = 0;
	for (size_t r = 0; r < g->nrings; r++) {
		const struct geometry_ring *ring = &g->rings[r];
		if (ring->count > cap) {
			cap = ring->count;
			xy = xrealloc(xy, 2 * cap * sizeof *xy);
		}
		size_t k = 0;
		for (size_t i = 0; i < ring->count; i++) {
			const double *p = g->xy + 2 * (ring->start + i);
			if (projection_wgs84_to_bng(p[0], p[1], &xy[2 * k], &xy[2 * k + 1]) == 0) k++;
		}
		if (k >= 3) geometry_add_ring(out, xy, k, ring->outer);
	}
	free(xy);
}

/* Bounding box and point index of the areas now in S. */
static void index_areas(struct area_shapes *s)
{
	free(s->bng_ptrs);
	spatial_index_free(s->bng_index);
	s->bng_ptrs = xmalloc((s->n ? s->n : 1) * sizeof *s->bng_ptrs);
	int first = 1;
	for (size_t i = 0; i < s->n; i++) {
		const struct geometry *g = &s->areas[i].bng;
		s->bng_ptrs[i] = g;
		if (g->npoints == 0) continue;
		if (first || g->min_x < s->min_x) s->min_x = g->min_x;
		if (first || g->min_y < s->min_y) s->min_y = g->min_y;
		if (first || g->max_x > s->max_x) s->max_x = g->max_x;
		if (first || g->max_y > s->max_y) s->max_y = g->max_y;
		first = 0;
	}
	s->bng_index = spatial_index_new(s->bng_ptrs, s->n);
}

size_t area_shapes_load(struct db *db, const char *level, struct area_shapes *out)
{
	memset(out, 0, sizeof *out);
	snprintf(out->level, sizeof out->level, "%s", level);
	size_t cap = 0;
	struct db_stmt *st = db_preparef(db, "SELECT id, code, name, geometry FROM geo_area "
		"WHERE level = ? AND geometry IS NOT NULL ORDER BY code", "t", level);
	while (db_step(st) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 32;
			out->areas = xrealloc(out->areas, cap * sizeof *out->areas);
		}
		struct area_shape *a = &out->areas[out->n];
		size_t len;
		const void *blob = db_column_blob(st, 3, &len);
		if (geometry_decode(blob, len, &a->lonlat) != 0)
			fatal("area %lld has a malformed geometry blob", (long long)db_column_int(st, 0));
		a->id = db_column_int(st, 0);
		a->code = xstrdup(db_column_text(st, 1));
		a->name = xstrdup(db_column_text(st, 2));
		project_geometry(&a->lonlat, &a->bng);
		out->n++;
	}
	db_finalize(st);
	index_areas(out);
	return out->n;
}

size_t area_shapes_load_borough(struct db *db, struct area_shapes *out)
{
	if (area_shapes_load(db, "ward", out)) return out->n;
	area_shapes_free(out);
	return area_shapes_load(db, "lsoa", out);
}

void area_shapes_free(struct area_shapes *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->areas[i].code);
		free(s->areas[i].name);
		geometry_free(&s->areas[i].lonlat);
		geometry_free(&s->areas[i].bng);
	}
	free(s->areas);
	free(s->bng_ptrs);
	spatial_index_free(s->bng_index);
	memset(s, 0, sizeof *s);
}

void area_shapes_keep_one(struct area_shapes *s, size_t keep)
{
	if (keep >= s->n) fatal("area_shapes_keep_one: no area %zu", keep);
	for (size_t i = 0; i < s->n; i++) {
		if (i == keep) continue;
		free(s->areas[i].code);
		free(s->areas[i].name);
		geometry_free(&s->areas[i].lonlat);
		geometry_free(&s->areas[i].bng);
	}
	s->areas[0] = s->areas[keep];
	s->n = 1;
	index_areas(s);
}

long area_shapes_find_bng(const struct area_shapes *s, double x, double y)
{
	return s->n ? spatial_index_find(s->bng_index, x, y) : -1;
}

long area_shapes_find_code(const struct area_shapes *s, const char *code)
{
	if (!code) return -1;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->areas[i].code, code) == 0) return (long)i;
	return -1;
}

/* A boundary point snapped to a square of the tolerance's size. */
struct vertex { long long cx, cy; double x, y; size_t area; };

static int by_cell(const void *a, const void *b)
{
	const struct vertex *u = a, *v = b;
	if (u->cx != v->cx) return u->cx < v->cx ? -1 : 1;
	if (u->cy != v->cy) return u->cy < v->cy ? -1 : 1;
	return (u->area > v->area) - (u->area < v->area);
}

/* First vertex in V[0..N) whose cell is (CX, CY) or later, by binary search. */
static size_t lower_bound(const struct vertex *v, size_t n, long long cx, long long cy)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].cx < cx || (v[mid].cx == cx && v[mid].cy < cy)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

void area_shapes_neighbours(const struct area_shapes *s, double tolerance, struct neighbour_list *out)
{
	size_t total = 0;
	for (size_t i = 0; i < s->n; i++) total += s->areas[i].bng.npoints;
	/* cells at least a millimetre wide: exact sharing still compares the coordinates */
	double cell = tolerance > 0.001 ? tolerance : 0.001;
	struct vertex *v = xmalloc((total ? total : 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct geometry *g = &s->areas[i].bng;
		for (size_t p = 0; p < g->npoints; p++) {
			double x = g->xy[2 * p], y = g->xy[2 * p + 1];
			v[k++] = (struct vertex){(long long)floor(x / cell), (long long)floor(y / cell), x, y, i};
		}
	}
	qsort(v, k, sizeof *v, by_cell);
	/* adjacency matrix: areas are few (hundreds), so n^2 bytes is small */
	unsigned char *adj = xcalloc(s->n ? s->n * s->n : 1, 1);
	for (size_t a = 0; a < k; a++) {
		for (long long dx = -1; dx <= 1; dx++)
			for (long long dy = -1; dy <= 1; dy++) {
				size_t b = lower_bound(v, k, v[a].cx + dx, v[a].cy + dy);
				for (; b < k && v[b].cx == v[a].cx + dx && v[b].cy == v[a].cy + dy; b++) {
					if (v[b].area == v[a].area || adj[v[a].area * s->n + v[b].area]) continue;
					if (hypot(v[b].x - v[a].x, v[b].y - v[a].y) <= tolerance)
						adj[v[a].area * s->n + v[b].area] = adj[v[b].area * s->n + v[a].area] = 1;
				}
			}
	}
	free(v);
	out->n = s->n;
	out->start = xmalloc((s->n + 1) * sizeof *out->start);
	size_t count = 0;
	for (size_t i = 0; i < s->n * s->n; i++) count += adj[i];
	out->index = xmalloc((count ? count : 1) * sizeof *out->index);
	size_t m = 0;
	for (size_t i = 0; i < s->n; i++) {
		out->start[i] = m;
		for (size_t j = 0; j < s->n; j++)
			if (adj[i * s->n + j]) out->index[m++] = j;
	}
	out->start[s->n] = m;
	free(adj);
}
