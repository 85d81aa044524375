/* The chart model: categories, series and their values, with setters that copy and clean
 * every string; plus the 1-2-5 tick rule and the accessible description. Layout is in
 * chart_layout.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/chart_internal.h"
#include "report/report_text.h"
#include "util/xalloc.h"

static void replace(char **field, const char *s)
{
	free(*field);
	*field = report_text_clean(s);
}

struct chart *chart_new(enum chart_kind kind, const char *title)
{
	struct chart *c = xcalloc(1, sizeof *c);
	c->kind = kind;
	c->orientation = CHART_VERTICAL;
	replace(&c->title, title);
	replace(&c->category_axis, NULL);
	replace(&c->value_axis, NULL);
	replace(&c->summary, NULL);
	replace(&c->suppressed_label, "fewer than 5");
	c->width = 640;
	c->height = 360;
	c->draw_title = 1;
	return c;
}

void chart_free(struct chart *c)
{
	if (!c) return;
	free(c->title);
	free(c->category_axis);
	free(c->value_axis);
	free(c->summary);
	free(c->suppressed_label);
	free(c->number_prefix);
	free(c->number_suffix);
	for (size_t k = 0; k < c->category_count; k++) free(c->categories[k]);
	free(c->categories);
	for (size_t s = 0; s < c->series_count; s++) {
		free(c->series[s].name);
		for (size_t k = 0; k < c->category_count; k++) free(c->series[s].cells[k].label);
		free(c->series[s].cells);
	}
	free(c->series);
	free(c);
}

void chart_set_orientation(struct chart *c, enum chart_orientation o)
{
	c->orientation = o;
}

void chart_set_axis_labels(struct chart *c, const char *category_axis, const char *value_axis)
{
	replace(&c->category_axis, category_axis);
	replace(&c->value_axis, value_axis);
}

void chart_set_summary(struct chart *c, const char *summary)
{
	replace(&c->summary, summary);
}

void chart_set_size(struct chart *c, double width, double height)
{
	if (!(width >= 200 && width <= 4000) || !(height == 0 || (height >= 120 && height <= 4000)))
		fatal("chart_set_size: %g x %g is not a sensible chart size", width, height);
	c->width = width;
	c->height = height;
	c->height_set = 1;
}

void chart_set_number_style(struct chart *c, const struct number_style *style)
{
	c->number = *style;
	replace(&c->number_prefix, style->prefix);
	replace(&c->number_suffix, style->suffix);
	c->number.prefix = c->number_prefix;
	c->number.suffix = c->number_suffix;
}

void chart_set_show_values(struct chart *c, int on)
{
	c->show_values = on;
	c->show_values_set = 1;
}

void chart_set_draw_title(struct chart *c, int on)
{
	c->draw_title = on;
}

void chart_set_suppressed_label(struct chart *c, const char *label)
{
	replace(&c->suppressed_label, label);
}

size_t chart_new_category(struct chart *c, const char *label)
{
	if (c->category_count == c->category_cap) {
		size_t cap = c->category_cap ? c->category_cap * 2 : 16;
		c->categories = xrealloc(c->categories, cap * sizeof *c->categories);
		for (size_t s = 0; s < c->series_count; s++) {
			c->series[s].cells = xrealloc(c->series[s].cells, cap * sizeof(struct chart_cell));
			memset(c->series[s].cells + c->category_cap, 0, (cap - c->category_cap) * sizeof(struct chart_cell));
		}
		c->category_cap = cap;
	}
	c->categories[c->category_count] = report_text_clean(label);
	return c->category_count++;
}

size_t chart_new_series(struct chart *c, const char *name)
{
	c->series = xrealloc(c->series, (c->series_count + 1) * sizeof *c->series);
	struct chart_series *s = &c->series[c->series_count];
	s->name = report_text_clean(name);
	s->cells = xcalloc(c->category_cap ? c->category_cap : 1, sizeof(struct chart_cell));
	return c->series_count++;
}

static struct chart_cell *cell(struct chart *c, size_t series, size_t category)
{
	if (series >= c->series_count || category >= c->category_count)
		fatal("chart: no value (%zu, %zu) in a chart of %zu series x %zu categories",
		      series, category, c->series_count, c->category_count);
	return &c->series[series].cells[category];
}

void chart_set_value(struct chart *c, size_t series, size_t category, double value)
{
	struct chart_cell *x = cell(c, series, category);
	if (!isfinite(value)) fatal("chart_set_value: value is not finite");
	x->state = CHART_CELL_VALUE;
	x->value = value;
	free(x->label);
	x->label = NULL;
}

void chart_set_suppressed(struct chart *c, size_t series, size_t category, const char *label)
{
	struct chart_cell *x = cell(c, series, category);
	x->state = CHART_CELL_SUPPRESSED;
	x->value = 0;
	free(x->label);
	x->label = label ? report_text_clean(label) : NULL;
}

const char *chart_cell_label(const struct chart *c, const struct chart_cell *x)
{
	return x->label ? x->label : c->suppressed_label;
}

char *chart_value_text(const struct chart *c, size_t s, size_t k)
{
	const struct chart_cell *x = &c->series[s].cells[k];
	if (x->state == CHART_CELL_SUPPRESSED) return xstrdup(chart_cell_label(c, x));
	if (x->state == CHART_CELL_MISSING) return xstrdup("no data");
	return number_format_string(x->value, &c->number);
}

/* Is X a whole multiple of STEP, allowing for floating-point error? */
static double snap(double x)
{
	double r = round(x);
	return fabs(x - r) < 1e-9 * (fabs(x) > 1 ? fabs(x) : 1) ? r : x;
}

