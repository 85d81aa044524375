/* The evaluation as HTML: GOV.UK Design System classes, tables with captions and row headers,
 * server-drawn SVG charts and the ward map, each with a text alternative. The same body goes
 * into the web page (inside the site's layout) and, wrapped with a small print stylesheet,
 * into the standalone file of `nestguard report evaluation --format html`. Every piece of
 * text passes through escape_html(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/evaluation.h"
#include "report/evaluation_report.h"
#include "report/paragraphs.h"
#include "util/buf.h"
#include "util/escape.h"

/* For the standalone file only: the web page has the site's stylesheet (and its CSP forbids
 * inline styles). Close to GOV.UK's look, and made for printing on A4. */
static const char standalone_css[] =
	"body{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;color:#0b0c0c;margin:0;line-height:1.4}"
	".ng-report{max-width:960px;margin:0 auto;padding:20px}"
	"h1{font-size:2.4rem;margin:0 0 10px}h2{font-size:1.7rem;margin:40px 0 15px;border-top:1px solid #b1b4b6;padding-top:20px}"
	"h3{font-size:1.2rem;margin:25px 0 10px}.govuk-body-l{font-size:1.3rem}.govuk-body-s{font-size:.9rem;color:#484949}"
	"table{border-collapse:collapse;width:100%;margin:0 0 20px}caption{text-align:left;font-weight:700;font-size:1.2rem;padding-bottom:8px}"
	"th,td{border-bottom:1px solid #b1b4b6;padding:8px 16px 8px 0;text-align:left;vertical-align:top}"
	".govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}.ng-total th,.ng-total td{font-weight:700}"
	".govuk-visually-hidden{position:absolute;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}"
	".ng-suppressed{font-style:italic}figure{margin:0 0 20px}svg{max-width:100%;height:auto}"
	"figcaption{font-size:.9rem;color:#484949}.ng-contents li{margin-bottom:4px}"
	"article{border-left:5px solid #b1b4b6;padding-left:15px;margin-bottom:25px}"
	"@media print{.ng-contents{display:none}h2{break-before:auto;break-after:avoid}table,figure,article{break-inside:avoid}"
	"body{font-size:11pt}.ng-report{padding:0}}"
	"@page{size:A4;margin:18mm 15mm}";

static void text(struct buf *b, const char *s)
{
	escape_html(b, s);
}

/* A paragraph per blank-line-separated block of S, single line breaks kept as <br>. */
static void paragraphs(struct buf *b, const char *s, const char *cls)
{
	const char *cursor = s, *p;
	size_t len;
	while (paragraph_next(&cursor, &p, &len)) {
		buf_printf(b, "<p class=\"%s\">", cls);
		size_t start = 0;
		for (size_t i = 0; i <= len; i++)
			if (i == len || p[i] == '\n') {
				escape_html_n(b, p + start, i - start);
				if (i < len) buf_puts(b, "<br>");
				start = i + 1;
			}
		buf_puts(b, "</p>\n");
	}
}

