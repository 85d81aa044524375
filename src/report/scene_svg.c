/* Scene to SVG. The image is one role="img" element named by its <title> and described by
 * its <desc>; there is no script, no style sheet and no external reference. Text goes out
 * only through escape_html(); every other attribute is a number or a colour we format.
 * Runs of primitives with the same style share one <g>, which keeps raster layers small. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report/scene.h"
#include "report/report_text.h"
#include "util/escape.h"
#include "util/xalloc.h"

/* Shortest decimal form with at most two decimals ("12", "12.5", "12.25"). */
static void put_num(struct buf *b, double v)
{
	if (!isfinite(v)) v = 0;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%.2f", v);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *end = tmp + strlen(tmp) - 1;
		while (end > dot && *end == '0') *end-- = 0;
		if (end == dot) *end = 0;
	}
	if (strcmp(tmp, "-0") == 0) strcpy(tmp, "0");
	buf_puts(b, tmp);
}

static void put_attr_num(struct buf *b, const char *name, double v)
{
	buf_printf(b, " %s=\"", name);
	put_num(b, v);
	buf_putc(b, '"');
}

static void put_colour(struct buf *b, const char *name, uint32_t c)
{
	if (c == SCENE_NONE) buf_printf(b, " %s=\"none\"", name);
	else buf_printf(b, " %s=\"#%06x\"", name, c & 0xffffffu);
}

static void put_style(struct buf *b, const struct scene_style *st, enum scene_kind kind)
{
	if (kind == SCENE_POLYLINE) put_colour(b, "fill", SCENE_NONE);
	else put_colour(b, "fill", st->fill);
	if (st->stroke != SCENE_NONE) {
		put_colour(b, "stroke", st->stroke);
		put_attr_num(b, "stroke-width", st->stroke_width);
		if (kind == SCENE_POLYLINE || kind == SCENE_POLYGON)
			buf_puts(b, " stroke-linejoin=\"round\" stroke-linecap=\"round\"");
		if (st->dash[0] > 0) {
			buf_puts(b, " stroke-dasharray=\"");
			put_num(b, st->dash[0]);
			buf_putc(b, ' ');
			put_num(b, st->dash[1]);
			buf_putc(b, '"');
		}
	}
	if (kind == SCENE_POLYGON) buf_puts(b, " fill-rule=\"evenodd\"");
	if (st->crisp) buf_puts(b, " shape-rendering=\"crispEdges\"");
}

static int is_shape(enum scene_kind k)
{
	return k == SCENE_RECT || k == SCENE_POLYLINE || k == SCENE_POLYGON || k == SCENE_CIRCLE;
}

static int same_style(const struct scene_style *a, const struct scene_style *b)
{
	return a->fill == b->fill && a->stroke == b->stroke && a->stroke_width == b->stroke_width &&
	       a->dash[0] == b->dash[0] && a->dash[1] == b->dash[1] && a->crisp == b->crisp;
}

static void put_points(struct buf *b, const double *xy, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i) buf_putc(b, ' ');
		put_num(b, xy[2 * i]);
		buf_putc(b, ',');
		put_num(b, xy[2 * i + 1]);
	}
}

/* The element for IT without style attributes (those are on it or its group). */
static void put_shape(struct buf *b, const struct scene_item *it)
{
	switch (it->kind) {
	case SCENE_RECT:
		buf_puts(b, "<rect");
		put_attr_num(b, "x", it->u.rect.x);
		put_attr_num(b, "y", it->u.rect.y);
		put_attr_num(b, "width", it->u.rect.w);
		put_attr_num(b, "height", it->u.rect.h);
		break;
	case SCENE_CIRCLE:
		buf_puts(b, "<circle");
		put_attr_num(b, "cx", it->u.circle.x);
		put_attr_num(b, "cy", it->u.circle.y);
		put_attr_num(b, "r", it->u.circle.r);
		break;
	case SCENE_POLYLINE:
		buf_puts(b, "<polyline points=\"");
		put_points(b, it->u.polyline.xy, it->u.polyline.n);
		buf_putc(b, '"');
		break;
	case SCENE_POLYGON: {
		buf_puts(b, "<path d=\"");
		const double *xy = it->u.polygon.xy;
		for (size_t r = 0; r < it->u.polygon.rings; r++) {
			size_t n = it->u.polygon.ring_len[r];
			for (size_t i = 0; i < n; i++) {
				buf_putc(b, i == 0 ? 'M' : 'L');
				put_num(b, xy[2 * i]);
				buf_putc(b, ' ');
				put_num(b, xy[2 * i + 1]);
			}
			buf_putc(b, 'Z');
			xy += 2 * n;
		}
		buf_putc(b, '"');
		break;
	}
	default:
		break;
	}
}

