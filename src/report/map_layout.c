/* The map layout pass: projects the map's coordinates into a frame (equirectangular at the
 * mid-latitude for longitude/latitude), fits it keeping the aspect ratio, and emits the
 * layers in drawing order (area fills, grid, outlines, points, labels) then the legend,
 * scale bar and north arrow, as scene primitives shared by the SVG and cairo renderers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report/map_internal.h"
#include "report/report_text.h"
#include "util/xalloc.h"

#define PAD 12.0
#define TITLE_SIZE 16.0
#define TITLE_LINE 20.0
#define TEXT_SIZE 12.0
#define LABEL_SIZE 11.0
#define ROW 18.0
#define SWATCH_W 18.0
#define EARTH_RADIUS 6371008.8   /* mean radius, metres */
#define OUTLINE 0x484949u
#define NOTE_SIZE 12.0
#define NOTE_H 18.0       /* height of a note's box */

/* From map coordinates to px: projection then fit. */
struct view {
	int lonlat;
	double coslat;           /* cos(mid-latitude) */
	double minx, miny, maxx, maxy;   /* projected bounds */
	double scale;            /* px per projected metre */
	double left, top;        /* px of (minx, maxy) */
};

static void project(const struct view *v, double x, double y, double *px, double *py)
{
	if (v->lonlat) {
		double k = M_PI / 180 * EARTH_RADIUS;
		x = x * v->coslat * k;
		y = y * k;
	}
	*px = x;
	*py = y;
}

static void to_screen(const struct view *v, double x, double y, double *sx, double *sy)
{
	double px, py;
	project(v, x, y, &px, &py);
	*sx = v->left + (px - v->minx) * v->scale;
	*sy = v->top + (v->maxy - py) * v->scale;
}

static void grow_bounds(double b[4], double x, double y)
{
	if (x < b[0]) b[0] = x;
	if (y < b[1]) b[1] = y;
	if (x > b[2]) b[2] = x;
	if (y > b[3]) b[3] = y;
}

/* Bounds in map coordinates of everything drawn; 0 when there is nothing. */
static int data_bounds(const struct map *m, double b[4])
{
	b[0] = b[1] = INFINITY;
	b[2] = b[3] = -INFINITY;
	for (size_t i = 0; i < m->area_count; i++)
		for (size_t k = 0; k < m->areas[i].points; k++)
			grow_bounds(b, m->areas[i].xy[2 * k], m->areas[i].xy[2 * k + 1]);
	if (m->grid.values) {
		grow_bounds(b, m->grid.x0, m->grid.y0);
		grow_bounds(b, m->grid.x0 + (double)m->grid.cols * m->grid.cell_width,
		            m->grid.y0 + (double)m->grid.rows * m->grid.cell_height);
	}
	for (size_t k = 0; k < m->point_count; k++) grow_bounds(b, m->points[2 * k], m->points[2 * k + 1]);
	return b[0] <= b[2];
}

/* Set the projection for bounds B (map coordinates). */
static void view_project_bounds(struct view *v, const struct map *m, const double b[4])
{
	v->lonlat = m->coordinates == MAP_LONLAT;
	v->coslat = v->lonlat ? cos((b[1] + b[3]) / 2 * M_PI / 180) : 1;
	project(v, b[0], b[1], &v->minx, &v->miny);
	project(v, b[2], b[3], &v->maxx, &v->maxy);
	/* a single point or a line still needs an extent */
	double span = fmax(v->maxx - v->minx, v->maxy - v->miny);
	if (span <= 0) span = v->lonlat ? 1000 : 1000;
	if (v->maxx - v->minx < span * 1e-3) { v->minx -= span / 2; v->maxx += span / 2; }
	if (v->maxy - v->miny < span * 1e-3) { v->miny -= span / 2; v->maxy += span / 2; }
}

static void view_fit(struct view *v, double left, double top, double width, double height)
{
	double dx = v->maxx - v->minx, dy = v->maxy - v->miny;
	v->scale = fmin(width / dx, height / dy);
	v->left = left + (width - dx * v->scale) / 2;
	v->top = top + (height - dy * v->scale) / 2;
}

/* Legend entries, measured once and drawn once. */
enum entry_kind { ENTRY_HEADING, ENTRY_SWATCH, ENTRY_POINT, ENTRY_NOTE };
struct entry { enum entry_kind kind; const char *text; uint32_t colour; int outlined; };
struct legend { struct entry items[3 * MAP_MAX_CLASSES + 8]; size_t n; double width; };

