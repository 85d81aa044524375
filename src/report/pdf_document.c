/* A4 PDF documents (see pdf_document.h). Each page is a scene; content flows down the
 * current page and breaks to a new one when it does not fit. Headings are kept with the
 * next few lines, table captions with their header and first row, and a table that
 * breaks repeats its header row on the next page. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo-pdf.h>
#include "report/pdf_document.h"
#include "report/palette.h"
#include "report/report_text.h"
#include "util/xalloc.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_X 56.7
#define MARGIN_TOP 56.7
#define MARGIN_BOTTOM 72.0
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define CONTENT_H (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
#define BODY 10.5
#define BODY_LINE 14.5
#define SMALL 8.5
#define SMALL_LINE 11.5
#define CELL 9.5
#define CELL_LINE 12.0
#define CELL_PAD_X 5.0
#define CELL_PAD_Y 4.0

struct pdf_document {
	char *title, *footer;
	struct scene **pages;
	size_t page_count;
	double y;          /* top of the free space on the last page */
	int finished;
	/* the last heading, while nothing has followed it: it moves with a page break */
	int heading_open;
	size_t heading_item;   /* its first item on the last page */
	double heading_y;      /* where it started */
};

struct pdf_document *pdf_document_new(const char *title)
{
	struct pdf_document *d = xcalloc(1, sizeof *d);
	d->title = report_text_clean(title);
	d->footer = report_text_clean(NULL);
	return d;
}

void pdf_document_free(struct pdf_document *d)
{
	if (!d) return;
	for (size_t i = 0; i < d->page_count; i++) scene_free(d->pages[i]);
	free(d->pages);
	free(d->title);
	free(d->footer);
	free(d);
}

void pdf_document_set_footer(struct pdf_document *d, const char *text)
{
	free(d->footer);
	d->footer = report_text_clean(text);
}

size_t pdf_document_page_count(const struct pdf_document *d)
{
	return d->page_count ? d->page_count : 1;
}

const struct scene *pdf_document_page(const struct pdf_document *d, size_t i)
{
	if (i >= d->page_count) fatal("pdf_document_page: no page %zu", i);
	return d->pages[i];
}

static void new_page(struct pdf_document *d)
{
	if (d->finished) fatal("pdf_document: content added after finish");
	d->pages = xrealloc(d->pages, (d->page_count + 1) * sizeof *d->pages);
	d->pages[d->page_count++] = scene_new(PAGE_W, PAGE_H);
	if (d->heading_open && d->page_count > 1 && d->heading_y > MARGIN_TOP + 0.01) {
		/* a heading never ends a page: take it along */
		double dy = MARGIN_TOP - d->heading_y;
		scene_move_tail(d->pages[d->page_count - 1], d->pages[d->page_count - 2], d->heading_item, 0, dy);
		d->y += dy;
		d->heading_item = 0;
		d->heading_y = MARGIN_TOP;
		return;
	}
	d->y = MARGIN_TOP;
}

/* Content other than a heading has been placed: the last heading stays where it is. */
static void placed(struct pdf_document *d)
{
	d->heading_open = 0;
}

static struct scene *page(struct pdf_document *d)
{
	if (!d->page_count) new_page(d);
	return d->pages[d->page_count - 1];
}

static int at_top(const struct pdf_document *d)
{
	return d->page_count && d->y <= MARGIN_TOP + 0.01;
}

/* Make sure HEIGHT fits below the current position, starting a page if not (unless the
 * page is still empty: then it goes here whatever its size). */
static void ensure(struct pdf_document *d, double height)
{
	page(d);
	if (!at_top(d) && d->y + height > PAGE_H - MARGIN_BOTTOM) new_page(d);
}

static void gap(struct pdf_document *d, double space)
{
	if (!at_top(d)) d->y += space;
}

/* One line of text at the current position; the line takes LINE_H. */
static struct scene_item *put_line(struct pdf_document *d, const char *s, double x, double size, double line_h,
                                   enum scene_anchor anchor, uint32_t colour)
{
	double baseline = d->y + (line_h + size * REPORT_CAP_HEIGHT) / 2;
	return scene_text(page(d), s, x, baseline, size, anchor, colour);
}

/* Line I of the N lines TEXT was wrapped into, with the space that stood at the break (if
 * one did: a word too long for a line is cut without one), so that text extracted from the
 * PDF by screen readers or copying reads "received 161", not "received161". */
