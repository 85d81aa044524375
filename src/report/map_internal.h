/* The map's fields and class computation, shared by map.c (model), map_classes.c and
 * map_layout.c. Not for other modules: they use map.h. */
#ifndef NESTGUARD_MAP_INTERNAL_H
#define NESTGUARD_MAP_INTERNAL_H
#include <stdint.h>
#include "report/map.h"
#include "report/palette.h"

#define MAP_MAX_CLASSES 9

enum map_area_state { MAP_AREA_OUTLINE, MAP_AREA_VALUE, MAP_AREA_SUPPRESSED };

struct map_area {
	char *name;
	double *xy;          /* all rings' points */
	size_t points, cap;
	size_t *ring_len;
	size_t rings;
	enum map_area_state state;
	double value;
	char *note;          /* NULL for none */
};

enum map_class_method { MAP_CLASSES_QUANTILE, MAP_CLASSES_EQUAL, MAP_CLASSES_BREAKS, MAP_CLASSES_HOTSPOT };

/* Classes ready to draw: value v falls in the last class whose lower bound is <= v. */
struct map_classes {
	size_t n;
	double lower[MAP_MAX_CLASSES];  /* lower[0] is -INFINITY */
	uint32_t colour[MAP_MAX_CLASSES];
	char *label[MAP_MAX_CLASSES];
	size_t count[MAP_MAX_CLASSES];  /* how many values fell in each class */
};

struct map {
	enum map_coordinates coordinates;
	char *title, *summary, *value_title, *suppressed_label, *points_legend, *notes_legend;
	char *number_prefix, *number_suffix;
	struct number_style number;
	double width, height;
	int draw_title, area_labels;
	struct map_area *areas;
	size_t area_count;
	enum map_class_method method;
	size_t class_count;
	double breaks[MAP_MAX_CLASSES - 1];
	size_t break_count;
	struct map_grid grid;       /* values owned (copied); grid.values NULL when none */
	char *grid_legend_title;
	double *points;
	size_t point_count, point_cap;
};

/* Build classes for VALUES (N finite numbers) by METHOD with K classes or the fixed
 * BREAKS, colours along RAMP, labels printed with STYLE. Free with map_classes_clear(). */
void map_classes_build(struct map_classes *out, const double *values, size_t n,
                       enum map_class_method method, size_t k, const double *breaks, size_t nbreaks,
                       enum palette_ramp ramp, const struct number_style *style);
void map_classes_clear(struct map_classes *c);
size_t map_classes_index(const struct map_classes *c, double v);

/* The classes of the areas' values and of the grid's cells, as map_layout draws them. */
void map_area_classes(const struct map *m, struct map_classes *out);
void map_grid_classes(const struct map *m, struct map_classes *out);

#endif