static void legend_add(struct legend *l, enum entry_kind kind, const char *text, uint32_t colour, int outlined)
{
	if (l->n == sizeof l->items / sizeof *l->items) return;
	l->items[l->n++] = (struct entry){kind, text, colour, outlined};
	double w = report_text_width(text, TEXT_SIZE, kind == ENTRY_HEADING) + (kind == ENTRY_HEADING ? 0 : SWATCH_W + 8);
	if (w > l->width) l->width = w;
}

static int areas_shaded(const struct map *m, int *suppressed, int *unvalued)
{
	int shaded = 0;
	*suppressed = *unvalued = 0;
	for (size_t i = 0; i < m->area_count; i++) {
		if (m->areas[i].state == MAP_AREA_VALUE) shaded = 1;
		if (m->areas[i].state == MAP_AREA_SUPPRESSED) shaded = *suppressed = 1;
		if (m->areas[i].state == MAP_AREA_OUTLINE) *unvalued = 1;
	}
	return shaded;
}

static double put_title(struct scene *sc, const struct map *m)
{
	if (!m->draw_title || !*m->title) return 0;
	char **lines;
	size_t n = report_text_wrap(m->title, TITLE_SIZE, 1, m->width - 2 * PAD, 2, &lines);
	for (size_t i = 0; sc && i < n; i++)
		scene_text(sc, lines[i], PAD, PAD + TITLE_SIZE * 0.8 + (double)i * TITLE_LINE, TITLE_SIZE,
		           SCENE_ANCHOR_START, PALETTE_TEXT)->u.text.bold = 1;
	report_text_lines_free(lines, n);
	return (double)n * TITLE_LINE + 6;
}

/* Screen points of ring R of area A, dropping points closer than 0.4 px to the last kept
 * one (full-resolution boundaries carry far more detail than a page can show). */
static size_t ring_to_screen(const struct view *v, const double *xy, size_t n, double *out)
{
	size_t kept = 0;
	for (size_t k = 0; k < n; k++) {
		double sx, sy;
		to_screen(v, xy[2 * k], xy[2 * k + 1], &sx, &sy);
		if (kept && k + 1 < n && fabs(sx - out[2 * kept - 2]) < 0.4 && fabs(sy - out[2 * kept - 1]) < 0.4) continue;
		out[2 * kept] = sx;
		out[2 * kept + 1] = sy;
		kept++;
	}
	return kept;
}

/* The area's rings on screen, for scene_polygon. */
struct screen_area { double *xy; size_t *ring_len; size_t rings; double area; double lx, ly; };

static void area_to_screen(const struct view *v, const struct map_area *a, struct screen_area *s)
{
	s->xy = xmalloc(2 * (a->points ? a->points : 1) * sizeof(double));
	s->ring_len = xmalloc((a->rings ? a->rings : 1) * sizeof(size_t));
	s->rings = 0;
	size_t in = 0, out = 0;
	for (size_t r = 0; r < a->rings; r++) {
		size_t kept = ring_to_screen(v, a->xy + 2 * in, a->ring_len[r], s->xy + 2 * out);
		in += a->ring_len[r];
		if (kept < 3) continue;
		s->ring_len[s->rings++] = kept;
		out += kept;
	}
}

/* Where to put the area's name: on the horizontal line through the centroid of its
 * largest ring, the middle of the widest stretch inside the area (a centroid alone can
 * fall outside a crescent-shaped ward). Also sets the area's size in px². */