static void put_text(struct buf *b, const struct scene_item *it)
{
	static const char *anchors[] = {"start", "middle", "end"};
	buf_puts(b, "<text");
	put_attr_num(b, "x", it->u.text.x);
	put_attr_num(b, "y", it->u.text.y);
	put_attr_num(b, "font-size", it->u.text.size);
	if (it->u.text.anchor != SCENE_ANCHOR_START)
		buf_printf(b, " text-anchor=\"%s\"", anchors[it->u.text.anchor]);
	if (it->u.text.bold) buf_puts(b, " font-weight=\"bold\"");
	if (it->u.text.italic) buf_puts(b, " font-style=\"italic\"");
	put_colour(b, "fill", it->style.fill);
	if (it->u.text.halo)
		buf_puts(b, " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
	if (it->u.text.rotate != 0) {
		buf_puts(b, " transform=\"rotate(");
		put_num(b, it->u.text.rotate);
		buf_putc(b, ' ');
		put_num(b, it->u.text.x);
		buf_putc(b, ' ');
		put_num(b, it->u.text.y);
		buf_puts(b, ")\"");
	}
	buf_putc(b, '>');
	escape_html(b, it->u.text.s);
	buf_puts(b, "</text>\n");
}

static void check_id(const char *id)
{
	if (!id || !*id) fatal("scene_write_svg: empty id");
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			fatal("scene_write_svg: id must be letters, digits, '-' or '_'");
}

void scene_write_svg(const struct scene *s, struct buf *b, const char *id, int standalone)
{
	check_id(id);
	if (standalone) buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	put_attr_num(b, "width", s->width);
	put_attr_num(b, "height", s->height);
	buf_puts(b, " viewBox=\"0 0 ");
	put_num(b, s->width);
	buf_putc(b, ' ');
	put_num(b, s->height);
	buf_puts(b, "\" role=\"img\" aria-labelledby=\"");
	escape_html(b, id);
	buf_puts(b, "-title ");
	escape_html(b, id);
	buf_puts(b, "-desc\" font-family=\"");
	escape_html(b, REPORT_FONT_CSS);
	buf_puts(b, "\">\n<title id=\"");
	escape_html(b, id);
	buf_puts(b, "-title\">");
	escape_html(b, s->title);
	buf_puts(b, "</title>\n<desc id=\"");
	escape_html(b, id);
	buf_puts(b, "-desc\">");
	escape_html(b, s->description);
	buf_puts(b, "</desc>\n");
	buf_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

	for (size_t i = 0; i < s->count;) {
		const struct scene_item *it = &s->items[i];
		if (it->kind == SCENE_TAG_BEGIN || it->kind == SCENE_TAG_END) { i++; continue; }  /* PDF only */
		if (it->kind == SCENE_TEXT) {
			put_text(b, it);
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < s->count && is_shape(s->items[j].kind) && same_style(&s->items[j].style, &it->style))
			j++;
		if (j - i > 1) {
			buf_puts(b, "<g");
			put_style(b, &it->style, it->kind);
			buf_puts(b, ">\n");
			for (size_t k = i; k < j; k++) {
				put_shape(b, &s->items[k]);
				if (s->items[k].kind == SCENE_POLYLINE) put_colour(b, "fill", SCENE_NONE);
				if (s->items[k].kind == SCENE_POLYGON && it->kind != SCENE_POLYGON)
					buf_puts(b, " fill-rule=\"evenodd\"");
				buf_puts(b, "/>\n");
			}
			buf_puts(b, "</g>\n");
		} else {
			put_shape(b, it);
			put_style(b, &it->style, it->kind);
			buf_puts(b, "/>\n");
		}
		i = j;
	}
	buf_puts(b, "</svg>\n");
}