void chart_nice_ticks(double lo, double hi, size_t target, int integers, struct chart_ticks *out)
{
	if (!isfinite(lo) || !isfinite(hi)) lo = hi = 0;
	if (hi < lo) { double t = lo; lo = hi; hi = t; }
	if (target < 1) target = 1;
	if (hi == lo) {
		if (hi > 0) lo = 0;
		else if (lo < 0) hi = 0;
		else hi = 1;
	}
	/* Of the 1-2-5 steps around the raw step, the one whose interval count is nearest the
	 * target (ties: the finer one). */
	double raw = (hi - lo) / (double)target;
	double mag = pow(10, floor(log10(raw)));
	static const double factors[] = {1, 2, 5, 10};
	double step = 0, first = 0, last = 0, best = INFINITY;
	for (size_t i = 0; i < sizeof factors / sizeof *factors; i++) {
		double s = factors[i] * mag;
		if (integers && s < 1) continue;
		double a = floor(snap(lo / s)), b = ceil(snap(hi / s));
		double miss = fabs((b - a) - (double)target);
		if (miss < best) { best = miss; step = s; first = a; last = b; }
	}
	if (step == 0) { step = 1; first = floor(lo); last = ceil(hi); }
	out->step = step;
	out->min = first * step;
	out->max = last * step;
	out->count = (size_t)llround(last - first) + 1;
	out->decimals = 0;
	if (step < 1) {
		double d = -log10(step);
		out->decimals = (int)ceil(d - 1e-9);
	}
}

static const char *kind_name(const struct chart *c)
{
	switch (c->kind) {
	case CHART_LINE: return "Line chart";
	case CHART_GROUPED_BAR: return "Grouped bar chart";
	case CHART_STACKED_BAR: return "Stacked bar chart";
	default: return "Bar chart";
	}
}

char *chart_describe(const struct chart *c)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s", kind_name(c));
	if (*c->title) buf_printf(&b, ": %s", c->title);
	buf_puts(&b, ". ");
	if (*c->summary) buf_printf(&b, "%s ", c->summary);
	if (*c->value_axis || *c->category_axis) {
		buf_printf(&b, "%s", *c->value_axis ? c->value_axis : "Values");
		if (*c->category_axis) buf_printf(&b, " by %s", c->category_axis);
		buf_puts(&b, ". ");
	}
	if (c->category_count == 0 || c->series_count == 0) {
		buf_puts(&b, "There is no data.");
		return buf_detach(&b);
	}
	for (size_t s = 0; s < c->series_count; s++) {
		if (c->series_count > 1 || *c->series[s].name)
			buf_printf(&b, "%s \xE2\x80\x94 ", *c->series[s].name ? c->series[s].name : "Series");
		for (size_t k = 0; k < c->category_count; k++) {
			char *v = chart_value_text(c, s, k);
			buf_printf(&b, "%s: %s%s", c->categories[k], v, k + 1 < c->category_count ? "; " : ". ");
			free(v);
		}
	}
	while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = 0;
	return buf_detach(&b);
}