static void label_point(struct screen_area *s)
{
	double best = -1, cx = 0, cy = 0;
	const double *xy = s->xy;
	s->area = 0;
	for (size_t r = 0; r < s->rings; r++) {
		size_t n = s->ring_len[r];
		double a2 = 0, x = 0, y = 0;
		for (size_t i = 0; i < n; i++) {
			size_t j = (i + 1) % n;
			double cross = xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
			a2 += cross;
			x += (xy[2 * i] + xy[2 * j]) * cross;
			y += (xy[2 * i + 1] + xy[2 * j + 1]) * cross;
		}
		if (fabs(a2) > best && a2 != 0) { best = fabs(a2); cx = x / (3 * a2); cy = y / (3 * a2); }
		s->area += fabs(a2) / 2;
		xy += 2 * n;
	}
	s->lx = cx;
	s->ly = cy;
	/* crossings of y = cy with every ring (even-odd inside test) */
	size_t cap = 64, count = 0;
	double *xs = xmalloc(cap * sizeof *xs);
	xy = s->xy;
	for (size_t r = 0; r < s->rings; r++) {
		size_t n = s->ring_len[r];
		for (size_t i = 0; i < n; i++) {
			size_t j = (i + 1) % n;
			double y1 = xy[2 * i + 1], y2 = xy[2 * j + 1];
			if ((y1 <= cy) == (y2 <= cy)) continue;
			if (count == cap) xs = xrealloc(xs, (cap *= 2) * sizeof *xs);
			xs[count++] = xy[2 * i] + (cy - y1) / (y2 - y1) * (xy[2 * j] - xy[2 * i]);
		}
		xy += 2 * n;
	}
	for (size_t i = 1; i < count; i++)
		for (size_t j = i; j > 0 && xs[j - 1] > xs[j]; j--) { double t = xs[j]; xs[j] = xs[j - 1]; xs[j - 1] = t; }
	double widest = 0;
	for (size_t i = 0; i + 1 < count; i += 2)
		if (xs[i + 1] - xs[i] > widest) { widest = xs[i + 1] - xs[i]; s->lx = (xs[i] + xs[i + 1]) / 2; }
	free(xs);
}

static int by_area_desc(const void *a, const void *b, void *ctx)
{
	const struct screen_area *s = ctx;
	double x = s[*(const size_t *)a].area, y = s[*(const size_t *)b].area;
	return x > y ? -1 : x < y;
}

/* Names on areas, biggest areas first, skipping any that would overlap one already placed
 * or leave the frame. */
