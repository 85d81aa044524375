/* Choropleth and raster classes: quantile, equal-interval, fixed-break and Gi* hot-spot
 * classes, with colours from a palette ramp and legend labels that say exactly which
 * values each class holds (for whole numbers: "5 to 9", never "4.6 to 9.2"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/map_internal.h"
#include "util/xalloc.h"

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void put_range(struct buf *b, const struct number_style *st, double lo, double hi, const char *join)
{
	number_format(b, lo, st);
	buf_puts(b, join);
	number_format(b, hi, st);
}

static const char *hotspot_labels[7] = {
	"Cold spot, 99%", "Cold spot, 95%", "Cold spot, 90%",
	"Not significant",
	"Hot spot, 90%", "Hot spot, 95%", "Hot spot, 99%",
};

void map_classes_build(struct map_classes *out, const double *values, size_t n,
                       enum map_class_method method, size_t k, const double *breaks, size_t nbreaks,
                       enum palette_ramp ramp, const struct number_style *style)
{
	memset(out, 0, sizeof *out);
	if (method == MAP_CLASSES_HOTSPOT) {
		out->n = 7;
		out->lower[0] = -INFINITY;
		for (size_t i = 1; i < 7; i++) out->lower[i] = (double)i - 3.5;
		for (size_t i = 0; i < 7; i++) {
			out->colour[i] = palette_ramp(PALETTE_RAMP_DIVERGING, (double)i / 6);
			out->label[i] = xstrdup(hotspot_labels[i]);
		}
		for (size_t i = 0; i < n; i++) out->count[map_classes_index(out, values[i])]++;
		return;
	}
	if (n == 0 && method != MAP_CLASSES_BREAKS) return;
	double *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	memcpy(sorted, values, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, compare_doubles);
	int integers = 1;
	for (size_t i = 0; i < n; i++)
		if (sorted[i] != floor(sorted[i])) integers = 0;
	double min = n ? sorted[0] : 0, max = n ? sorted[n - 1] : 0;

	if (k < 1) k = 1;
	if (k > MAP_MAX_CLASSES) k = MAP_MAX_CLASSES;
	double lower[MAP_MAX_CLASSES];
	size_t count = 1;
	lower[0] = -INFINITY;
	if (method == MAP_CLASSES_BREAKS) {
		if (nbreaks > MAP_MAX_CLASSES - 1) fatal("map: at most %d class breaks", MAP_MAX_CLASSES - 1);
		for (size_t i = 0; i < nbreaks; i++) {
			if (i && !(breaks[i] > breaks[i - 1])) fatal("map: class breaks must ascend");
			lower[count++] = breaks[i];
		}
	} else {
		for (size_t j = 1; j < k; j++) {
			double b = method == MAP_CLASSES_QUANTILE ? sorted[j * n / k]
			         : min + (double)j * (max - min) / (double)k;
			if (integers) b = ceil(b);
			if (b > min && b > lower[count - 1] && b <= max) lower[count++] = b;
		}
	}
	out->n = count;
	memcpy(out->lower, lower, count * sizeof *lower);
	for (size_t i = 0; i < count; i++)
		out->colour[i] = palette_ramp(ramp, count > 1 ? (double)i / (double)(count - 1) : 0.6);
	for (size_t i = 0; i < n; i++) out->count[map_classes_index(out, sorted[i])]++;

	for (size_t i = 0; i < count; i++) {
		struct buf b = BUF_INIT;
		int last = i + 1 == count;
		if (method == MAP_CLASSES_BREAKS) {
			if (count == 1) buf_puts(&b, "all values");
			else if (i == 0 && integers && min >= 0 && lower[1] == 1) buf_puts(&b, "0");  /* counts: "under 1" is 0 */
			else if (i == 0) { buf_puts(&b, "under "); number_format(&b, lower[1], style); }
			else if (last) { number_format(&b, lower[i], style); buf_puts(&b, " or more"); }
			else if (integers && lower[i] == floor(lower[i]) && lower[i + 1] == floor(lower[i + 1]))
				put_range(&b, style, lower[i], lower[i + 1] - 1, " to ");
			else put_range(&b, style, lower[i], lower[i + 1], " to under ");
		} else {
			double lo = i == 0 ? min : lower[i];
			double hi = last ? max : integers ? lower[i + 1] - 1 : lower[i + 1];
			if (integers && lo == hi) number_format(&b, lo, style);
			else put_range(&b, style, lo, hi, last || integers ? " to " : " to under ");
		}
		out->label[i] = buf_detach(&b);
	}
	free(sorted);
}

void map_classes_clear(struct map_classes *c)
{
	for (size_t i = 0; i < c->n; i++) free(c->label[i]);
	memset(c, 0, sizeof *c);
}

size_t map_classes_index(const struct map_classes *c, double v)
{
	size_t i = 0;
	while (i + 1 < c->n && c->lower[i + 1] <= v) i++;
	return i;
}

void map_area_classes(const struct map *m, struct map_classes *out)
{
	double *values = xmalloc((m->area_count ? m->area_count : 1) * sizeof *values);
	size_t n = 0;
	for (size_t i = 0; i < m->area_count; i++)
		if (m->areas[i].state == MAP_AREA_VALUE) values[n++] = m->areas[i].value;
	map_classes_build(out, values, n, m->method, m->class_count, m->breaks, m->break_count,
	                  PALETTE_RAMP_BLUES, &m->number);
	free(values);
}

void map_grid_classes(const struct map *m, struct map_classes *out)
{
	const struct map_grid *g = &m->grid;
	size_t cells = g->cols * g->rows, n = 0;
	double *values = xmalloc((cells ? cells : 1) * sizeof *values);
	double max = 0;
	for (size_t i = 0; i < cells; i++) {
		double v = g->values[i];
		if (!isfinite(v)) continue;
		if (g->style == MAP_GRID_DENSITY && v <= 0) continue; /* zero density stays clear */
		values[n++] = v;
		if (fabs(v) > max) max = fabs(v);
	}
	if (g->style == MAP_GRID_HOTSPOT) {
		map_classes_build(out, values, n, MAP_CLASSES_HOTSPOT, 7, NULL, 0, PALETTE_RAMP_DIVERGING, NULL);
	} else if (g->style == MAP_GRID_ZSCORE) {
		static const double z[6] = {-2.58, -1.96, -1.65, 1.65, 1.96, 2.58};
		struct number_style st = {2, NULL, NULL, 0};
		map_classes_build(out, values, n, MAP_CLASSES_BREAKS, 7, z, 6, PALETTE_RAMP_DIVERGING, &st);
	} else {
		struct number_style st = g->number;
		/* densities are often small fractions: print three significant digits of the largest */
		if (st.decimals == 0 && max > 0 && max < 100) {
			int d = 2 - (int)floor(log10(max));
			st.decimals = d < 0 ? 0 : d > 6 ? 6 : d;
		}
		int whole = 1;
		for (size_t i = 0; i < n; i++) if (values[i] != floor(values[i])) whole = 0;
		if (whole) st.decimals = g->number.decimals;
		map_classes_build(out, values, n, MAP_CLASSES_QUANTILE, g->classes ? g->classes : 5, NULL, 0,
		                  PALETTE_RAMP_DENSITY, &st);
	}
	free(values);
}