static char *line_text(const char *text, char **lines, size_t i, size_t n)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, lines[i]);
	if (i + 1 < n) {
		const char *cursor = text;
		for (size_t j = 0; j <= i && cursor; j++) {
			const char *at = strstr(cursor, lines[j]);
			cursor = at ? at + strlen(lines[j]) : NULL;
		}
		if (!cursor || *cursor == ' ') buf_putc(&b, ' ');
	}
	return buf_detach(&b);
}

/* Wrapped text, breaking across pages between lines. */
static void put_text(struct pdf_document *d, const char *text, double size, double line_h, int bold, uint32_t colour)
{
	char **lines;
	size_t n = report_text_wrap(text, size, bold, TEXT_W, 10000, &lines);
	for (size_t i = 0; i < n; i++) {
		ensure(d, line_h);
		if (i == 0) scene_tag_begin(page(d), "P");
		char *s = line_text(text, lines, i, n);
		put_line(d, s, MARGIN_X, size, line_h, SCENE_ANCHOR_START, colour)->u.text.bold = bold;
		free(s);
		d->y += line_h;
		placed(d);
	}
	scene_tag_end(page(d), "P");
	report_text_lines_free(lines, n);
}

void pdf_document_heading(struct pdf_document *d, int level, const char *text)
{
	static const double size[] = {20, 15, 12.5}, before[] = {0, 16, 10};
	if (level < 1 || level > 3) fatal("pdf_document_heading: level %d", level);
	double sz = size[level - 1], line_h = sz * 1.3;
	char **lines;
	size_t n = report_text_wrap(text, sz, 1, TEXT_W, 4, &lines);
	/* keep with the next three lines of body text */
	ensure(d, before[level - 1] + (double)n * line_h + 3 * BODY_LINE);
	if (!d->heading_open) {
		d->heading_open = 1;
		d->heading_item = page(d)->count;
		d->heading_y = d->y;
	}
	gap(d, before[level - 1]);
	static const char *tags[] = {"H1", "H2", "H3"};
	scene_tag_begin(page(d), tags[level - 1]);
	for (size_t i = 0; i < n; i++) {
		char *s = line_text(text, lines, i, n);
		put_line(d, s, MARGIN_X, sz, line_h, SCENE_ANCHOR_START, PALETTE_TEXT)->u.text.bold = 1;
		free(s);
		d->y += line_h;
	}
	scene_tag_end(page(d), tags[level - 1]);
	report_text_lines_free(lines, n);
	d->y += 4;
	d->heading_open = 1;  /* stays open until other content is placed (see placed()) */
}

void pdf_document_paragraph(struct pdf_document *d, const char *text)
{
	put_text(d, text, BODY, BODY_LINE, 0, PALETTE_TEXT);
	d->y += 7;
}

void pdf_document_note(struct pdf_document *d, const char *text)
{
	put_text(d, text, SMALL, SMALL_LINE, 0, PALETTE_SECONDARY);
	d->y += 7;
}

void pdf_document_page_break(struct pdf_document *d)
{
	placed(d);
	if (!at_top(d)) new_page(d);
}

/* Tables. */
struct table_plan {
	double *width;       /* per column */
	char ***cell_lines;  /* [row * columns + col] wrapped lines; row -1 (index 0) is the header */
	size_t *cell_count;
	char **text;         /* each cell's whole text, same indexing */
	double *row_height;  /* header first */
	size_t columns, rows;
};

static double max_word_width(const char *s, double size, int bold)
{
	double best = 0;
	char *copy = xstrdup(s);
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		best = fmax(best, report_text_width(w, size, bold));
	free(copy);
	return best;
}

