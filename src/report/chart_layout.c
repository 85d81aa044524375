/* The chart layout pass: turns a chart into a scene of rectangles, lines and anchored text.
 * Every decision that depends on text size (margins for tick labels, flat, wrapped or
 * rotated category labels, whether value labels fit on the bars) is taken here from Pango
 * measurements, once, for every output format. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/chart_internal.h"
#include "report/palette.h"
#include "report/report_text.h"
#include "util/xalloc.h"

#define PAD 12.0
#define TITLE_SIZE 16.0
#define TITLE_LINE 20.0
#define LABEL_SIZE 12.0
#define AXIS_SIZE 13.0
#define LINE_HEIGHT 14.0
#define ROTATED_SIN 0.70710678

struct box { double left, top, right, bottom; };

/* What the whole layout needs to know about the chart's values. */
struct extent {
	double lo, hi;          /* value range drawn, zero included */
	int integers;           /* every value is whole */
	int any_value, any_suppressed;
	size_t series_drawn;    /* bars side by side (1 for stacked and single bars) */
};

static int is_bars(const struct chart *c)
{
	return c->kind != CHART_LINE;
}

static int horizontal(const struct chart *c)
{
	return is_bars(c) && c->orientation == CHART_HORIZONTAL;
}

static int show_values(const struct chart *c)
{
	return c->show_values_set ? c->show_values : is_bars(c);
}

static struct extent measure_extent(const struct chart *c)
{
	struct extent e = {0, 0, 1, 0, 0, 1};
	if (c->kind == CHART_GROUPED_BAR || (c->kind == CHART_BAR && c->series_count > 1))
		e.series_drawn = c->series_count;
	for (size_t k = 0; k < c->category_count; k++) {
		double pos = 0, neg = 0;
		for (size_t s = 0; s < c->series_count; s++) {
			const struct chart_cell *x = &c->series[s].cells[k];
			if (x->state == CHART_CELL_SUPPRESSED) e.any_suppressed = 1;
			if (x->state != CHART_CELL_VALUE) continue;
			e.any_value = 1;
			if (x->value != floor(x->value)) e.integers = 0;
			if (c->kind == CHART_STACKED_BAR) {
				if (x->value >= 0) pos += x->value;
				else neg += x->value;
			} else {
				if (x->value > e.hi) e.hi = x->value;
				if (x->value < e.lo) e.lo = x->value;
			}
		}
		if (pos > e.hi) e.hi = pos;
		if (neg < e.lo) e.lo = neg;
	}
	return e;
}

static struct scene_item *label(struct scene *sc, const char *s, double x, double y, double size,
                                enum scene_anchor anchor, uint32_t colour)
{
	return scene_text(sc, s, x, y, size, anchor, colour);
}

/* Title lines (wrapped, at most two); returns the height used. SC NULL only measures. */
static double put_title(struct scene *sc, const struct chart *c, double width)
{
	if (!c->draw_title || !*c->title) return 0;
	char **lines;
	size_t n = report_text_wrap(c->title, TITLE_SIZE, 1, width - 2 * PAD, 2, &lines);
	for (size_t i = 0; sc && i < n; i++)
		label(sc, lines[i], PAD, PAD + TITLE_SIZE * 0.8 + (double)i * TITLE_LINE, TITLE_SIZE,
		      SCENE_ANCHOR_START, PALETTE_TEXT)->u.text.bold = 1;
	report_text_lines_free(lines, n);
	return (double)n * TITLE_LINE + 6;
}

static void series_line_style(struct scene_style *st, size_t s)
{
	*st = scene_stroke(palette_series(s), 2.5);
	/* solid, dashed, dotted: series stay apart without colour */
	if (s % 3 == 1) { st->dash[0] = 7; st->dash[1] = 4; }
	if (s % 3 == 2) { st->dash[0] = 1; st->dash[1] = 5; }
}

/* The legend (only when there are several series), flowing in rows from Y. Returns the
 * height used. SC NULL only measures. */
