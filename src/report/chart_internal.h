/* The chart's fields, shared by chart.c (the model) and chart_layout.c (the layout pass).
 * Not for other modules: they use chart.h. */
#ifndef NESTGUARD_CHART_INTERNAL_H
#define NESTGUARD_CHART_INTERNAL_H
#include "report/chart.h"

enum chart_cell_state { CHART_CELL_MISSING, CHART_CELL_VALUE, CHART_CELL_SUPPRESSED };

struct chart_cell {
	enum chart_cell_state state;
	double value;
	char *label; /* suppressed label, or NULL for the chart's */
};

struct chart_series {
	char *name;
	struct chart_cell *cells; /* one per category (capacity category_cap) */
};

struct chart {
	enum chart_kind kind;
	enum chart_orientation orientation;
	char *title, *category_axis, *value_axis, *summary, *suppressed_label;
	char *number_prefix, *number_suffix;
	struct number_style number;
	double width, height;
	int height_set;
	int show_values, show_values_set, draw_title;
	char **categories;
	size_t category_count, category_cap;
	struct chart_series *series;
	size_t series_count;
};

/* Printed form of the value at (S, K): formatted number, suppressed label or "no data". */
char *chart_value_text(const struct chart *c, size_t s, size_t k);
const char *chart_cell_label(const struct chart *c, const struct chart_cell *cell);

#endif
