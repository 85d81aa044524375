/* GeoJSON boundary reader. The whole document is parsed with jansson (ONS boundary files
 * for a borough are a few megabytes), rings are collected in file coordinates, and the
 * CRS is settled before converting everything to WGS84 in one pass. */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/geojson.h"
#include "analytics/projection.h"
#include "util/xalloc.h"

/* Every converted point must fall in this box around the British Isles: a file whose
 * points do not is in a CRS we did not recognise, or has its axes swapped. */
#define UK_MIN_LON (-11.0)
#define UK_MAX_LON 3.0
#define UK_MIN_LAT 49.0
#define UK_MAX_LAT 61.0

static int fail(char *err, size_t errsize, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errsize, fmt, ap);
	va_end(ap);
	return -1;
}

/* True when NAME is PREFIX, two digits, then SUFFIX, ignoring case (WD16CD, lsoa11nm). */
static int field_matches(const char *name, const char *prefix, const char *suffix)
{
	size_t p = strlen(prefix);
	if (strncasecmp(name, prefix, p) != 0) return 0;
	if (!isdigit((unsigned char)name[p]) || !isdigit((unsigned char)name[p + 1])) return 0;
	return strcasecmp(name + p + 2, suffix) == 0;
}

static const char *find_field(json_t *props, const char *prefix, const char *suffix)
{
	const char *key;
	json_t *v;
	json_object_foreach(props, key, v)
		if (field_matches(key, prefix, suffix)) return key;
	return NULL;
}

static enum geojson_crs crs_from_member(json_t *root, char *name, size_t namesize)
{
	json_t *crs = json_object_get(root, "crs");
	const char *s = json_string_value(json_object_get(json_object_get(crs, "properties"), "name"));
	if (!s) return GEOJSON_CRS_UNKNOWN;
	snprintf(name, namesize, "%s", s);
	if (strstr(s, "27700")) return GEOJSON_CRS_BNG;
	/* RFC 7946 positions are always longitude, latitude; writers label them CRS84 or 4326 */
	if (strstr(s, "CRS84") || strstr(s, "4326")) return GEOJSON_CRS_WGS84;
	return (enum geojson_crs)-1;
}

/* Append one GeoJSON ring (array of positions) to G. */
static int add_ring(json_t *ring, struct geometry *g, int outer, size_t feature, char *err, size_t errsize)
{
	size_t n = json_array_size(ring);
	if (!json_is_array(ring) || n < 3)
		return fail(err, errsize, "feature %zu: a ring needs at least 3 positions", feature);
	double *xy = xmalloc(2 * n * sizeof *xy);
	for (size_t i = 0; i < n; i++) {
		json_t *pos = json_array_get(ring, i);
		json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
		if (!json_is_number(x) || !json_is_number(y)) {
			free(xy);
			return fail(err, errsize, "feature %zu: position %zu is not a pair of numbers", feature, i + 1);
		}
		xy[2 * i] = json_number_value(x);
		xy[2 * i + 1] = json_number_value(y);
	}
	geometry_add_ring(g, xy, n, outer);
	free(xy);
	return 0;
}

static int add_polygon(json_t *rings, struct geometry *g, size_t feature, char *err, size_t errsize)
{
	if (!json_is_array(rings) || json_array_size(rings) == 0)
		return fail(err, errsize, "feature %zu: a polygon needs at least one ring", feature);
	for (size_t r = 0; r < json_array_size(rings); r++)
		if (add_ring(json_array_get(rings, r), g, r == 0, feature, err, errsize)) return -1;
	return 0;
}

static int add_geometry(json_t *geom, struct geometry *g, size_t feature, char *err, size_t errsize)
{
	const char *type = json_string_value(json_object_get(geom, "type"));
	json_t *coords = json_object_get(geom, "coordinates");
	if (!type) return fail(err, errsize, "feature %zu: no geometry", feature);
	if (strcmp(type, "Polygon") == 0) return add_polygon(coords, g, feature, err, errsize);
	if (strcmp(type, "MultiPolygon") == 0) {
		if (!json_is_array(coords) || json_array_size(coords) == 0)
			return fail(err, errsize, "feature %zu: a MultiPolygon needs at least one polygon", feature);
		for (size_t p = 0; p < json_array_size(coords); p++)
			if (add_polygon(json_array_get(coords, p), g, feature, err, errsize)) return -1;
		return 0;
	}
	return fail(err, errsize, "feature %zu: geometry type %s is not Polygon or MultiPolygon", feature, type);
}

static enum geojson_crs crs_from_ranges(const struct geojson_areas *a)
{
	int lonlat = 1, grid = 1;
	for (size_t i = 0; i < a->n; i++) {
		const struct geometry *g = &a->areas[i].geom;
		if (g->min_x < -180 || g->max_x > 180 || g->min_y < -90 || g->max_y > 90) lonlat = 0;
		if (g->min_x < -1e5 || g->max_x > 1e6 || g->min_y < -1e5 || g->max_y > 1.5e6) grid = 0;
	}
	return lonlat ? GEOJSON_CRS_WGS84 : grid ? GEOJSON_CRS_BNG : GEOJSON_CRS_UNKNOWN;
}

