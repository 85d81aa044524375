/* A chart, independent of output: bars (vertical or horizontal; one series, grouped or
 * stacked) and lines (several series, e.g. monthly trends), with a title, axis labels,
 * category labels, a legend, 1-2-5 axis ticks and an accessible text description.
 * A value may be "suppressed" for disclosure control: it is shown as text ("fewer than 5")
 * instead of a bar, and never drawn to scale.
 *
 *   struct chart *c = chart_new(CHART_BAR, "Referrals by agency");
 *   size_t s = chart_new_series(c, "Referrals");
 *   size_t k = chart_new_category(c, "Police");
 *   chart_set_value(c, s, k, 42);
 *   chart_write_svg(c, &html, "referrals-by-agency", 0);
 *   chart_free(c);
 *
 * Rendering goes through chart_layout() (a scene of primitives) so SVG, PNG, PDF and the
 * charts in a pdf_document are drawn from the same layout. */
#ifndef NESTGUARD_CHART_H
#define NESTGUARD_CHART_H
#include <stddef.h>
#include "report/number_format.h"
#include "report/scene.h"
#include "util/buf.h"

enum chart_kind { CHART_BAR, CHART_GROUPED_BAR, CHART_STACKED_BAR, CHART_LINE };
enum chart_orientation { CHART_VERTICAL, CHART_HORIZONTAL };

struct chart;

/* TITLE may be NULL; all strings given to a chart are copied and cleaned. */
struct chart *chart_new(enum chart_kind kind, const char *title);
void chart_free(struct chart *c);

/* Bars run up (vertical, the default) or across (horizontal; better for long category
 * names such as wards). Lines are always vertical. */
void chart_set_orientation(struct chart *c, enum chart_orientation o);
/* Names of the category axis and the value axis; NULL or "" for none. */
void chart_set_axis_labels(struct chart *c, const char *category_axis, const char *value_axis);
/* A sentence that starts the text description (what the chart shows and why); the values
 * are always listed after it. */
void chart_set_summary(struct chart *c, const char *summary);
/* Size in px. HEIGHT 0 (the default for horizontal bars) fits the height to the
 * categories. Defaults: 640 x 360. */
void chart_set_size(struct chart *c, double width, double height);
/* How values are printed (decimals, "£", "%"); default whole numbers. */
void chart_set_number_style(struct chart *c, const struct number_style *style);
/* Whether value labels are drawn at the bars (default) or points (default off). */
void chart_set_show_values(struct chart *c, int on);
/* Whether the title is drawn inside the image (default on; off when the page already
 * shows it as a caption). It always stays in the SVG <title>. */
void chart_set_draw_title(struct chart *c, int on);
/* Text shown for suppressed values unless chart_set_suppressed() gives one;
 * default "fewer than 5". */
void chart_set_suppressed_label(struct chart *c, const char *label);

/* Append a category (x position) or a series; the index is returned. Values of a new
 * category or series start missing (not drawn, "no data" in the description).
 * (Not "chart_add_series": libxlsxwriter exports that name, and owns chart_axis_*,
 * chart_series_*, chart_legend_* and chart_title_* too.) */
size_t chart_new_category(struct chart *c, const char *label);
size_t chart_new_series(struct chart *c, const char *name);
void chart_set_value(struct chart *c, size_t series, size_t category, double value);
/* Mark a value suppressed; LABEL NULL uses the chart's suppressed label. */
void chart_set_suppressed(struct chart *c, size_t series, size_t category, const char *label);

/* Axis ticks at 1, 2 or 5 times a power of ten covering [LO, HI] with about TARGET
 * intervals. INTEGERS forbids steps below 1 (counts). */
struct chart_ticks {
	double min, max, step;
	size_t count;    /* ticks from min to max inclusive */
	int decimals;    /* needed to print every tick exactly */
};
void chart_nice_ticks(double lo, double hi, size_t target, int integers, struct chart_ticks *out);

/* The text alternative: the summary, what is plotted against what, and every value as
 * printed (suppressed ones by their label). Malloc'd. */
char *chart_describe(const struct chart *c);

/* Lay the chart out; the caller frees the scene. chart_layout_sized() lays it out at
 * another size (HEIGHT 0: fitted to the categories for horizontal bars, else 9:16 of
 * the width), as pdf_document does to fit the page's width. */
struct scene *chart_layout(const struct chart *c);
struct scene *chart_layout_sized(const struct chart *c, double width, double height);
/* Shorthands: layout, render, free. See scene.h for ID and STANDALONE. */
void chart_write_svg(const struct chart *c, struct buf *out, const char *id, int standalone);
int chart_write_png(const struct chart *c, double scale, struct buf *out);
int chart_write_pdf(const struct chart *c, struct buf *out);

#endif
