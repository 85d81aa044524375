/* Scene to cairo: one drawing routine for PDF pages, PNG images and the charts and maps
 * embedded in a pdf_document. Text is set with Pango (real text, so PDF text can be
 * selected and extracted), with metric hinting off as in report_text.c's measuring. */
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include "report/scene.h"
#include "report/report_text.h"

static void set_colour(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0);
}

/* Fill then stroke the current path according to ST. */
static void paint_path(cairo_t *cr, const struct scene_style *st)
{
	cairo_set_antialias(cr, st->crisp ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
	if (st->fill != SCENE_NONE) {
		set_colour(cr, st->fill);
		if (st->stroke != SCENE_NONE) cairo_fill_preserve(cr);
		else cairo_fill(cr);
	}
	if (st->stroke != SCENE_NONE) {
		set_colour(cr, st->stroke);
		cairo_set_line_width(cr, st->stroke_width);
		if (st->dash[0] > 0) cairo_set_dash(cr, st->dash, 2, 0);
		else cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

static void draw_text(cairo_t *cr, PangoLayout *layout, PangoFontDescription *font,
                      const struct scene_item *it)
{
	pango_font_description_set_weight(font, it->u.text.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(font, it->u.text.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_absolute_size(font, it->u.text.size * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, it->u.text.s, -1);
	PangoRectangle logical;
	pango_layout_get_extents(layout, NULL, &logical);
	double width = (double)logical.width / PANGO_SCALE;
	double baseline = (double)pango_layout_get_baseline(layout) / PANGO_SCALE;
	double dx = it->u.text.anchor == SCENE_ANCHOR_MIDDLE ? -width / 2
	          : it->u.text.anchor == SCENE_ANCHOR_END ? -width : 0;
	cairo_save(cr);
	cairo_translate(cr, it->u.text.x, it->u.text.y);
	if (it->u.text.rotate != 0) cairo_rotate(cr, it->u.text.rotate * M_PI / 180.0);
	cairo_move_to(cr, dx, -baseline);
	pango_cairo_update_layout(cr, layout);
	if (it->u.text.halo) {
		pango_cairo_layout_path(cr, layout);
		set_colour(cr, 0xffffff);
		cairo_set_line_width(cr, 3);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke(cr);
		cairo_move_to(cr, dx, -baseline);
	}
	set_colour(cr, it->style.fill);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
}

void scene_draw_cairo(const struct scene *s, cairo_t *cr)
{
	cairo_save(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	set_colour(cr, 0xffffff);
	cairo_rectangle(cr, 0, 0, s->width, s->height);
	cairo_fill(cr);

	PangoLayout *layout = pango_cairo_create_layout(cr);
	cairo_font_options_t *opt = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(layout), opt);
	cairo_font_options_destroy(opt);
	pango_layout_context_changed(layout);
	PangoFontDescription *font = pango_font_description_from_string(REPORT_FONT_PANGO);

	for (size_t i = 0; i < s->count; i++) {
		const struct scene_item *it = &s->items[i];
		switch (it->kind) {
		case SCENE_RECT:
			cairo_rectangle(cr, it->u.rect.x, it->u.rect.y, it->u.rect.w, it->u.rect.h);
			paint_path(cr, &it->style);
			break;
		case SCENE_CIRCLE:
			cairo_new_sub_path(cr);
			cairo_arc(cr, it->u.circle.x, it->u.circle.y, it->u.circle.r, 0, 2 * M_PI);
			paint_path(cr, &it->style);
			break;
		case SCENE_POLYLINE: {
			const double *xy = it->u.polyline.xy;
			cairo_move_to(cr, xy[0], xy[1]);
			for (size_t k = 1; k < it->u.polyline.n; k++) cairo_line_to(cr, xy[2 * k], xy[2 * k + 1]);
			struct scene_style st = it->style;
			st.fill = SCENE_NONE;
			paint_path(cr, &st);
			break;
		}
		case SCENE_POLYGON: {
			const double *xy = it->u.polygon.xy;
			for (size_t r = 0; r < it->u.polygon.rings; r++) {
				size_t n = it->u.polygon.ring_len[r];
				cairo_move_to(cr, xy[0], xy[1]);
				for (size_t k = 1; k < n; k++) cairo_line_to(cr, xy[2 * k], xy[2 * k + 1]);
				cairo_close_path(cr);
				xy += 2 * n;
			}
			cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
			paint_path(cr, &it->style);
			break;
		}
		case SCENE_TEXT:
			cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
			draw_text(cr, layout, font, it);
			break;
		case SCENE_TAG_BEGIN:
			cairo_tag_begin(cr, it->u.tag.name, NULL);
			break;
		case SCENE_TAG_END:
			cairo_tag_end(cr, it->u.tag.name);
			break;
		}
	}
	pango_font_description_free(font);
	g_object_unref(layout);
	cairo_restore(cr);
}

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int scene_write_png(const struct scene *s, double scale, struct buf *out)
{
	int w = (int)ceil(s->width * scale), h = (int)ceil(s->height * scale);
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	scene_draw_cairo(s, cr);
	cairo_destroy(cr);
	cairo_status_t st = cairo_surface_write_to_png_stream(surface, append_to_buf, out);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int scene_write_pdf(const struct scene *s, struct buf *out)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append_to_buf, out, s->width, s->height);
	if (*s->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, s->title);
	cairo_t *cr = cairo_create(surface);
	scene_draw_cairo(s, cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
