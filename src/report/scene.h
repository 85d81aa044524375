/* A scene: the drawing primitives (rectangles, polylines, polygons with holes, circles and
 * single-line text with an anchor) that the chart and map layout passes produce. The SVG and
 * cairo renderers only walk a scene, so every output format shows the same layout.
 * Coordinates are in px (1 px = 1 pt in PDF), origin top left, y down. */
#ifndef NESTGUARD_SCENE_H
#define NESTGUARD_SCENE_H
#include <stddef.h>
#include <stdint.h>
#include <cairo.h>
#include "util/buf.h"

#define SCENE_NONE 0xff000000u   /* no fill / no stroke */

enum scene_kind { SCENE_RECT, SCENE_POLYLINE, SCENE_POLYGON, SCENE_CIRCLE, SCENE_TEXT,
                  SCENE_TAG_BEGIN, SCENE_TAG_END };
enum scene_anchor { SCENE_ANCHOR_START, SCENE_ANCHOR_MIDDLE, SCENE_ANCHOR_END };

struct scene_style {
	uint32_t fill;          /* 0xRRGGBB or SCENE_NONE */
	uint32_t stroke;        /* 0xRRGGBB or SCENE_NONE */
	double stroke_width;
	double dash[2];         /* on, off lengths; {0, 0} = solid */
	int crisp;              /* no anti-aliasing: for abutting raster cells */
};

struct scene_item {
	enum scene_kind kind;
	struct scene_style style;
	union {
		struct { double x, y, w, h; } rect;
		struct { double *xy; size_t n; } polyline;              /* n points */
		struct { double *xy; size_t *ring_len; size_t rings; } polygon; /* even-odd fill */
		struct { double x, y, r; } circle;
		struct {
			char *s;        /* one line, clean UTF-8 */
			double x, y;    /* anchor point on the baseline */
			double size;
			double rotate;  /* degrees, clockwise, about (x, y) */
			enum scene_anchor anchor;
			int bold, italic;
			int halo;       /* white outline behind the text, for labels on maps */
		} text;
		struct { const char *name; } tag;  /* PDF structure: "H1", "P", "Table", "TD"... */
	} u;
};

struct scene {
	double width, height;
	char *title;        /* short name, for <title> */
	char *description;  /* full text alternative, for <desc> */
	struct scene_item *items;
	size_t count, cap;
	struct arena *arena; /* owns items' strings and coordinates */
};

struct scene *scene_new(double width, double height);
void scene_free(struct scene *s);
void scene_set_text(struct scene *s, const char *title, const char *description);

struct scene_style scene_fill(uint32_t colour);
struct scene_style scene_stroke(uint32_t colour, double width);

void scene_rect(struct scene *s, double x, double y, double w, double h, struct scene_style st);
void scene_line(struct scene *s, double x1, double y1, double x2, double y2, struct scene_style st);
/* Copies the N points XY (x0, y0, x1, y1, ...). */
void scene_polyline(struct scene *s, const double *xy, size_t n, struct scene_style st);
/* Copies RINGS rings; ring i has RING_LEN[i] points, taken in turn from XY. */
void scene_polygon(struct scene *s, const double *xy, const size_t *ring_len, size_t rings,
                   struct scene_style st);
void scene_circle(struct scene *s, double x, double y, double r, struct scene_style st);
/* Adds text (cleaned) and returns it so the caller can set rotate, bold, italic or halo
 * (the pointer is valid until the next primitive is added). */
struct scene_item *scene_text(struct scene *s, const char *text, double x, double y, double size,
                              enum scene_anchor anchor, uint32_t colour);

/* Structure tags for tagged (accessible) PDF: what follows, up to the matching end, is a
 * heading, paragraph, table cell... NAME is a PDF standard structure type. Tags must nest;
 * they may span pages of a pdf_document. SVG and PNG output ignore them. */
void scene_tag_begin(struct scene *s, const char *name);
void scene_tag_end(struct scene *s, const char *name);

/* Copy SRC's primitives into DST, scaled by SCALE about the origin then moved by
 * (DX, DY): how a pdf_document places a chart or map on a page. */
void scene_append(struct scene *dst, const struct scene *src, double dx, double dy, double scale);
/* The same for SRC's items from FIRST to the end, which are then removed from SRC: how a
 * heading moves to the next page with the content it introduces. */
void scene_move_tail(struct scene *dst, struct scene *src, size_t first, double dx, double dy);

/* SVG. ID (letters, digits, '-', '_') prefixes the ids of <title> and <desc>, which
 * aria-labelledby refers to, so several images can share one HTML page. STANDALONE adds the
 * XML declaration for a .svg file. Every text node and attribute value is escaped. */
void scene_write_svg(const struct scene *s, struct buf *out, const char *id, int standalone);

/* Draw with cairo at the current transformation (one routine for PDF, PNG and pages of a
 * pdf_document). */
void scene_draw_cairo(const struct scene *s, cairo_t *cr);
/* A PNG at SCALE device pixels per px, on white. Returns 0, or -1 when cairo failed. */
int scene_write_png(const struct scene *s, double scale, struct buf *out);
/* A one-page PDF the size of the scene. Returns 0, or -1 when cairo failed. */
int scene_write_pdf(const struct scene *s, struct buf *out);

#endif