/* Convert every point to WGS84 (when in BNG) and check it lies in the British Isles. */
static int convert_and_check(struct geojson_areas *a, const char *path, char *err, size_t errsize)
{
	for (size_t i = 0; i < a->n; i++) {
		struct geometry *g = &a->areas[i].geom;
		for (size_t k = 0; k < g->npoints; k++) {
			double *p = g->xy + 2 * k;
			if (a->crs == GEOJSON_CRS_BNG && projection_bng_to_wgs84(p[0], p[1], &p[0], &p[1]) != 0)
				return fail(err, errsize, "%s: area %s: (%g, %g) is not a British National Grid position",
					path, a->areas[i].code, p[0], p[1]);
			if (p[0] < UK_MIN_LON || p[0] > UK_MAX_LON || p[1] < UK_MIN_LAT || p[1] > UK_MAX_LAT)
				return fail(err, errsize, "%s: area %s: point (%.6f, %.6f) is outside Great Britain; "
					"is the file's coordinate system %s?", path, a->areas[i].code, p[0], p[1],
					a->crs == GEOJSON_CRS_BNG ? "really EPSG:27700" : "really longitude/latitude");
		}
		/* rebuild the box in the new coordinates */
		struct geometry fresh;
		geometry_init(&fresh);
		for (size_t r = 0; r < g->nrings; r++)
			geometry_add_ring(&fresh, g->xy + 2 * g->rings[r].start, g->rings[r].count, g->rings[r].outer);
		geometry_free(g);
		*g = fresh;
	}
	return 0;
}

static struct geojson_area *area_for_code(struct geojson_areas *a, const char *code)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->areas[i].code, code) == 0) return &a->areas[i];
	return NULL;
}

static char *property_text(json_t *v)
{
	if (json_is_string(v)) return xstrdup(json_string_value(v));
	if (json_is_integer(v)) {
		char s[32];
		snprintf(s, sizeof s, "%lld", (long long)json_integer_value(v));
		return xstrdup(s);
	}
	return NULL;
}

static int read_features(json_t *features, const struct geojson_options *opt, struct geojson_areas *out,
	const char *path, char *err, size_t errsize)
{
	size_t n = json_array_size(features);
	const char *prefix = opt->prefix ? opt->prefix : "";
	const char *lad_field = NULL;
	out->areas = xcalloc(n ? n : 1, sizeof *out->areas);
	for (size_t i = 0; i < n; i++) {
		json_t *f = json_array_get(features, i);
		json_t *props = json_object_get(f, "properties");
		if (!json_is_object(props)) return fail(err, errsize, "%s: feature %zu has no properties", path, i + 1);
		if (i == 0) {
			const char *c = opt->code_field ? opt->code_field : find_field(props, prefix, "CD");
			const char *m = opt->name_field ? opt->name_field : find_field(props, prefix, "NM");
			if (!c) return fail(err, errsize, "%s: no %snnCD code property in feature 1; name it with --code-field",
				path, prefix);
			snprintf(out->code_field, sizeof out->code_field, "%s", c);
			snprintf(out->name_field, sizeof out->name_field, "%s", m ? m : "");
			lad_field = find_field(props, "LAD", "CD");
		}
		char *code = property_text(json_object_get(props, out->code_field));
		if (!code || !*code) {
			free(code);
			return fail(err, errsize, "%s: feature %zu: property %s is missing or empty", path, i + 1, out->code_field);
		}
		struct geojson_area *a = area_for_code(out, code);
		if (!a) {
			a = &out->areas[out->n++];
			a->code = code;
			a->name = *out->name_field ? property_text(json_object_get(props, out->name_field)) : NULL;
			if (!a->name) a->name = xstrdup("");
			a->parent_code = lad_field ? property_text(json_object_get(props, lad_field)) : NULL;
			geometry_init(&a->geom);
		} else {
			free(code);   /* a second feature for the same area adds parts to it */
		}
		char why[256];
		if (add_geometry(json_object_get(f, "geometry"), &a->geom, i + 1, why, sizeof why))
			return fail(err, errsize, "%s: %s", path, why);
	}
	return 0;
}

int geojson_read_areas(const char *path, const struct geojson_options *opt, struct geojson_areas *out,
	char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root) return fail(err, errsize, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
	int rc = -1;
	char crs_name[128] = "";
	json_t *features = json_object_get(root, "features");
	const char *type = json_string_value(json_object_get(root, "type"));
	if (!type || strcmp(type, "FeatureCollection") != 0 || !json_is_array(features)) {
		fail(err, errsize, "%s: not a GeoJSON FeatureCollection", path);
		goto done;
	}
	out->crs = crs_from_member(root, crs_name, sizeof crs_name);
	if ((int)out->crs == -1) {
		fail(err, errsize, "%s: coordinate system %s is not supported (use CRS84/EPSG:4326 or EPSG:27700)",
			path, crs_name);
		goto done;
	}
	if (read_features(features, opt, out, path, err, errsize)) goto done;
	if (out->n == 0) {
		fail(err, errsize, "%s: the file has no features", path);
		goto done;
	}
	if (out->crs == GEOJSON_CRS_UNKNOWN) out->crs = crs_from_ranges(out);
	if (out->crs == GEOJSON_CRS_UNKNOWN) {
		fail(err, errsize, "%s: no \"crs\" member and the coordinates are neither longitude/latitude "
			"nor British National Grid metres", path);
		goto done;
	}
	rc = convert_and_check(out, path, err, errsize);
done:
	json_decref(root);
	if (rc) geojson_areas_free(out);
	return rc;
}

void geojson_areas_free(struct geojson_areas *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->areas[i].code);
		free(a->areas[i].name);
		free(a->areas[i].parent_code);
		geometry_free(&a->areas[i].geom);
	}
	free(a->areas);
	a->areas = NULL;
	a->n = 0;
}