static double put_legend(struct scene *sc, const struct chart *c, double y, double width)
{
	if (c->series_count < 2) return 0;
	double x = PAD, row = 0, key = c->kind == CHART_LINE ? 24 : 12;
	for (size_t s = 0; s < c->series_count; s++) {
		const char *name = c->series[s].name;
		double w = key + 6 + report_text_width(name, LABEL_SIZE, 0);
		if (x > PAD && x + w > width - PAD) { x = PAD; row++; }
		double cy = y + row * 20 + 8;
		if (sc) {
			if (c->kind == CHART_LINE) {
				struct scene_style st;
				series_line_style(&st, s);
				scene_line(sc, x, cy, x + key, cy, st);
				scene_circle(sc, x + key / 2, cy, 3.5, scene_fill(palette_series(s)));
			} else {
				scene_rect(sc, x, cy - 6, 12, 12, scene_fill(palette_series(s)));
			}
			label(sc, name, x + key + 6, cy + LABEL_SIZE * REPORT_CAP_HEIGHT / 2, LABEL_SIZE,
			      SCENE_ANCHOR_START, PALETTE_TEXT);
		}
		x += w + 18;
	}
	return (row + 1) * 20 + 6;
}

/* The note under a chart whose suppressed values are not drawn (lines and stacks). */
static char *note_text(const struct chart *c, const struct extent *e)
{
	if (!e->any_suppressed || !(c->kind == CHART_LINE || c->kind == CHART_STACKED_BAR)) return NULL;
	struct buf b = BUF_INIT;
	if (c->kind == CHART_LINE)
		buf_printf(&b, "A gap in a line is a value not shown (\xE2\x80\x9C%s\xE2\x80\x9D or suppressed).", c->suppressed_label);
	else
		buf_printf(&b, "Values shown as \xE2\x80\x9C%s\xE2\x80\x9D or suppressed are left out of the bars.", c->suppressed_label);
	return buf_detach(&b);
}

static char *tick_text(const struct chart *c, const struct chart_ticks *t, size_t i)
{
	struct number_style st = c->number;
	st.decimals = t->decimals;
	return number_format_string(t->min + (double)i * t->step, &st);
}

static double widest_tick(const struct chart *c, const struct chart_ticks *t)
{
	double w = 0;
	for (size_t i = 0; i < t->count; i++) {
		char *s = tick_text(c, t, i);
		double x = report_text_width(s, LABEL_SIZE, 0);
		if (x > w) w = x;
		free(s);
	}
	return w;
}

/* Widest printed value (or suppressed label when WITH_SUPPRESSED) at SIZE. */
static double widest_value(const struct chart *c, double size, int with_suppressed)
{
	double w = 0;
	for (size_t s = 0; s < c->series_count; s++)
		for (size_t k = 0; k < c->category_count; k++) {
			const struct chart_cell *x = &c->series[s].cells[k];
			if (x->state == CHART_CELL_MISSING || (x->state == CHART_CELL_SUPPRESSED && !with_suppressed)) continue;
			char *t = chart_value_text(c, s, k);
			double tw = report_text_width(t, size, 0);
			if (tw > w) w = tw;
			free(t);
		}
	if (c->kind == CHART_STACKED_BAR) {
		/* stack totals are printed too */
		for (size_t k = 0; k < c->category_count; k++) {
			double sum = 0;
			for (size_t s = 0; s < c->series_count; s++) sum += c->series[s].cells[k].value;
			char *t = number_format_string(sum, &c->number);
			double tw = report_text_width(t, size, 0);
			if (tw > w) w = tw;
			free(t);
		}
	}
	return w;
}

/* The bar geometry inside one category band: where series S's bar starts and how thick. */
struct bars { double group, slot, thickness; };