/* A table; its caption is for screen readers only when the section heading just said it. */
static void table_html(struct buf *b, const struct report_table *t, const char *id, const char *heading)
{
	buf_puts(b, "<table class=\"govuk-table\" id=\"table-");
	text(b, id);
	buf_printf(b, "\">\n<caption class=\"govuk-table__caption govuk-table__caption--m%s\">",
		strcmp(t->title, heading) == 0 ? " govuk-visually-hidden" : "");
	text(b, t->title);
	buf_puts(b, "</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
	for (size_t c = 0; c < t->column_count; c++) {
		buf_printf(b, "<th scope=\"col\" class=\"govuk-table__header%s\">",
			t->columns[c].numeric ? " govuk-table__header--numeric" : "");
		text(b, t->columns[c].heading);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t r = 0; r < t->row_count; r++) {
		buf_printf(b, "<tr class=\"govuk-table__row%s\">", t->rows[r].total ? " ng-total" : "");
		for (size_t c = 0; c < t->column_count; c++) {
			char *cell = report_table_cell_text(t, r, c);
			int suppressed = t->rows[r].cells[c].kind == REPORT_CELL_SUPPRESSED;
			if (c == 0)
				buf_puts(b, "<th scope=\"row\" class=\"govuk-table__header\">");
			else
				buf_printf(b, "<td class=\"govuk-table__cell%s%s\">", t->columns[c].numeric ? " govuk-table__cell--numeric" : "",
					suppressed ? " ng-suppressed" : "");
			text(b, cell);
			buf_puts(b, c == 0 ? "</th>" : "</td>");
			free(cell);
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	if (t->note && *t->note) {
		buf_puts(b, "<p class=\"govuk-body-s\">");
		text(b, t->note);
		buf_puts(b, "</p>\n");
	}
}

static void case_studies_html(struct buf *b, const struct evaluation *ev)
{
	for (size_t i = 0; i < ev->case_study_count; i++) {
		const struct evaluation_case_study *cs = &ev->case_studies[i];
		buf_puts(b, "<article class=\"ng-case-study\">\n<h3 class=\"govuk-heading-m\">");
		text(b, cs->title);
		buf_puts(b, "</h3>\n<p class=\"govuk-body-s\">Case opened: ");
		text(b, cs->when);
		buf_puts(b, "</p>\n");
		paragraphs(b, cs->body, "govuk-body");
		buf_puts(b, "</article>\n");
	}
}

/* Chart and map figures: the SVG (labelled by its own <title>/<desc>) and a caption. */
static void figure_open(struct buf *b, const char *caption)
{
	buf_puts(b, "<figure class=\"ng-figure\">\n<figcaption class=\"govuk-body-s\">");
	text(b, caption);
	buf_puts(b, "</figcaption>\n");
}

/* STANDALONE: the report's title is the page's <h1>; inside the web page, the page has its own. */
static void body_html(const struct evaluation_report *r, struct buf *b, int standalone)
{
	buf_puts(b, "<div class=\"ng-report\">\n");
	buf_puts(b, standalone ? "<h1 class=\"govuk-heading-xl\">" : "<p class=\"govuk-heading-l\">");
	text(b, r->title);
	buf_puts(b, standalone ? "</h1>\n" : "</p>\n");
	buf_puts(b, "<p class=\"govuk-body-l\" id=\"report-period\">");
	text(b, r->period);
	buf_puts(b, "</p>\n");
	if (r->public_version)
		buf_puts(b, "<strong class=\"govuk-tag govuk-tag--blue\">For the board and the public</strong>\n");
	else
		buf_puts(b, "<strong class=\"govuk-tag govuk-tag--red\">Internal: exact counts</strong>\n");
	buf_puts(b, "<nav class=\"ng-contents\" aria-label=\"Contents\"><h2 class=\"govuk-heading-s\">Contents</h2>\n<ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < r->section_count; i++) {
		buf_puts(b, "<li><a class=\"govuk-link\" href=\"#");
		text(b, r->sections[i].id);
		buf_puts(b, "\">");
		text(b, r->sections[i].heading);
		buf_puts(b, "</a></li>\n");
	}
	buf_puts(b, "</ul></nav>\n");
	for (size_t i = 0; i < r->section_count; i++) {
		const struct evaluation_section *s = &r->sections[i];
		buf_puts(b, "<section class=\"ng-report__section\" id=\"");
		text(b, s->id);
		buf_puts(b, "\">\n<h2 class=\"govuk-heading-l\">");
		text(b, s->heading);
		buf_puts(b, "</h2>\n");
		for (size_t k = 0; k < s->paragraph_count; k++) {
			buf_puts(b, "<p class=\"govuk-body\">");
			text(b, s->paragraphs[k]);
			buf_puts(b, "</p>\n");
		}
		if (s->case_studies) {
			if (r->ev->case_study_count) case_studies_html(b, r->ev);
			else {
				buf_puts(b, "<p class=\"govuk-body\">");
				text(b, s->empty_text);
				buf_puts(b, "</p>\n");
			}
		} else if (s->table && s->table->row_count) {
			table_html(b, s->table, s->id, s->heading);
		} else if (s->table) {
			buf_puts(b, "<p class=\"govuk-body\">");
			text(b, s->empty_text);
			buf_puts(b, "</p>\n");
		}
		if (s->chart) {
			figure_open(b, s->heading);
			char id[96];
			snprintf(id, sizeof id, "chart-%s", s->id);
			chart_write_svg(s->chart, b, id, 0);
			buf_puts(b, "</figure>\n");
		}
		if (s->ward_map && r->ward_map) {
			figure_open(b, "Map: cases by ward");
			map_write_svg(r->ward_map, b, "map-wards", 0);
			buf_puts(b, "</figure>\n");
		}
		for (size_t k = 0; k < s->note_count; k++) {
			buf_puts(b, "<p class=\"govuk-body-s\">");
			text(b, s->notes[k]);
			buf_puts(b, "</p>\n");
		}
		buf_puts(b, "</section>\n");
	}
	buf_puts(b, "<p class=\"govuk-body-s\">");
	text(b, r->footer);
	buf_puts(b, "</p>\n</div>\n");
}

int evaluation_write_html(const struct evaluation *ev, const struct evaluation_output *o, int standalone, struct buf *out)
{
	struct evaluation_report *r = evaluation_report_build(ev, o);
	if (standalone) {
		buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		text(out, r->title);
		buf_puts(out, ", ");
		text(out, r->period);
		buf_printf(out, "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>%s</style>\n"
			"</head>\n<body>\n<main>\n", standalone_css);
	}
	body_html(r, out, standalone);
	if (standalone) buf_puts(out, "</main>\n</body>\n</html>\n");
	evaluation_report_free(r);
	return 0;
}
