/* The map model: areas with rings and values, the raster grid, points, and the settings
 * of the legend and classes; plus the accessible description. Layout is in map_layout.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/map_internal.h"
#include "report/report_text.h"
#include "util/xalloc.h"

static void replace(char **field, const char *s)
{
	free(*field);
	*field = report_text_clean(s);
}

struct map *map_new(enum map_coordinates coordinates, const char *title)
{
	struct map *m = xcalloc(1, sizeof *m);
	m->coordinates = coordinates;
	replace(&m->title, title);
	replace(&m->summary, NULL);
	replace(&m->value_title, NULL);
	replace(&m->suppressed_label, "fewer than 5");
	replace(&m->points_legend, "Points");
	replace(&m->notes_legend, "Notes");
	replace(&m->grid_legend_title, NULL);
	m->width = 640;
	m->height = 480;
	m->draw_title = 1;
	m->method = MAP_CLASSES_QUANTILE;
	m->class_count = 5;
	return m;
}

void map_free(struct map *m)
{
	if (!m) return;
	free(m->title);
	free(m->summary);
	free(m->value_title);
	free(m->suppressed_label);
	free(m->points_legend);
	free(m->notes_legend);
	free(m->grid_legend_title);
	free(m->number_prefix);
	free(m->number_suffix);
	for (size_t i = 0; i < m->area_count; i++) {
		free(m->areas[i].name);
		free(m->areas[i].note);
		free(m->areas[i].xy);
		free(m->areas[i].ring_len);
	}
	free(m->areas);
	free((double *)m->grid.values);
	free(m->points);
	free(m);
}

void map_set_size(struct map *m, double width, double height)
{
	if (!(width >= 200 && width <= 4000) || !(height == 0 || (height >= 150 && height <= 4000)))
		fatal("map_set_size: %g x %g is not a sensible map size", width, height);
	m->width = width;
	m->height = height;
}

void map_set_summary(struct map *m, const char *summary) { replace(&m->summary, summary); }
void map_set_draw_title(struct map *m, int on) { m->draw_title = on; }
void map_set_area_labels(struct map *m, int on) { m->area_labels = on; }
void map_set_value_title(struct map *m, const char *title) { replace(&m->value_title, title); }
void map_set_suppressed_label(struct map *m, const char *label) { replace(&m->suppressed_label, label); }
void map_set_points_legend(struct map *m, const char *legend) { replace(&m->points_legend, legend); }

void map_set_number_style(struct map *m, const struct number_style *style)
{
	m->number = *style;
	replace(&m->number_prefix, style->prefix);
	replace(&m->number_suffix, style->suffix);
	m->number.prefix = m->number_prefix;
	m->number.suffix = m->number_suffix;
}

size_t map_add_area(struct map *m, const char *name)
{
	m->areas = xrealloc(m->areas, (m->area_count + 1) * sizeof *m->areas);
	struct map_area *a = &m->areas[m->area_count];
	memset(a, 0, sizeof *a);
	a->name = report_text_clean(name);
	return m->area_count++;
}

static struct map_area *area(struct map *m, size_t i)
{
	if (i >= m->area_count) fatal("map: no area %zu (there are %zu)", i, m->area_count);
	return &m->areas[i];
}

void map_area_add_ring(struct map *m, size_t i, const double *xy, size_t n)
{
	struct map_area *a = area(m, i);
	for (size_t k = 0; k < 2 * n; k++)
		if (!isfinite(xy[k])) fatal("map_area_add_ring: coordinate is not finite");
	if (n < 3) return;
	if (a->points + n > a->cap) {
		while (a->points + n > a->cap) a->cap = a->cap ? a->cap * 2 : 64;
		a->xy = xrealloc(a->xy, 2 * a->cap * sizeof(double));
	}
	memcpy(a->xy + 2 * a->points, xy, 2 * n * sizeof(double));
	a->points += n;
	a->ring_len = xrealloc(a->ring_len, (a->rings + 1) * sizeof(size_t));
	a->ring_len[a->rings++] = n;
}

void map_area_set_value(struct map *m, size_t i, double value)
{
	if (!isfinite(value)) fatal("map_area_set_value: value is not finite");
	area(m, i)->state = MAP_AREA_VALUE;
	area(m, i)->value = value;
}

void map_area_set_suppressed(struct map *m, size_t i)
{
	area(m, i)->state = MAP_AREA_SUPPRESSED;
	area(m, i)->value = 0;
}

void map_area_set_note(struct map *m, size_t i, const char *note)
{
	struct map_area *a = area(m, i);
	free(a->note);
	a->note = note && *note ? report_text_clean(note) : NULL;
}

void map_set_notes_legend(struct map *m, const char *legend) { replace(&m->notes_legend, legend); }

void map_set_classes_hotspot(struct map *m)
{
	m->method = MAP_CLASSES_HOTSPOT;
	m->class_count = 7;
}

void map_set_classes_quantile(struct map *m, size_t classes)
{
	m->method = MAP_CLASSES_QUANTILE;
	m->class_count = classes;
}

void map_set_classes_equal(struct map *m, size_t classes)
{
	m->method = MAP_CLASSES_EQUAL;
	m->class_count = classes;
}

void map_set_classes_breaks(struct map *m, const double *breaks, size_t n)
{
	if (n > MAP_MAX_CLASSES - 1) fatal("map_set_classes_breaks: at most %d breaks", MAP_MAX_CLASSES - 1);
	for (size_t i = 0; i < n; i++)
		if (!isfinite(breaks[i]) || (i && !(breaks[i] > breaks[i - 1])))
			fatal("map_set_classes_breaks: breaks must be finite and ascending");
	m->method = MAP_CLASSES_BREAKS;
	memcpy(m->breaks, breaks, n * sizeof *breaks);
	m->break_count = n;
}

void map_set_grid(struct map *m, const struct map_grid *grid)
{
	if (grid->cols == 0 || grid->rows == 0 || !(grid->cell_width > 0) || !(grid->cell_height > 0) ||
	    !isfinite(grid->x0) || !isfinite(grid->y0) || grid->cols > 100000 || grid->rows > 100000)
		fatal("map_set_grid: bad grid geometry");
	free((double *)m->grid.values);
	m->grid = *grid;
	size_t cells = grid->cols * grid->rows;
	double *copy = xmalloc(cells * sizeof *copy);
	memcpy(copy, grid->values, cells * sizeof *copy);
	m->grid.values = copy;
	m->grid.number.prefix = m->grid.number.suffix = NULL;
	replace(&m->grid_legend_title, grid->legend_title ? grid->legend_title
	        : grid->style == MAP_GRID_DENSITY ? "Density" : grid->style == MAP_GRID_HOTSPOT ? "Gi* hot and cold spots (confidence)" : "Gi* z-score");
	m->grid.legend_title = m->grid_legend_title;
}

void map_add_point(struct map *m, double x, double y)
{
	if (!isfinite(x) || !isfinite(y)) fatal("map_add_point: coordinate is not finite");
	if (m->point_count == m->point_cap) {
		m->point_cap = m->point_cap ? m->point_cap * 2 : 256;
		m->points = xrealloc(m->points, 2 * m->point_cap * sizeof(double));
	}
	m->points[2 * m->point_count] = x;
	m->points[2 * m->point_count + 1] = y;
	m->point_count++;
}

char *map_describe(const struct map *m)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "Map");
	if (*m->title) buf_printf(&b, ": %s", m->title);
	buf_puts(&b, ". ");
	if (*m->summary) buf_printf(&b, "%s ", m->summary);
	int shaded = 0;
	for (size_t i = 0; i < m->area_count; i++)
		if (m->areas[i].state != MAP_AREA_OUTLINE) shaded = 1;
	if (shaded) {
		buf_printf(&b, "Areas shaded by %s: ", *m->value_title ? m->value_title : "value");
		for (size_t i = 0; i < m->area_count; i++) {
			const struct map_area *a = &m->areas[i];
			buf_printf(&b, "%s: ", a->name);
			if (a->state == MAP_AREA_VALUE) number_format(&b, a->value, &m->number);
			else if (a->state == MAP_AREA_SUPPRESSED) buf_puts(&b, m->suppressed_label);
			else buf_puts(&b, "no data");
			buf_puts(&b, i + 1 < m->area_count ? "; " : ". ");
		}
	} else if (m->area_count) {
		buf_printf(&b, "Outlines of %zu areas. ", m->area_count);
	}
	if (m->grid.values) {
		struct map_classes cl;
		map_grid_classes(m, &cl);
		buf_printf(&b, "%s, grid of %zu by %zu cells: ", m->grid.legend_title, m->grid.cols, m->grid.rows);
		for (size_t i = 0; i < cl.n; i++)
			buf_printf(&b, "%s, %zu cells%s", cl.label[i], cl.count[i], i + 1 < cl.n ? "; " : ". ");
		if (cl.n == 0) buf_puts(&b, "no cells above zero. ");
		map_classes_clear(&cl);
	}
	int notes = 0;
	for (size_t i = 0; i < m->area_count; i++) {
		if (!m->areas[i].note) continue;
		if (!notes) buf_printf(&b, "%s: ", m->notes_legend);
		else buf_puts(&b, "; ");
		buf_printf(&b, "%s: %s", m->areas[i].name, m->areas[i].note);
		notes = 1;
	}
	if (notes) buf_puts(&b, ". ");
	if (m->point_count) buf_printf(&b, "%s: %zu points. ", m->points_legend, m->point_count);
	if (!m->area_count && !m->grid.values && !m->point_count) buf_puts(&b, "There is no data.");
	while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = 0;
	return buf_detach(&b);
}
