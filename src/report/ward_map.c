/* Reading the bundled ward boundaries (jansson) once per process, and adding wards to maps. */
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "report/ward_map.h"
#include "util/embedded.h"
#include "util/log.h"
#include "util/xalloc.h"

#define BOUNDARY_FILE "geo/stockport-wards-2025.geojson"

struct ward_boundary {
	char *code;
	double *xy;          /* every ring's points, one ring after another */
	size_t *ring_len;
	size_t rings;
};

static struct ward_boundary *boundaries;
static size_t boundary_count;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

/* Append the rings of one polygon (an array of rings of [lon, lat]) to B. 0, or -1 when malformed. */
static int add_polygon(struct ward_boundary *b, json_t *polygon, size_t *points)
{
	if (!json_is_array(polygon)) return -1;
	for (size_t r = 0; r < json_array_size(polygon); r++) {
		json_t *ring = json_array_get(polygon, r);
		size_t n = json_array_size(ring);
		if (!json_is_array(ring) || n < 3) return -1;
		b->ring_len = xrealloc(b->ring_len, (b->rings + 1) * sizeof *b->ring_len);
		b->xy = xrealloc(b->xy, (*points + n) * 2 * sizeof *b->xy);
		for (size_t i = 0; i < n; i++) {
			json_t *pt = json_array_get(ring, i);
			if (!json_is_array(pt) || json_array_size(pt) < 2 || !json_is_number(json_array_get(pt, 0))
			    || !json_is_number(json_array_get(pt, 1)))
				return -1;
			b->xy[2 * (*points + i)] = json_number_value(json_array_get(pt, 0));
			b->xy[2 * (*points + i) + 1] = json_number_value(json_array_get(pt, 1));
		}
		b->ring_len[b->rings++] = n;
		*points += n;
	}
	return 0;
}

static void free_boundary(struct ward_boundary *b)
{
	free(b->code);
	free(b->xy);
	free(b->ring_len);
}

/* Parse TEXT into OUT (NULL: count only). Returns the features read, or -1. */
static long parse(const char *text, size_t len, struct ward_boundary **out)
{
	json_error_t err;
	json_t *root = json_loadb(text, len, 0, &err);
	json_t *features = root ? json_object_get(root, "features") : NULL;
	if (!json_is_array(features)) {
		json_decref(root);
		return -1;
	}
	size_t n = json_array_size(features);
	struct ward_boundary *list = xcalloc(n + 1, sizeof *list);
	long good = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *f = json_array_get(features, i);
		json_t *code = json_object_get(json_object_get(f, "properties"), "code");
		json_t *geometry = json_object_get(f, "geometry");
		const char *type = json_string_value(json_object_get(geometry, "type"));
		json_t *coords = json_object_get(geometry, "coordinates");
		if (!json_is_string(code) || !type || !json_is_array(coords)) goto bad;
		struct ward_boundary *b = &list[good];
		memset(b, 0, sizeof *b);
		b->code = xstrdup(json_string_value(code));
		size_t points = 0;
		int rc = 0;
		if (strcmp(type, "Polygon") == 0) rc = add_polygon(b, coords, &points);
		else if (strcmp(type, "MultiPolygon") == 0)
			for (size_t p = 0; p < json_array_size(coords) && rc == 0; p++) rc = add_polygon(b, json_array_get(coords, p), &points);
		else rc = -1;
		if (rc != 0 || b->rings == 0) {
			free_boundary(b);
			goto bad;
		}
		good++;
	}
	json_decref(root);
	if (out) *out = list;
	else {
		for (long i = 0; i < good; i++) free_boundary(&list[i]);
		free(list);
	}
	return good;
bad:
	for (long i = 0; i < good; i++) free_boundary(&list[i]);
	free(list);
	json_decref(root);
	return -1;
}

static void load(void)
{
	const struct embedded_file *f = embedded_find(embedded_data, BOUNDARY_FILE);
	long n = f ? parse((const char *)f->data, f->len, &boundaries) : -1;
	if (n < 0) {
		log_warn("ward boundaries %s could not be read; maps are left out", BOUNDARY_FILE);
		boundaries = NULL;
		n = 0;
	}
	boundary_count = (size_t)n;
}

long ward_map_parse_check(const char *text, size_t len)
{
	return parse(text, len, NULL);
}

size_t ward_map_boundary_count(void)
{
	pthread_once(&loaded, load);
	return boundary_count;
}

size_t ward_map_add(struct map *m, const char *code, const char *name)
{
	pthread_once(&loaded, load);
	if (!code) return (size_t)-1;
	for (size_t i = 0; i < boundary_count; i++) {
		struct ward_boundary *b = &boundaries[i];
		if (strcmp(b->code, code) != 0) continue;
		size_t area = map_add_area(m, name ? name : code);
		size_t off = 0;
		for (size_t r = 0; r < b->rings; r++) {
			map_area_add_ring(m, area, b->xy + 2 * off, b->ring_len[r]);
			off += b->ring_len[r];
		}
		return area;
	}
	return (size_t)-1;
}
