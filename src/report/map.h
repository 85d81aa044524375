/* A map, independent of output: areas (polygons with holes; several outer rings make a
 * multipolygon) shaded by a value per area (choropleth, classes by quantiles, equal
 * intervals or fixed breaks), a raster grid layer (a density surface, or Getis-Ord Gi*
 * hot and cold spots), a points layer, area outlines drawn over the grid, a legend, a
 * scale bar and a north arrow. Coordinates are projected metres (e.g. British National
 * Grid) or longitude/latitude, drawn with an equirectangular projection at the data's
 * mid-latitude. The map is fitted to its frame keeping its aspect ratio. Nothing is
 * fetched: there is no tile layer.
 *
 *   struct map *m = map_new(MAP_METRES, "Cases by ward");
 *   size_t a = map_add_area(m, "Brinnington");
 *   map_area_add_ring(m, a, xy, n);
 *   map_area_set_value(m, a, 28);
 *   map_set_classes_quantile(m, 5);
 *   map_write_svg(m, &html, "cases-by-ward", 0);
 *   map_free(m);
 */
#ifndef NESTGUARD_MAP_H
#define NESTGUARD_MAP_H
#include <stddef.h>
#include "report/number_format.h"
#include "report/scene.h"
#include "util/buf.h"

enum map_coordinates { MAP_METRES, MAP_LONLAT };

struct map;

struct map *map_new(enum map_coordinates coordinates, const char *title);
void map_free(struct map *m);

/* Size in px; HEIGHT 0 fits the height to the data's shape. Default 640 x 480. */
void map_set_size(struct map *m, double width, double height);
void map_set_summary(struct map *m, const char *summary);
void map_set_draw_title(struct map *m, int on);
/* Names drawn on the areas (default off), where they fit without overlapping. */
void map_set_area_labels(struct map *m, int on);
/* Heading of the areas' legend ("Cases") and how their values are printed. */
void map_set_value_title(struct map *m, const char *title);
void map_set_number_style(struct map *m, const struct number_style *style);
/* Legend text for suppressed areas; default "fewer than 5". */
void map_set_suppressed_label(struct map *m, const char *label);

/* Areas. A ring is N points XY (x0, y0, x1, y1, ...), closed or not; holes are rings
 * inside an outer ring (filled even-odd, so their orientation does not matter). An area
 * with neither value nor suppression is drawn as an outline only. */
size_t map_add_area(struct map *m, const char *name);
void map_area_add_ring(struct map *m, size_t area, const double *xy, size_t n);
void map_area_set_value(struct map *m, size_t area, double value);
void map_area_set_suppressed(struct map *m, size_t area);

/* Choropleth classes (default: 5 quantile classes). BREAKS are the N lower bounds of the
 * classes after the first, ascending: a value v is in class i when breaks[i-1] <= v. */
void map_set_classes_quantile(struct map *m, size_t classes);
void map_set_classes_equal(struct map *m, size_t classes);
void map_set_classes_breaks(struct map *m, const double *breaks, size_t n);

/* Gi* hot-spot classes for the areas' values: bins -3..3 as MAP_GRID_HOTSPOT draws them. */
void map_set_classes_hotspot(struct map *m);

/* A short note on an area (e.g. "12" cases), drawn in a white box at the area's label point
 * whether or not it overlaps anything (the area's name, when labels are on, goes above it);
 * LEGEND says what the notes are ("Cuckooing cases"). NULL or "" removes the note. */
void map_area_set_note(struct map *m, size_t area, const char *note);
void map_set_notes_legend(struct map *m, const char *legend);

/* The raster layer. */
enum map_grid_style {
	MAP_GRID_DENSITY,  /* sequential classes (quantiles of the non-zero cells); zero cells clear */
	MAP_GRID_HOTSPOT,  /* Gi* bins -3..3 (99/95/90% cold, not significant, 90/95/99% hot) */
	MAP_GRID_ZSCORE    /* z-scores in diverging classes at +-1.65, +-1.96, +-2.58 */
};
struct map_grid {
	double x0, y0;                /* south-west corner of cell (0, 0), map coordinates */
	double cell_width, cell_height;
	size_t cols, rows;
	const double *values;         /* rows * cols, row 0 southernmost; NAN: no data (clear) */
	enum map_grid_style style;
	size_t classes;               /* density classes; 0 for 5 */
	const char *legend_title;     /* "Burglaries per km²"; NULL for a default */
	struct number_style number;   /* how density class bounds are printed */
};
void map_set_grid(struct map *m, const struct map_grid *grid); /* copies the values */

/* The points layer (e.g. incidents); LEGEND names it. */
void map_add_point(struct map *m, double x, double y);
void map_set_points_legend(struct map *m, const char *legend);

/* The text alternative: what is shown, and each area's value as printed. Malloc'd. */
char *map_describe(const struct map *m);

/* Lay the map out; the caller frees the scene. map_layout_sized() uses another size
 * (HEIGHT 0: fitted to the data's shape). */
struct scene *map_layout(const struct map *m);
struct scene *map_layout_sized(const struct map *m, double width, double height);
void map_write_svg(const struct map *m, struct buf *out, const char *id, int standalone);
int map_write_png(const struct map *m, double scale, struct buf *out);
int map_write_pdf(const struct map *m, struct buf *out);

#endif
