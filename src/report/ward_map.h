/* Ward boundaries for report maps. nestguard carries a simplified copy of Stockport's 2025
 * wards (data/geo/stockport-wards-2025.geojson, Open Government Licence) compiled in, so the
 * evaluation's map needs no import and no tile server; wards are matched by ONS code. */
#ifndef NESTGUARD_WARD_MAP_H
#define NESTGUARD_WARD_MAP_H
#include <stddef.h>
#include "report/map.h"

/* Add the outline of the ward with ONS code CODE to M as an area named NAME. Returns the
 * area's index, or (size_t)-1 when no boundary has that code. */
size_t ward_map_add(struct map *m, const char *code, const char *name);

/* How many wards the bundled boundaries hold (0 when they could not be read). */
size_t ward_map_boundary_count(void);

/* Parse GeoJSON TEXT (a FeatureCollection of Polygons/MultiPolygons whose properties have
 * "code" and "name") into a ring list; exposed for tests. Returns the feature count, or -1
 * when it is not such GeoJSON. */
long ward_map_parse_check(const char *text, size_t len);

#endif
