/* Small pieces every analysis report shares when it writes its results: JSON numbers that
 * stay valid for NaN, a JSON document into a buffer, p-values and changes printed the way
 * the pages and the CSV files show them, and the download formats' names and media types. */
#ifndef NESTGUARD_ANALYSIS_OUTPUT_H
#define NESTGUARD_ANALYSIS_OUTPUT_H
#include <jansson.h>
#include <stddef.h>
#include "util/buf.h"

enum analysis_format { FORMAT_HTML, FORMAT_CSV, FORMAT_JSON, FORMAT_GEOJSON, FORMAT_SVG, FORMAT_PNG };

/* "csv" -> FORMAT_CSV ...; -1 for anything else. */
int analysis_format_parse(const char *name);
const char *analysis_format_extension(enum analysis_format f);
const char *analysis_format_media_type(enum analysis_format f);

/* A JSON real, or null for NaN and infinities (JSON has no such numbers). */
json_t *analysis_json_number(double v);
/* Dump ROOT into OUT (compact when COMPACT, else indented) with a final newline, and drop
 * the reference. */
void analysis_json_write(json_t *root, struct buf *out, int compact);

struct geometry;
/* A GeoJSON MultiPolygon of G (WGS84 lon/lat), rings closed as the format wants. */
json_t *analysis_geojson_multipolygon(const struct geometry *g);
/* A GeoJSON Polygon of the National Grid square with south-west corner (X0, Y0) and side
 * SIZE, in WGS84 lon/lat (6 decimals, about 0.1 m). */
json_t *analysis_geojson_square(double x0, double y0, double size);
/* A FeatureCollection to add features to, and a feature with GEOMETRY and PROPERTIES
 * (references taken). */
json_t *analysis_geojson_collection(void);
void analysis_geojson_add(json_t *collection, json_t *geometry, json_t *properties);

/* "0.003", "< 0.001" (p-values as a report prints them). */
void analysis_format_p(double p, char *out, size_t size);
/* "+12 (+8.5%)", "-3 (-50.0%, base under 10)", "+4 (no crimes before)" into OUT. */
void analysis_format_change(double change, double percent, int small_base, char *out, size_t size);

#endif