static void put_area_labels(struct scene *sc, const struct map *m, struct screen_area *s,
                            double fl, double ft, double fr, double fb)
{
	size_t *order = xmalloc((m->area_count ? m->area_count : 1) * sizeof *order);
	for (size_t i = 0; i < m->area_count; i++) order[i] = i;
	qsort_r(order, m->area_count, sizeof *order, by_area_desc, s);
	double (*boxes)[4] = xmalloc((2 * m->area_count + 1) * sizeof *boxes);
	/* the north arrow's corner is taken */
	boxes[0][0] = fr - 28;
	boxes[0][1] = ft;
	boxes[0][2] = fr;
	boxes[0][3] = ft + 44;
	size_t placed = 1;
	/* and so are the notes, which are always drawn */
	for (size_t i = 0; i < m->area_count; i++) {
		if (!m->areas[i].note || !s[i].rings) continue;
		double w = report_text_width(m->areas[i].note, NOTE_SIZE, 1) + 10;
		double box[4] = {s[i].lx - w / 2, s[i].ly - NOTE_H / 2, s[i].lx + w / 2, s[i].ly + NOTE_H / 2};
		memcpy(boxes[placed++], box, sizeof box);
	}
	for (size_t o = 0; o < m->area_count; o++) {
		size_t i = order[o];
		if (!s[i].rings || !*m->areas[i].name) continue;
		double full = report_text_width(m->areas[i].name, LABEL_SIZE, 0);
		/* on one line, else on two */
		for (int attempt = 0; attempt < 2; attempt++) {
			char **lines;
			size_t n = report_text_wrap(m->areas[i].name, LABEL_SIZE, 0, attempt ? full / 2 + 20 : full + 1, 2, &lines);
			double w = 0;
			for (size_t k = 0; k < n; k++) w = fmax(w, report_text_width(lines[k], LABEL_SIZE, 0));
			double h = (double)n * (LABEL_SIZE + 2);
			/* an area's note sits on its label point: the name goes just above it */
			double ly = m->areas[i].note ? s[i].ly - NOTE_H / 2 - 2 - h / 2 : s[i].ly;
			double box[4] = {s[i].lx - w / 2 - 2, ly - h / 2 - 2, s[i].lx + w / 2 + 2, ly + h / 2 + 2};
			int clash = box[0] < fl || box[2] > fr || box[1] < ft || box[3] > fb || (attempt && n < 2);
			for (size_t k = 0; k < placed && !clash; k++)
				clash = box[0] < boxes[k][2] && boxes[k][0] < box[2] && box[1] < boxes[k][3] && boxes[k][1] < box[3];
			if (!clash) {
				memcpy(boxes[placed++], box, sizeof box);
				for (size_t k = 0; k < n; k++)
					scene_text(sc, lines[k], s[i].lx, box[1] + 2 + (double)k * (LABEL_SIZE + 2) + LABEL_SIZE * 0.85,
					           LABEL_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.halo = 1;
			}
			report_text_lines_free(lines, n);
			if (!clash) break;
		}
	}
	free(boxes);
	free(order);
}

/* Each area's note in a white box on its label point, drawn last so nothing covers it. */
static void put_notes(struct scene *sc, const struct map *m, const struct screen_area *s)
{
	struct scene_style box = scene_fill(PALETTE_WHITE);
	box.stroke = PALETTE_TEXT;
	box.stroke_width = 1.5;
	for (size_t i = 0; i < m->area_count; i++) {
		const char *note = m->areas[i].note;
		if (!note || !s[i].rings) continue;
		double w = report_text_width(note, NOTE_SIZE, 1) + 10;
		scene_rect(sc, s[i].lx - w / 2, s[i].ly - NOTE_H / 2, w, NOTE_H, box);
		scene_text(sc, note, s[i].lx, s[i].ly + NOTE_SIZE * 0.35, NOTE_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.bold = 1;
	}
}

/* Grid cells as rectangles, one per run of equal class along a row; cell edges come from
 * the projected cell boundaries so neighbouring rows meet exactly. */
static void put_grid(struct scene *sc, const struct map *m, const struct view *v, const struct map_classes *cl)
{
	const struct map_grid *g = &m->grid;
	double *xs = xmalloc((g->cols + 1) * sizeof *xs), dummy;
	for (size_t c = 0; c <= g->cols; c++) to_screen(v, g->x0 + (double)c * g->cell_width, g->y0, &xs[c], &dummy);
	for (size_t r = 0; r < g->rows; r++) {
		double ytop, ybottom;
		to_screen(v, g->x0, g->y0 + (double)(r + 1) * g->cell_height, &dummy, &ytop);
		to_screen(v, g->x0, g->y0 + (double)r * g->cell_height, &dummy, &ybottom);
		size_t c = 0;
		while (c < g->cols) {
			double val = g->values[r * g->cols + c];
			if (!isfinite(val) || (g->style == MAP_GRID_DENSITY && val <= 0)) { c++; continue; }
			size_t cls = map_classes_index(cl, val), end = c + 1;
			while (end < g->cols) {
				double w = g->values[r * g->cols + end];
				if (!isfinite(w) || (g->style == MAP_GRID_DENSITY && w <= 0) || map_classes_index(cl, w) != cls) break;
				end++;
			}
			struct scene_style st = scene_fill(cl->colour[cls]);
			st.crisp = 1;
			scene_rect(sc, xs[c], ytop, xs[end] - xs[c], ybottom - ytop, st);
			c = end;
		}
	}
	free(xs);
}

/* A scale bar of 1, 2 or 5 x 10^k metres, about a fifth of the frame wide, bottom left. */
static void put_scale_bar(struct scene *sc, const struct view *v, double fl, double fb, double fw)
{
	double target = fw / 5 / v->scale;  /* metres */
	double mag = pow(10, floor(log10(target)));
	double metres = target / mag >= 5 ? 5 * mag : target / mag >= 2 ? 2 * mag : mag;
	double len = metres * v->scale, x = fl + 10, y = fb - 12;
	struct scene_style black = scene_fill(PALETTE_TEXT), white = scene_fill(PALETTE_WHITE);
	white.stroke = black.stroke = PALETTE_TEXT;
	white.stroke_width = black.stroke_width = 0.75;
	scene_rect(sc, x, y, len / 2, 5, black);
	scene_rect(sc, x + len / 2, y, len / 2, 5, white);
	struct buf b = BUF_INIT;
	struct number_style st = {metres < 1 ? 1 : 0, NULL, NULL, 0};
	if (metres >= 1000) { number_format(&b, metres / 1000, &st); buf_puts(&b, " km"); }
	else { number_format(&b, metres, &st); buf_puts(&b, " m"); }
	scene_text(sc, "0", x, y - 4, LABEL_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.halo = 1;
	scene_text(sc, buf_str(&b), x + len, y - 4, LABEL_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.halo = 1;
	buf_free(&b);
}

static void put_north_arrow(struct scene *sc, double fr, double ft)
{
	double x = fr - 16, y = ft + 8;
	double xy[8] = {x, y, x + 7, y + 18, x, y + 14, x - 7, y + 18};
	size_t n = 4;
	struct scene_style st = scene_fill(PALETTE_TEXT);
	st.stroke = PALETTE_WHITE;
	st.stroke_width = 1;
	scene_polygon(sc, xy, &n, 1, st);
	scene_text(sc, "N", x, y + 32, TEXT_SIZE, SCENE_ANCHOR_MIDDLE, PALETTE_TEXT)->u.text.halo = 1;
}

static double put_legend(struct scene *sc, const struct legend *l, double x, double y, double width)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct entry *e = &l->items[i];
		if (e->kind == ENTRY_HEADING) {
			if (i) y += 8;
			char **lines;
			size_t n = report_text_wrap(e->text, TEXT_SIZE, 1, width, 2, &lines);
			for (size_t k = 0; k < n; k++) {
				scene_text(sc, lines[k], x, y + TEXT_SIZE, TEXT_SIZE, SCENE_ANCHOR_START, PALETTE_TEXT)->u.text.bold = 1;
				y += ROW;
			}
			report_text_lines_free(lines, n);
			continue;
		}
		if (e->kind == ENTRY_NOTE) {
			struct scene_style st = scene_fill(PALETTE_WHITE);
			st.stroke = PALETTE_TEXT;
			st.stroke_width = 1.5;
			scene_rect(sc, x, y + 1, SWATCH_W, ROW - 4, st);
		} else if (e->kind == ENTRY_POINT) {
			struct scene_style st = scene_fill(e->colour);
			st.stroke = PALETTE_WHITE;
			st.stroke_width = 0.75;
			scene_circle(sc, x + SWATCH_W / 2, y + ROW / 2 - 1, 3, st);
		} else {
			struct scene_style st = scene_fill(e->colour);
			st.stroke = OUTLINE;
			st.stroke_width = 0.5;
			scene_rect(sc, x, y + 2, SWATCH_W, ROW - 6, st);
		}
		char **lines;
		size_t n = report_text_wrap(e->text, TEXT_SIZE, 0, width - SWATCH_W - 8, 2, &lines);
		for (size_t k = 0; k < n; k++) {
			scene_text(sc, lines[k], x + SWATCH_W + 8, y + TEXT_SIZE, TEXT_SIZE, SCENE_ANCHOR_START, PALETTE_TEXT);
			y += ROW;
		}
		report_text_lines_free(lines, n);
	}
	return y;
}

struct scene *map_layout_sized(const struct map *m, double width, double height)
{
	if (!(width >= 200 && width <= 4000) || !(height == 0 || (height >= 150 && height <= 4000)))
		fatal("map_layout_sized: %g x %g is not a sensible map size", width, height);
	struct map sized = *m;   /* same data, this size */
	sized.width = width;
	sized.height = height;
	m = &sized;
	double b[4];
	int has_data = data_bounds(m, b);
	struct map_classes areas, grid;
	memset(&grid, 0, sizeof grid);
	int suppressed, unvalued;
	int shaded = areas_shaded(m, &suppressed, &unvalued);
	if (shaded) map_area_classes(m, &areas);
	else memset(&areas, 0, sizeof areas);
	if (m->grid.values) map_grid_classes(m, &grid);

	struct legend legend;
	memset(&legend, 0, sizeof legend);
	char *points_text = NULL;
	if (shaded) {
		legend_add(&legend, ENTRY_HEADING, *m->value_title ? m->value_title : "Value", 0, 0);
		for (size_t i = 0; i < areas.n; i++) legend_add(&legend, ENTRY_SWATCH, areas.label[i], areas.colour[i], 0);
		if (suppressed) legend_add(&legend, ENTRY_SWATCH, m->suppressed_label, PALETTE_SUPPRESSED, 0);
		if (unvalued) legend_add(&legend, ENTRY_SWATCH, "no data", PALETTE_NO_DATA, 1);
	}
	if (m->grid.values && grid.n) {
		legend_add(&legend, ENTRY_HEADING, m->grid.legend_title, 0, 0);
		for (size_t i = 0; i < grid.n; i++) legend_add(&legend, ENTRY_SWATCH, grid.label[i], grid.colour[i], 0);
	}
	for (size_t i = 0; i < m->area_count; i++)
		if (m->areas[i].note) {
			legend_add(&legend, ENTRY_NOTE, m->notes_legend, PALETTE_WHITE, 1);
			break;
		}
	if (m->point_count) {
		struct buf pb = BUF_INIT;
		struct number_style st = {0, NULL, NULL, 0};
		buf_printf(&pb, "%s: ", m->points_legend);
		number_format(&pb, (double)m->point_count, &st);
		points_text = buf_detach(&pb);
		legend_add(&legend, ENTRY_POINT, points_text, PALETTE_TEXT, 0);
	}
	double legend_w = legend.n ? fmin(legend.width, m->width * 0.34) : 0;

	double header = PAD + put_title(NULL, m);
	double fl = PAD, ft = header, fr = m->width - PAD - (legend_w ? legend_w + 16 : 0);
	(void)width;
	struct view v;
	memset(&v, 0, sizeof v);
	if (has_data) view_project_bounds(&v, m, b);
	if (height == 0) {
		double aspect = has_data ? (v.maxy - v.miny) / (v.maxx - v.minx) : 0.75;
		double fh = (fr - fl - 8) * aspect + 8 + 24;
		if (fh < 150) fh = 150;
		if (fh > 2 * m->width) fh = 2 * m->width;
		height = header + fh + PAD;
	}
	double fb = height - PAD;

	struct scene *sc = scene_new(m->width, height);
	char *desc = map_describe(m);
	scene_set_text(sc, *m->title ? m->title : "Map", desc);
	free(desc);
	put_title(sc, m);

	if (!has_data) {
		scene_text(sc, "No data to show", (fl + fr) / 2, (ft + fb) / 2, TEXT_SIZE + 2, SCENE_ANCHOR_MIDDLE, PALETTE_SECONDARY);
	} else {
		/* the strip at the bottom is for the scale bar, so it never covers the data */
		view_fit(&v, fl + 4, ft + 4, fr - fl - 8, fb - ft - 8 - 24);
		struct screen_area *s = xcalloc(m->area_count ? m->area_count : 1, sizeof *s);
		for (size_t i = 0; i < m->area_count; i++) {
			area_to_screen(&v, &m->areas[i], &s[i]);
			label_point(&s[i]);
		}
		/* area fills; outlines come with them unless a grid goes between */
		for (size_t i = 0; i < m->area_count; i++) {
			const struct map_area *a = &m->areas[i];
			struct scene_style st = scene_fill(SCENE_NONE);
			if (shaded) {
				st.fill = a->state == MAP_AREA_VALUE ? areas.colour[map_classes_index(&areas, a->value)]
				        : a->state == MAP_AREA_SUPPRESSED ? PALETTE_SUPPRESSED : PALETTE_NO_DATA;
			}
			if (!m->grid.values) {
				st.stroke = OUTLINE;
				st.stroke_width = 0.75;
			} else if (!shaded) {
				continue;
			}
			scene_polygon(sc, s[i].xy, s[i].ring_len, s[i].rings, st);
		}
		if (m->grid.values) {
			put_grid(sc, m, &v, &grid);
			for (size_t i = 0; i < m->area_count; i++)
				scene_polygon(sc, s[i].xy, s[i].ring_len, s[i].rings, scene_stroke(PALETTE_TEXT, 1));
		}
		struct scene_style dot = scene_fill(PALETTE_TEXT);
		dot.stroke = PALETTE_WHITE;
		dot.stroke_width = 0.5;
		double r = m->point_count > 2000 ? 1.5 : 2.5;
		for (size_t k = 0; k < m->point_count; k++) {
			double sx, sy;
			to_screen(&v, m->points[2 * k], m->points[2 * k + 1], &sx, &sy);
			scene_circle(sc, sx, sy, r, dot);
		}
		if (m->area_labels) put_area_labels(sc, m, s, fl, ft, fr, fb);
		put_notes(sc, m, s);
		for (size_t i = 0; i < m->area_count; i++) { free(s[i].xy); free(s[i].ring_len); }
		free(s);
		put_scale_bar(sc, &v, fl, fb, fr - fl);
		put_north_arrow(sc, fr, ft);
	}
	if (legend.n) put_legend(sc, &legend, m->width - PAD - legend_w, ft, legend_w);
	free(points_text);
	map_classes_clear(&areas);
	map_classes_clear(&grid);
	return sc;
}

struct scene *map_layout(const struct map *m)
{
	return map_layout_sized(m, m->width, m->height);
}

void map_write_svg(const struct map *m, struct buf *out, const char *id, int standalone)
{
	struct scene *sc = map_layout(m);
	scene_write_svg(sc, out, id, standalone);
	scene_free(sc);
}

int map_write_png(const struct map *m, double scale, struct buf *out)
{
	struct scene *sc = map_layout(m);
	int rc = scene_write_png(sc, scale, out);
	scene_free(sc);
	return rc;
}

int map_write_pdf(const struct map *m, struct buf *out)
{
	struct scene *sc = map_layout(m);
	int rc = scene_write_pdf(sc, out);
	scene_free(sc);
	return rc;
}