static void plan_table(const struct report_table *t, struct table_plan *p)
{
	size_t C = t->column_count, R = t->row_count + 1;
	p->columns = C;
	p->rows = R;
	p->width = xcalloc(C, sizeof *p->width);
	p->cell_lines = xcalloc(R * C, sizeof *p->cell_lines);
	p->cell_count = xcalloc(R * C, sizeof *p->cell_count);
	p->row_height = xcalloc(R, sizeof *p->row_height);
	char **text = xcalloc(R * C, sizeof *text);
	double *natural = xcalloc(C, sizeof *natural), *least = xcalloc(C, sizeof *least);
	for (size_t c = 0; c < C; c++) {
		text[c] = xstrdup(t->columns[c].heading);
		/* a heading may wrap at its spaces */
		natural[c] = max_word_width(text[c], CELL, 1);
		least[c] = natural[c];
		for (size_t r = 1; r < R; r++) {
			text[r * C + c] = report_table_cell_text(t, r - 1, c);
			int bold = t->rows[r - 1].total;
			natural[c] = fmax(natural[c], report_text_width(text[r * C + c], CELL, bold));
			least[c] = fmax(least[c], t->columns[c].numeric ? report_text_width(text[r * C + c], CELL, bold)
			                                                 : max_word_width(text[r * C + c], CELL, bold));
		}
		/* a short heading over a number column should not wrap needlessly */
		natural[c] = fmax(natural[c], fmin(report_text_width(text[c], CELL, 1), TEXT_W / (double)C - 2 * CELL_PAD_X));
		natural[c] += 2 * CELL_PAD_X;
		least[c] = fmin(least[c] + 2 * CELL_PAD_X, TEXT_W / 2);
	}
	double sum = 0;
	for (size_t c = 0; c < C; c++) sum += natural[c];
	if (sum <= TEXT_W) {
		memcpy(p->width, natural, C * sizeof *natural);
	} else {
		/* give each column its least width, then share what is left by natural width */
		double base = 0, extra = 0;
		for (size_t c = 0; c < C; c++) { base += least[c]; extra += natural[c] - least[c]; }
		double left = TEXT_W - base;
		for (size_t c = 0; c < C; c++) {
			if (left >= 0) p->width[c] = least[c] + (extra > 0 ? (natural[c] - least[c]) * left / extra : 0);
			else p->width[c] = least[c] * TEXT_W / base;
		}
	}
	for (size_t r = 0; r < R; r++) {
		size_t most = 1;
		int bold = r == 0 || t->rows[r - 1].total;
		for (size_t c = 0; c < C; c++) {
			size_t k = r * C + c;
			p->cell_count[k] = report_text_wrap(text[k], CELL, bold, p->width[c] - 2 * CELL_PAD_X + 0.5, 50, &p->cell_lines[k]);
			if (p->cell_count[k] > most) most = p->cell_count[k];
		}
		p->row_height[r] = (double)most * CELL_LINE + 2 * CELL_PAD_Y;
	}
	p->text = text;
	free(natural);
	free(least);
}

static void free_plan(struct table_plan *p)
{
	for (size_t k = 0; k < p->rows * p->columns; k++) {
		report_text_lines_free(p->cell_lines[k], p->cell_count[k]);
		free(p->text[k]);
	}
	free(p->text);
	free(p->cell_lines);
	free(p->cell_count);
	free(p->width);
	free(p->row_height);
}

/* Row R of the plan (0 = header) at the current position. */
static void put_row(struct pdf_document *d, const struct report_table *t, const struct table_plan *p, size_t r)
{
	struct scene *sc = page(d);
	int header = r == 0, total = !header && t->rows[r - 1].total;
	double x = MARGIN_X, table_w = 0;
	for (size_t c = 0; c < p->columns; c++) table_w += p->width[c];
	if (total) scene_line(sc, MARGIN_X, d->y, MARGIN_X + table_w, d->y, scene_stroke(PALETTE_TEXT, 0.75));
	scene_tag_begin(sc, "TR");
	for (size_t c = 0; c < p->columns; c++) {
		size_t k = r * p->columns + c;
		int right = t->columns[c].numeric;
		scene_tag_begin(sc, header ? "TH" : "TD");
		int suppressed = !header && t->rows[r - 1].cells[c].kind == REPORT_CELL_SUPPRESSED;
		for (size_t i = 0; i < p->cell_count[k]; i++) {
			double baseline = d->y + CELL_PAD_Y + (double)i * CELL_LINE + (CELL_LINE + CELL * REPORT_CAP_HEIGHT) / 2;
			char *s = right ? xstrdup(p->cell_lines[k][i]) : line_text(p->text[k], p->cell_lines[k], i, p->cell_count[k]);
			struct scene_item *it = scene_text(sc, s, right ? x + p->width[c] - CELL_PAD_X : x + CELL_PAD_X,
			                                   baseline, CELL, right ? SCENE_ANCHOR_END : SCENE_ANCHOR_START,
			                                   suppressed ? PALETTE_SECONDARY : PALETTE_TEXT);
			it->u.text.bold = header || total;
			free(s);
		}
		scene_tag_end(sc, header ? "TH" : "TD");
		x += p->width[c];
	}
	scene_tag_end(sc, "TR");
	d->y += p->row_height[r];
	scene_line(sc, MARGIN_X, d->y, MARGIN_X + table_w, d->y,
	           header ? scene_stroke(PALETTE_TEXT, 1) : scene_stroke(PALETTE_GRID, 0.5));
}