static struct bars bar_geometry(const struct extent *e, double band)
{
	struct bars b;
	size_t n = e->series_drawn;
	b.group = band * (n == 1 ? 0.62 : 0.8);
	if (b.group > (double)n * 56) b.group = (double)n * 56;
	b.slot = b.group / (double)n;
	b.thickness = n > 1 ? b.slot - (b.slot > 6 ? 2 : 0) : b.slot;
	return b;
}

/* Total of the values in category K when none is suppressed or missing; else NAN. */
static double stack_total(const struct chart *c, size_t k)
{
	double sum = 0;
	for (size_t s = 0; s < c->series_count; s++) {
		if (c->series[s].cells[k].state != CHART_CELL_VALUE) return NAN;
		sum += c->series[s].cells[k].value;
	}
	return sum;
}

/* Bars for both orientations. POS maps a value to the value axis; BAND_START(k) is the
 * category band's start on the other axis. */
struct bar_frame {
	struct box plot;
	double band;
	int across;               /* horizontal bars */
	struct chart_ticks ticks;
	double value_size;        /* font size of value labels, 0 for none */
};

static double value_pos(const struct bar_frame *f, double v)
{
	double t = (v - f->ticks.min) / (f->ticks.max - f->ticks.min);
	return f->across ? f->plot.left + t * (f->plot.right - f->plot.left)
	                 : f->plot.bottom - t * (f->plot.bottom - f->plot.top);
}

/* A bar from value A to value B, from offset O across the band for thickness T. */
static void bar_rect(struct scene *sc, const struct bar_frame *f, size_t k, double o, double t,
                     double a, double b, uint32_t colour)
{
	double band0 = (f->across ? f->plot.top : f->plot.left) + (double)k * f->band;
	double p = value_pos(f, a), q = value_pos(f, b);
	if (f->across) scene_rect(sc, p, band0 + o, q - p, t, scene_fill(colour));
	else scene_rect(sc, band0 + o, q, t, p - q, scene_fill(colour));
}

