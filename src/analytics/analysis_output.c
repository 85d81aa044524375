/* Shared output helpers for the analysis reports. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/analysis_output.h"
#include "analytics/geometry.h"
#include "analytics/projection.h"

static const struct { const char *name, *extension, *media_type; } FORMATS[] = {
	[FORMAT_HTML] = {"html", "html", "text/html; charset=utf-8"},
	[FORMAT_CSV] = {"csv", "csv", "text/csv; charset=utf-8"},
	[FORMAT_JSON] = {"json", "json", "application/json"},
	[FORMAT_GEOJSON] = {"geojson", "geojson", "application/geo+json"},
	[FORMAT_SVG] = {"svg", "svg", "image/svg+xml"},
	[FORMAT_PNG] = {"png", "png", "image/png"},
};

int analysis_format_parse(const char *name)
{
	if (!name) return -1;
	for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++)
		if (strcmp(name, FORMATS[i].name) == 0) return (int)i;
	return -1;
}

const char *analysis_format_extension(enum analysis_format f) { return FORMATS[f].extension; }
const char *analysis_format_media_type(enum analysis_format f) { return FORMATS[f].media_type; }

json_t *analysis_json_number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static int dump_to_buf(const char *text, size_t size, void *data)
{
	buf_append(data, text, size);
	return 0;
}

void analysis_json_write(json_t *root, struct buf *out, int compact)
{
	size_t flags = JSON_REAL_PRECISION(15) | (compact ? JSON_COMPACT : JSON_INDENT(1));
	json_dump_callback(root, dump_to_buf, out, flags);
	buf_putc(out, '\n');
	json_decref(root);
}

void analysis_format_p(double p, char *out, size_t size)
{
	if (!isfinite(p)) snprintf(out, size, "n/a");
	else if (p < 0.001) snprintf(out, size, "< 0.001");
	else snprintf(out, size, "%.3f", p);
}

void analysis_format_change(double change, double percent, int small_base, char *out, size_t size)
{
	const char *note = small_base ? ", base under 10" : "";
	if (!isfinite(change)) snprintf(out, size, "n/a");
	else if (!isfinite(percent)) snprintf(out, size, "%+.0f (none before)", change);
	else if (change == 0) snprintf(out, size, "no change%s", small_base ? " (base under 10)" : "");
	else snprintf(out, size, "%+.0f (%+.1f%%%s)", change, percent, note);
}

/* Longitude or latitude rounded to 6 decimals: GeoJSON files of thousands of cells stay a
 * reasonable size, and 1e-6 degree is about 0.1 m. */
static json_t *degrees(double v)
{
	return json_real(round(v * 1e6) / 1e6);
}

static json_t *position(double lon, double lat)
{
	json_t *p = json_array();
	json_array_append_new(p, degrees(lon));
	json_array_append_new(p, degrees(lat));
	return p;
}

json_t *analysis_geojson_multipolygon(const struct geometry *g)
{
	json_t *polygons = json_array(), *polygon = NULL;
	for (size_t r = 0; r < g->nrings; r++) {
		const struct geometry_ring *ring = &g->rings[r];
		if (ring->outer || !polygon) {
			polygon = json_array();
			json_array_append_new(polygons, polygon);
		}
		json_t *coords = json_array();
		for (size_t i = 0; i <= ring->count; i++) {
			const double *p = g->xy + 2 * (ring->start + i % ring->count);
			json_array_append_new(coords, position(p[0], p[1]));
		}
		json_array_append_new(polygon, coords);
	}
	return json_pack("{s:s, s:o}", "type", "MultiPolygon", "coordinates", polygons);
}

json_t *analysis_geojson_square(double x0, double y0, double size)
{
	static const double corner[5][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
	json_t *ring = json_array();
	for (int i = 0; i < 5; i++) {
		double lon = 0, lat = 0;
		projection_bng_to_wgs84(x0 + corner[i][0] * size, y0 + corner[i][1] * size, &lon, &lat);
		json_array_append_new(ring, position(lon, lat));
	}
	json_t *rings = json_array();
	json_array_append_new(rings, ring);
	return json_pack("{s:s, s:o}", "type", "Polygon", "coordinates", rings);
}

json_t *analysis_geojson_collection(void)
{
	return json_pack("{s:s, s:[]}", "type", "FeatureCollection", "features");
}

void analysis_geojson_add(json_t *collection, json_t *geometry, json_t *properties)
{
	json_array_append_new(json_object_get(collection, "features"),
		json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry", geometry, "properties", properties));
}
