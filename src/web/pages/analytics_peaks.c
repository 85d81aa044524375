/* GET /analytics/peak-times — when incidents happen: the aoristic hour-of-week table of the
 * imported incident logs, as a 7 x 24 table (colour only as an enhancement: every cell holds
 * its number) and a chart of the hours of the day; GET /analytics/peak-times/export — CSV,
 * JSON, SVG or PNG. A thin shell around src/analytics/peak_report.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/peak_report.h"
#include "db/db.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/pages.h"

static const char *const EXPORTS[] = {"csv", "json", "svg", "png", NULL};

static const char *const SHADE_CLASS[6] = {"", " ng-heat--1", " ng-heat--2", " ng-heat--3", " ng-heat--4", " ng-heat--5"};

/* The heat map: a real table, with the shade of each cell as a class on it. */
static void heat_table(struct response *rs, const struct peak_report *r)
{
	struct report_table *t = peak_report_table(r);
	html_printf(rs, "<div class=\"ng-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"peak-caption\">\n"
		"<table class=\"govuk-table ng-table ng-heat\">\n<caption class=\"govuk-table__caption govuk-table__caption--s\" id=\"peak-caption\">%h</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">", t->title);
	for (size_t c = 0; c < t->column_count; c++)
		html_printf(rs, "<th scope=\"col\" class=\"govuk-table__header%r\">%h</th>", c ? " govuk-table__header--numeric" : "",
			t->columns[c].heading);
	html_printf(rs, "</tr></thead>\n<tbody class=\"govuk-table__body\">\n");
	for (size_t row = 0; row < t->row_count; row++) {
		html_printf(rs, "<tr class=\"govuk-table__row%r\">", t->rows[row].total ? " ng-table__total" : "");
		for (size_t c = 0; c < t->column_count; c++) {
			char *text = report_table_cell_text(t, row, c);
			int shaded = row < 24 && c >= 1 && c <= 7;
			const char *shade_html = shaded ? SHADE_CLASS[peak_report_shade(r, t->rows[row].cells[c].number)] : "";
			if (c == 0) html_printf(rs, "<th scope=\"row\" class=\"govuk-table__header\">%h</th>", text);
			else html_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric%r\">%h</td>", shade_html, text);
			free(text);
		}
		html_printf(rs, "</tr>\n");
	}
	html_printf(rs, "</tbody>\n</table>\n</div>\n<p class=\"govuk-body-s\">%h The shading is by fifths of the 168 hours of the "
		"week: the darkest cells are the busiest fifth, the lightest the quietest.</p>\n", t->note);
	report_table_free(t);
}

static void results(struct request *rq, struct response *rs, const struct peak_report *r)
{
	char what[400];
	incident_selection_describe(&r->sel, what, sizeof what);
	html_printf(rs, "<h2 class=\"govuk-heading-l\">%h</h2>\n", what);
	if (r->table.events == 0) {
		html_printf(rs, "<p class=\"govuk-body\">No incidents match.</p>\n");
		return;
	}
	char counts[300];
	snprintf(counts, sizeof counts, "%zu incidents. %zu (%.0f%%) have a window of more than 24 hours and %zu (%.0f%%) "
		"a known time (under two minutes).", r->table.events, r->over_day,
		100.0 * (double)r->over_day / (double)r->table.events, r->exact, 100.0 * (double)r->exact / (double)r->table.events);
	html_printf(rs, "<p class=\"govuk-body\">%h</p>\n", counts);
	if (r->over_day * 4 > r->table.events)
		html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
			"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>More than a quarter "
			"of the incidents span over a day: they spread thinly over many hours and flatten the table.</strong></div>\n");
	heat_table(rs, r);
	struct chart *c = peak_report_chart(r);
	struct buf svg = BUF_INIT;
	chart_write_svg(c, &svg, "peak-chart", 0);
	chart_free(c);
	const char *svg_html = buf_str(&svg);
	analytics_figure(rs, svg_html, "Incidents by hour of the day: the column “All days” of the table.");
	buf_free(&svg);
	analytics_downloads(rq, rs, "/analytics/peak-times/export", EXPORTS);
	html_printf(rs, "<p class=\"govuk-body-s\">From the command line: <code>nestguard analyse peak-times --help</code>.</p>\n");
}

void page_analytics_peaks(struct request *rq, struct response *rs)
{
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct incident_selection sel;
	int ok = incident_selection_parse(rq->db, &a, &sel, &e) == 0;
	struct peak_report r;
	char err[256];
	if (ok && peak_report_build(rq->db, &sel, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "area", "%s", err);
		ok = 0;
	}
	if (!ok) rs->status = 400;
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "peak-times", NULL, NULL);
	analytics_begin(rq, rs, ok ? "Peak times" : "Error: Peak times", "/analytics/peak-times");
	analytics_error_summary(rs, &e);
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Peak times</h1>\n"
		"<p class=\"govuk-body\">When incidents happen, by hour of the week. Most burglaries are found after the event: "
		"the victim knows only that it happened between leaving and coming back. Aoristic analysis spreads each "
		"incident evenly over that window, minute by minute, and adds the pieces up by hour.</p>\n"
		"<p class=\"govuk-body\">police.uk data has only the month of each crime, so this page uses incident logs with "
		"from and to times.</p>\n");
	if (!db_int(rq->db, 0, "SELECT 1 FROM incident LIMIT 1", "")) {
		html_printf(rs, "<div class=\"govuk-inset-text\">No incident log has been imported yet. "
			"<a class=\"govuk-link\" href=\"/analytics/incidents/import\">Import incidents</a> (analysts and administrators).</div>\n");
	} else {
		html_printf(rs, "<form method=\"get\" action=\"/analytics/peak-times\" novalidate class=\"ng-analysis-form\">\n");
		analytics_incident_fields(rq, rs, &a, &e);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show peak times</button>\n</form>\n");
		if (ok) results(rq, rs, &r);
	}
	analytics_end(rq, rs);
}

void page_analytics_peaks_export(struct request *rq, struct response *rs)
{
	int format = analytics_export_format(rq, rs, EXPORTS);
	if (format < 0) return;
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct incident_selection sel;
	struct peak_report r;
	char err[256];
	if (incident_selection_parse(rq->db, &a, &sel, &e) != 0) {
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	if (peak_report_build(rq->db, &sel, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "area", "%s", err);
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	audit_record(rq->db, &rq->actor, "analytics.export", "page", "peak-times", NULL, analysis_format_extension(format));
	struct buf out = BUF_INIT;
	if (format == FORMAT_CSV) peak_report_csv(&r, &out);
	else if (format == FORMAT_JSON) peak_report_json(&r, &out);
	else {
		struct chart *c = peak_report_chart(&r);
		chart_set_draw_title(c, 1);
		if (format == FORMAT_SVG) chart_write_svg(c, &out, "peak-chart", 1);
		else if (chart_write_png(c, 2, &out) != 0) rs->status = 500;
		chart_free(c);
	}
	char slug[200];
	incident_selection_slug(&sel, slug, sizeof slug);
	if (rs->status != 500) analytics_send(rq, rs, format, arena_printf(rq->arena, "peak-times-%s", slug), &out);
	buf_free(&out);
}
