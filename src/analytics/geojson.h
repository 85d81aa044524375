/* Reading area boundaries (ONS ward, LSOA, ... GeoJSON FeatureCollections) with jansson.
 * Polygon and MultiPolygon geometries with holes; coordinates in CRS84 / EPSG:4326
 * longitude-latitude or EPSG:27700 British National Grid, taken from the "crs" member or,
 * when it is absent, from the coordinate ranges. Geometries come back in WGS84 lon/lat. */
#ifndef NESTGUARD_GEOJSON_H
#define NESTGUARD_GEOJSON_H
#include <stddef.h>
#include "analytics/geometry.h"

enum geojson_crs { GEOJSON_CRS_UNKNOWN = 0, GEOJSON_CRS_WGS84, GEOJSON_CRS_BNG };

struct geojson_area {
	char *code;          /* e.g. E05000797 */
	char *name;          /* e.g. Bredbury and Woodley; "" when the file has no name field */
	char *parent_code;   /* local authority code (LADnnCD) when the file has one, else NULL */
	struct geometry geom;
};

struct geojson_areas {
	struct geojson_area *areas;
	size_t n;
	enum geojson_crs crs;        /* what the file was in */
	char code_field[64], name_field[64];  /* the property names used */
};

struct geojson_options {
	/* Property holding the area code / name. NULL: the first property named
	 * <PREFIX>nnCD / <PREFIX>nnNM (any case, nn = two digits), e.g. WD16CD, LSOA11NM. */
	const char *code_field, *name_field;
	const char *prefix;          /* "WD", "LSOA", ...; used only when a field is NULL */
};

/* Read PATH. Returns 0, or -1 with a message naming the file, the place (JSON line and
 * column, or feature number) and the reason in ERR; nothing is returned then. */
int geojson_read_areas(const char *path, const struct geojson_options *opt, struct geojson_areas *out,
	char *err, size_t errsize);
void geojson_areas_free(struct geojson_areas *a);

#endif