/* Text at the end of a bar ending at value V, centred across on offset MID of band K. */
static void bar_end_text(struct scene *sc, const struct bar_frame *f, size_t k, double mid,
                         double v, const char *s, double size)
{
	double band0 = (f->across ? f->plot.top : f->plot.left) + (double)k * f->band;
	double p = value_pos(f, v);
	if (f->across) {
		double y = band0 + mid + size * REPORT_CAP_HEIGHT / 2;
		if (v >= 0) label(sc, s, p + 4, y, size, SCENE_ANCHOR_START, PALETTE_TEXT);
		else label(sc, s, p - 4, y, size, SCENE_ANCHOR_END, PALETTE_TEXT);
	} else {
		if (v >= 0) label(sc, s, band0 + mid, p - 4, size, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
		else label(sc, s, band0 + mid, p + 4 + size * REPORT_CAP_HEIGHT, size, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
	}
}

/* The label of a suppressed value, written from the zero line where its bar would be:
 * along a horizontal bar, or upwards in a vertical one. */
static void suppressed_text(struct scene *sc, const struct bar_frame *f, size_t k, double mid,
                            double thickness, const char *s)
{
	double band0 = (f->across ? f->plot.top : f->plot.left) + (double)k * f->band;
	double size = thickness * 0.9 < LABEL_SIZE ? thickness * 0.9 : LABEL_SIZE;
	if (size < 7) size = 7;
	double z = value_pos(f, 0);
	struct scene_item *it;
	if (f->across) {
		it = label(sc, s, z + 4, band0 + mid + size * REPORT_CAP_HEIGHT / 2, size, SCENE_ANCHOR_START, PALETTE_SECONDARY);
	} else {
		it = label(sc, s, band0 + mid + size * REPORT_CAP_HEIGHT / 2, z - 4, size, SCENE_ANCHOR_START, PALETTE_SECONDARY);
		it->u.text.rotate = -90;
	}
	it->u.text.italic = 1;
}

static void draw_bars(struct scene *sc, const struct chart *c, const struct extent *e, const struct bar_frame *f)
{
	struct bars g = bar_geometry(e, f->band);
	double offset0 = (f->band - g.group) / 2;
	for (size_t k = 0; k < c->category_count; k++) {
		if (c->kind == CHART_STACKED_BAR) {
			double pos = 0, neg = 0, mid = f->band / 2;
			for (size_t s = 0; s < c->series_count; s++) {
				const struct chart_cell *x = &c->series[s].cells[k];
				if (x->state != CHART_CELL_VALUE || x->value == 0) continue;
				double a = x->value >= 0 ? pos : neg, b = a + x->value;
				uint32_t colour = palette_series(s);
				bar_rect(sc, f, k, offset0, g.thickness, a, b, colour);
				if (x->value >= 0) pos = b; else neg = b;
				if (!f->value_size) continue;
				/* the segment's value inside it, when it fits */
				char *t = chart_value_text(c, s, k);
				double tw = report_text_width(t, f->value_size, 0);
				double length = fabs(value_pos(f, b) - value_pos(f, a));
				double room_along = f->across ? length : g.thickness;
				double room_across = f->across ? g.thickness : length;
				if (tw + 6 <= room_along && f->value_size + 4 <= room_across &&
				    palette_contrast(colour, palette_text_on(colour)) >= 4.5) {
					double m = value_pos(f, (a + b) / 2);
					double band0 = (f->across ? f->plot.top : f->plot.left) + (double)k * f->band;
					if (f->across)
						label(sc, t, m, band0 + mid + f->value_size * REPORT_CAP_HEIGHT / 2, f->value_size,
						      SCENE_ANCHOR_MIDDLE, palette_text_on(colour));
					else
						label(sc, t, band0 + mid, m + f->value_size * REPORT_CAP_HEIGHT / 2, f->value_size,
						      SCENE_ANCHOR_MIDDLE, palette_text_on(colour));
				}
				free(t);
			}
			double total = stack_total(c, k);
			if (f->value_size && !isnan(total)) {
				char *t = number_format_string(total, &c->number);
				bar_end_text(sc, f, k, mid, total >= 0 ? pos : neg, t, f->value_size);
				free(t);
			}
			continue;
		}
		for (size_t s = 0; s < e->series_drawn; s++) {
			const struct chart_cell *x = &c->series[s].cells[k];
			double o = offset0 + (double)s * g.slot + (g.slot - g.thickness) / 2;
			double mid = o + g.thickness / 2;
			if (x->state == CHART_CELL_SUPPRESSED) {
				suppressed_text(sc, f, k, mid, g.thickness, chart_cell_label(c, x));
				continue;
			}
			if (x->state != CHART_CELL_VALUE) continue;
			if (x->value != 0) bar_rect(sc, f, k, o, g.thickness, 0, x->value, palette_series(s));
			if (f->value_size) {
				char *t = chart_value_text(c, s, k);
				bar_end_text(sc, f, k, mid, x->value, t, f->value_size);
				free(t);
			}
		}
	}
}

/* How category labels under vertical bars or points are set. */
enum label_mode { LABELS_FLAT, LABELS_WRAPPED, LABELS_ROTATED };

struct category_labels {
	enum label_mode mode;
	double height;   /* space they take under the plot */
	double length;   /* rotated: longest label, capped */
	size_t every;    /* label every Nth category (rotated and crowded) */
};

static int words_fit(const char *s, double width)
{
	char *copy = xstrdup(s);
	int ok = 1;
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w && ok; w = strtok_r(NULL, " ", &save))
		if (report_text_width(w, LABEL_SIZE, 0) > width) ok = 0;
	free(copy);
	return ok;
}

static struct category_labels plan_category_labels(const struct chart *c, double band, double max_height)
{
	struct category_labels l = {LABELS_FLAT, LINE_HEIGHT + 6, 0, 1};
	double widest = 0;
	int wraps = 1;
	size_t most_lines = 1;
	for (size_t k = 0; k < c->category_count; k++) {
		double w = report_text_width(c->categories[k], LABEL_SIZE, 0);
		if (w > widest) widest = w;
		if (wraps && w > band - 6) {
			char **lines;
			size_t n = report_text_wrap(c->categories[k], LABEL_SIZE, 0, band - 6, 4, &lines);
			report_text_lines_free(lines, n);
			if (n > 3 || !words_fit(c->categories[k], band - 6)) wraps = 0;
			if (n > most_lines) most_lines = n;
		}
	}
	if (widest <= band - 6) return l;
	if (wraps) {
		l.mode = LABELS_WRAPPED;
		l.height = (double)most_lines * LINE_HEIGHT + 6;
		return l;
	}
	l.mode = LABELS_ROTATED;
	l.length = widest;
	double cap = max_height / ROTATED_SIN;
	if (l.length > cap) l.length = cap;
	l.height = l.length * ROTATED_SIN + LABEL_SIZE * ROTATED_SIN + 8;
	double needed = LABEL_SIZE * 1.25 / ROTATED_SIN;
	l.every = (size_t)ceil(needed / band);
	if (l.every < 1) l.every = 1;
	return l;
}

static void put_category_labels(struct scene *sc, const struct chart *c, const struct category_labels *l,
                                double left, double band, double top)
{
	for (size_t k = 0; k < c->category_count; k += l->every) {
		double x = left + ((double)k + 0.5) * band;
		const char *s = c->categories[k];
		if (l->mode == LABELS_FLAT) {
			label(sc, s, x, top + LABEL_SIZE + 4, LABEL_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
		} else if (l->mode == LABELS_WRAPPED) {
			char **lines;
			size_t n = report_text_wrap(s, LABEL_SIZE, 0, band - 6, 3, &lines);
			for (size_t i = 0; i < n; i++)
				label(sc, lines[i], x, top + LABEL_SIZE + 4 + (double)i * LINE_HEIGHT, LABEL_SIZE,
				      SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
			report_text_lines_free(lines, n);
		} else {
			char **lines;
			size_t n = report_text_wrap(s, LABEL_SIZE, 0, l->length + 0.5, 1, &lines);
			struct scene_item *it = label(sc, lines[0], x + LABEL_SIZE * 0.3, top + 6, LABEL_SIZE,
			                              SCENE_ANCHOR_END, PALETTE_TEXT);
			it->u.text.rotate = -45;
			report_text_lines_free(lines, n);
		}
	}
}

static size_t tick_target(double length, double spacing)
{
	double t = length / spacing;
	return t < 2 ? 2 : t > 8 ? 8 : (size_t)t;
}

/* Vertical bars and lines: value axis on the left, categories along the bottom. */
static void layout_upright(struct scene *sc, const struct chart *c, const struct extent *e, struct box area)
{
	struct bar_frame f = {{0, 0, 0, 0}, 0, 0, {0, 0, 1, 2, 0}, 0};
	double top = area.top + (show_values(c) ? LABEL_SIZE + 6 : 10);
	double bottom_titles = *c->category_axis ? AXIS_SIZE + 8 : 0;
	chart_nice_ticks(e->lo, e->hi, tick_target(area.bottom - top - 40, 50), e->integers, &f.ticks);
	double left = area.left + (*c->value_axis ? AXIS_SIZE + 8 : 0) + widest_tick(c, &f.ticks) + 8;
	double right = area.right - 4;
	struct category_labels l = {LABELS_FLAT, 0, 0, 1};
	for (int pass = 0; pass < 2; pass++) {
		f.band = (right - left) / (double)c->category_count;
		l = plan_category_labels(c, f.band, (area.bottom - area.top) * 0.3);
		if (l.mode != LABELS_ROTATED) break;
		/* the first rotated label reaches left of its category: make room */
		double reach = left + f.band / 2 - l.length * ROTATED_SIN;
		if (reach >= area.left) break;
		left += area.left - reach;
	}
	f.plot = (struct box){left, top, right, area.bottom - bottom_titles - l.height};

	if (show_values(c)) {
		struct bars g = bar_geometry(e, f.band);
		double room = c->kind == CHART_LINE ? f.band - 2 : (e->series_drawn > 1 ? g.slot + 1 : f.band - 4);
		for (double size = LABEL_SIZE; size >= 10; size -= 2)
			if (widest_value(c, size, 0) <= room) { f.value_size = size; break; }
	}

	/* gridlines and tick labels */
	for (size_t i = 0; i < f.ticks.count; i++) {
		double v = f.ticks.min + (double)i * f.ticks.step, y = value_pos(&f, v);
		if (v != 0) scene_line(sc, f.plot.left, y, f.plot.right, y, scene_stroke(PALETTE_GRID, 1));
		char *t = tick_text(c, &f.ticks, i);
		label(sc, t, f.plot.left - 8, y + LABEL_SIZE * REPORT_CAP_HEIGHT / 2, LABEL_SIZE, SCENE_ANCHOR_END, PALETTE_TEXT);
		free(t);
	}
	if (*c->value_axis)
		label(sc, c->value_axis, area.left + AXIS_SIZE, (f.plot.top + f.plot.bottom) / 2, AXIS_SIZE,
		      SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.rotate = -90;
	if (*c->category_axis)
		label(sc, c->category_axis, (f.plot.left + f.plot.right) / 2, area.bottom - 3, AXIS_SIZE,
		      SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
	put_category_labels(sc, c, &l, f.plot.left, f.band, f.plot.bottom);

	if (c->kind == CHART_LINE) {
		double *xy = xmalloc(2 * c->category_count * sizeof(double));
		for (size_t s = 0; s < c->series_count; s++) {
			struct scene_style st;
			series_line_style(&st, s);
			size_t n = 0;
			for (size_t k = 0; k <= c->category_count; k++) {
				const struct chart_cell *x = k < c->category_count ? &c->series[s].cells[k] : NULL;
				if (x && x->state == CHART_CELL_VALUE) {
					xy[2 * n] = f.plot.left + ((double)k + 0.5) * f.band;
					xy[2 * n + 1] = value_pos(&f, x->value);
					n++;
					continue;
				}
				scene_polyline(sc, xy, n, st);
				n = 0;
			}
		}
		for (size_t s = 0; s < c->series_count; s++)
			for (size_t k = 0; k < c->category_count; k++) {
				const struct chart_cell *x = &c->series[s].cells[k];
				if (x->state != CHART_CELL_VALUE) continue;
				double px = f.plot.left + ((double)k + 0.5) * f.band, py = value_pos(&f, x->value);
				struct scene_style st = scene_fill(palette_series(s));
				st.stroke = PALETTE_WHITE;
				st.stroke_width = 1;
				scene_circle(sc, px, py, 3.5, st);
				if (f.value_size) {
					char *t = chart_value_text(c, s, k);
					label(sc, t, px, py - 7, f.value_size, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
					free(t);
				}
			}
		free(xy);
	} else {
		draw_bars(sc, c, e, &f);
	}
	double z = value_pos(&f, f.ticks.min > 0 ? f.ticks.min : f.ticks.max < 0 ? f.ticks.max : 0);
	scene_line(sc, f.plot.left, z, f.plot.right, z, scene_stroke(PALETTE_TEXT, 1));
}

/* Horizontal bars: categories down the left, value axis along the bottom. With AUTO the
 * band height comes from the labels and the scene is as tall as needed; the height the
 * plot needs is returned when SC is NULL. */
struct across_plan {
	double label_width;   /* category label column */
	double band;
	size_t max_lines;
};

static struct across_plan plan_across(const struct chart *c, const struct extent *e, double width)
{
	struct across_plan p = {0, 0, 1};
	double cap = width * 0.38;
	for (size_t k = 0; k < c->category_count; k++) {
		double w = report_text_width(c->categories[k], LABEL_SIZE, 0);
		if (w > cap) {
			char **lines;
			size_t n = report_text_wrap(c->categories[k], LABEL_SIZE, 0, cap, 3, &lines);
			for (size_t i = 0; i < n; i++) {
				double lw = report_text_width(lines[i], LABEL_SIZE, 0);
				if (lw > p.label_width) p.label_width = lw;
			}
			if (n > p.max_lines) p.max_lines = n;
			report_text_lines_free(lines, n);
		} else if (w > p.label_width) {
			p.label_width = w;
		}
	}
	double per_series = e->series_drawn > 1 ? 15 : 0;
	p.band = (double)p.max_lines * LINE_HEIGHT + 12;
	if (p.band < 30) p.band = 30;
	if (p.band < (double)e->series_drawn * per_series / 0.8 + 6) p.band = (double)e->series_drawn * per_series / 0.8 + 6;
	return p;
}

static double across_bottom_space(const struct chart *c)
{
	return LABEL_SIZE + 10 + (*c->value_axis ? AXIS_SIZE + 10 : 0);
}

static void layout_across(struct scene *sc, const struct chart *c, const struct extent *e,
                          struct box area, const struct across_plan *p)
{
	struct bar_frame f = {{0, 0, 0, 0}, 0, 1, {0, 0, 1, 2, 0}, 0};
	double left = area.left + (*c->category_axis ? AXIS_SIZE + 8 : 0) + p->label_width + 10;
	if (show_values(c)) {
		struct bars g = bar_geometry(e, p->band);
		for (double size = LABEL_SIZE; size >= 10; size -= 2)
			if (size + 2 <= g.slot || size == 10) { f.value_size = size; break; }
	}
	double right = area.right - (f.value_size ? widest_value(c, f.value_size, 0) + 8 : 8);
	f.plot = (struct box){left, area.top + 4, right, area.bottom - across_bottom_space(c)};
	f.band = (f.plot.bottom - f.plot.top) / (double)c->category_count;

	/* as many ticks as fit side by side */
	for (size_t target = tick_target(right - left, 80); ; target--) {
		chart_nice_ticks(e->lo, e->hi, target, e->integers, &f.ticks);
		double spacing = (right - left) / (double)(f.ticks.count - 1);
		if (widest_tick(c, &f.ticks) + 12 <= spacing || target <= 1) break;
	}
	for (size_t i = 0; i < f.ticks.count; i++) {
		double v = f.ticks.min + (double)i * f.ticks.step, x = value_pos(&f, v);
		if (v != 0) scene_line(sc, x, f.plot.top, x, f.plot.bottom, scene_stroke(PALETTE_GRID, 1));
		char *t = tick_text(c, &f.ticks, i);
		label(sc, t, x, f.plot.bottom + LABEL_SIZE + 6, LABEL_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
		free(t);
	}
	if (*c->value_axis)
		label(sc, c->value_axis, (f.plot.left + f.plot.right) / 2, area.bottom - 3, AXIS_SIZE,
		      SCENE_ANCHOR_MIDDLE, PALETTE_TEXT);
	if (*c->category_axis)
		label(sc, c->category_axis, area.left + AXIS_SIZE, (f.plot.top + f.plot.bottom) / 2, AXIS_SIZE,
		      SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.rotate = -90;
	size_t fit_lines = (size_t)((f.band - 4) / LINE_HEIGHT);
	if (fit_lines < 1) fit_lines = 1;
	for (size_t k = 0; k < c->category_count; k++) {
		char **lines;
		size_t n = report_text_wrap(c->categories[k], LABEL_SIZE, 0, p->label_width + 0.5,
		                            fit_lines < 3 ? fit_lines : 3, &lines);
		double mid = f.plot.top + ((double)k + 0.5) * f.band;
		double y = mid - ((double)n - 1) * LINE_HEIGHT / 2 + LABEL_SIZE * REPORT_CAP_HEIGHT / 2;
		for (size_t i = 0; i < n; i++)
			label(sc, lines[i], f.plot.left - 8, y + (double)i * LINE_HEIGHT, LABEL_SIZE, SCENE_ANCHOR_END, PALETTE_TEXT);
		report_text_lines_free(lines, n);
	}
	draw_bars(sc, c, e, &f);
	double z = value_pos(&f, f.ticks.min > 0 ? f.ticks.min : f.ticks.max < 0 ? f.ticks.max : 0);
	scene_line(sc, z, f.plot.top, z, f.plot.bottom, scene_stroke(PALETTE_TEXT, 1));
}

struct scene *chart_layout_sized(const struct chart *c, double width, double height)
{
	if (!(width >= 200 && width <= 4000) || !(height == 0 || (height >= 120 && height <= 4000)))
		fatal("chart_layout_sized: %g x %g is not a sensible chart size", width, height);
	struct chart sized = *c;   /* same data, this size */
	sized.width = width;
	c = &sized;
	struct extent e = measure_extent(c);
	int empty = c->category_count == 0 || c->series_count == 0 || (!e.any_value && !e.any_suppressed);
	double header = PAD + put_title(NULL, c, c->width);
	header += put_legend(NULL, c, header, c->width);
	char *note = empty ? NULL : note_text(c, &e);
	char **note_lines = NULL;
	size_t note_n = 0;
	if (note) note_n = report_text_wrap(note, LABEL_SIZE, 0, c->width - 2 * PAD, 3, &note_lines);
	double footer = PAD + (double)note_n * LINE_HEIGHT + (note_n ? 6 : 0);

	struct across_plan plan = {0, 0, 1};
	int auto_height = horizontal(c) && height == 0;
	if (height == 0 && !horizontal(c)) height = width * 0.5625;
	if (!empty && horizontal(c)) {
		plan = plan_across(c, &e, c->width);
		if (auto_height)
			height = header + 4 + plan.band * (double)c->category_count + across_bottom_space(c) + footer;
	}
	if (empty && auto_height) height = header + 80 + footer;

	struct scene *sc = scene_new(c->width, height);
	char *desc = chart_describe(c);
	scene_set_text(sc, *c->title ? c->title : "Chart", desc);
	free(desc);
	put_title(sc, c, c->width);
	put_legend(sc, c, PAD + put_title(NULL, c, c->width), c->width);
	struct box area = {PAD, header, c->width - PAD, height - footer};
	if (empty) {
		label(sc, "No data to show", c->width / 2, (area.top + area.bottom) / 2, LABEL_SIZE + 2,
		      SCENE_ANCHOR_MIDDLE, PALETTE_SECONDARY);
	} else if (horizontal(c)) {
		layout_across(sc, c, &e, area, &plan);
	} else {
		layout_upright(sc, c, &e, area);
	}
	for (size_t i = 0; i < note_n; i++)
		label(sc, note_lines[i], PAD, height - footer + 6 + LABEL_SIZE + (double)i * LINE_HEIGHT, LABEL_SIZE,
		      SCENE_ANCHOR_START, PALETTE_SECONDARY);
	report_text_lines_free(note_lines, note_n);
	free(note);
	return sc;
}

struct scene *chart_layout(const struct chart *c)
{
	int auto_height = horizontal(c) && !c->height_set;
	return chart_layout_sized(c, c->width, auto_height ? 0 : c->height);
}

void chart_write_svg(const struct chart *c, struct buf *out, const char *id, int standalone)
{
	struct scene *sc = chart_layout(c);
	scene_write_svg(sc, out, id, standalone);
	scene_free(sc);
}

int chart_write_png(const struct chart *c, double scale, struct buf *out)
{
	struct scene *sc = chart_layout(c);
	int rc = scene_write_png(sc, scale, out);
	scene_free(sc);
	return rc;
}

int chart_write_pdf(const struct chart *c, struct buf *out)
{
	struct scene *sc = chart_layout(c);
	int rc = scene_write_pdf(sc, out);
	scene_free(sc);
	return rc;
}