void pdf_document_table(struct pdf_document *d, const struct report_table *t)
{
	if (t->column_count == 0) return;
	struct table_plan p;
	plan_table(t, &p);
	double caption_h = *t->title ? BODY_LINE + 2 : 0;
	ensure(d, caption_h + p.row_height[0] + (p.rows > 1 ? p.row_height[1] : 0));
	gap(d, 4);
	scene_tag_begin(page(d), "Table");
	if (*t->title) {
		scene_tag_begin(page(d), "Caption");
		put_line(d, t->title, MARGIN_X, BODY, BODY_LINE, SCENE_ANCHOR_START, PALETTE_TEXT)->u.text.bold = 1;
		scene_tag_end(page(d), "Caption");
		d->y += caption_h;
	}
	put_row(d, t, &p, 0);
	placed(d);
	for (size_t r = 1; r < p.rows; r++) {
		if (d->y + p.row_height[r] > PAGE_H - MARGIN_BOTTOM) {
			new_page(d);
			if (*t->title) {
				struct buf b = BUF_INIT;
				buf_printf(&b, "%s (continued)", t->title);
				put_line(d, buf_str(&b), MARGIN_X, BODY, BODY_LINE, SCENE_ANCHOR_START, PALETTE_SECONDARY)->u.text.bold = 1;
				buf_free(&b);
				d->y += caption_h;
			}
			put_row(d, t, &p, 0);
		}
		put_row(d, t, &p, r);
	}
	scene_tag_end(page(d), "Table");
	free_plan(&p);
	d->y += 6;
	if (*t->note) put_text(d, t->note, SMALL, SMALL_LINE, 0, PALETTE_SECONDARY);
	d->y += 8;
}

/* A laid-out figure, shrunk to fit a page when taller. */
static void put_figure(struct pdf_document *d, struct scene *sc)
{
	double scale = sc->height > CONTENT_H ? CONTENT_H / sc->height : 1;
	ensure(d, sc->height * scale + 6);
	gap(d, 6);
	scene_tag_begin(page(d), "Figure");
	scene_append(page(d), sc, MARGIN_X + (TEXT_W - sc->width * scale) / 2, d->y, scale);
	scene_tag_end(page(d), "Figure");
	placed(d);
	d->y += sc->height * scale + 10;
	scene_free(sc);
}

void pdf_document_chart(struct pdf_document *d, const struct chart *c, double height)
{
	put_figure(d, chart_layout_sized(c, TEXT_W, height));
}

void pdf_document_map(struct pdf_document *d, const struct map *m, double height)
{
	struct scene *sc = map_layout_sized(m, TEXT_W, height);
	if (height == 0 && sc->height > CONTENT_H * 0.8) {
		scene_free(sc);
		sc = map_layout_sized(m, TEXT_W, CONTENT_H * 0.8);
	}
	put_figure(d, sc);
}

static cairo_status_t append_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int pdf_document_finish(struct pdf_document *d, struct buf *out)
{
	if (d->finished) fatal("pdf_document_finish: called twice");
	page(d);
	d->finished = 1;
	for (size_t i = 0; i < d->page_count; i++) {
		struct scene *sc = d->pages[i];
		double rule = PAGE_H - MARGIN_BOTTOM + 22;
		scene_line(sc, MARGIN_X, rule, PAGE_W - MARGIN_X, rule, scene_stroke(PALETTE_GRID, 0.5));
		struct buf number = BUF_INIT;
		buf_printf(&number, "Page %zu of %zu", i + 1, d->page_count);
		double number_w = report_text_width(buf_str(&number), SMALL, 0);
		if (*d->footer) {
			char **lines;
			size_t n = report_text_wrap(d->footer, SMALL, 0, TEXT_W - number_w - 24, 1, &lines);
			scene_text(sc, lines[0], MARGIN_X, rule + 14, SMALL, SCENE_ANCHOR_START, PALETTE_SECONDARY);
			report_text_lines_free(lines, n);
		}
		scene_text(sc, buf_str(&number), PAGE_W - MARGIN_X, rule + 14, SMALL, SCENE_ANCHOR_END, PALETTE_SECONDARY);
		buf_free(&number);
	}
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append_to_buf, out, PAGE_W, PAGE_H);
	if (*d->title) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "nestguard");
	cairo_t *cr = cairo_create(surface);
	/* tagged PDF: headings, paragraphs, tables and figures are marked for screen readers */
	cairo_tag_begin(cr, "Document", NULL);
	for (size_t i = 0; i < d->page_count; i++) {
		scene_draw_cairo(d->pages[i], cr);
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
