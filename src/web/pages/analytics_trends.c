/* GET /analytics/trends — monthly crime counts for the borough, a ward or an LSOA with the
 * rolling 12-month total, changes on the previous period and the same period last year, and
 * the Mann-Kendall trend test with its caveats; GET /analytics/trends/export — the same as
 * CSV, JSON, SVG or PNG. A thin shell around src/analytics/trend_report.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/trend_report.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/pages.h"

static const char *const EXPORTS[] = {"csv", "json", "svg", "png", NULL};

static void caveats(struct response *rs, unsigned bits)
{
	if (!bits) return;
	html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
		"<div class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Read the trend with care:\n"
		"<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (unsigned bit = 1; bit <= TREND_CAVEAT_AUTOCORRELATED; bit <<= 1)
		if (bits & bit) html_printf(rs, "<li>%h</li>\n", trend_caveat_text(bit));
	html_printf(rs, "</ul>\n</div>\n</div>\n");
}

static void results(struct request *rq, struct response *rs, const struct trend_report *r)
{
	char what[600];
	crime_selection_describe(&r->sel, what, sizeof what);
	html_printf(rs, "<h2 class=\"govuk-heading-l\">%h</h2>\n", what);
	if (r->total == 0) {
		html_printf(rs, "<p class=\"govuk-body\">No crimes of this type were recorded here in these months.</p>\n");
		return;
	}
	char verdict[300], total[48];
	trend_report_verdict(&r->mk, verdict, sizeof verdict);
	snprintf(total, sizeof total, "%.0f crimes in %zu months (%.1f a month)", r->total, r->nmonths, r->total / (double)r->nmonths);
	html_printf(rs, "<dl class=\"govuk-summary-list\">\n"
		"<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Crimes</dt><dd class=\"govuk-summary-list__value\">%h</dd></div>\n"
		"<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Trend</dt><dd class=\"govuk-summary-list__value\">%h</dd></div>\n"
		"</dl>\n", total, verdict);
	caveats(rs, r->caveats);

	struct chart *c = trend_report_chart(r);
	struct buf svg = BUF_INIT;
	chart_write_svg(c, &svg, "trend-chart", 0);
	chart_free(c);
	const char *svg_html = buf_str(&svg);
	analytics_figure(rs, svg_html, "Crimes a month and the 12-month average. The numbers are in the table "
		"“by month” below.");
	buf_free(&svg);

	struct report_table *t = trend_report_change_table(r);
	analytics_table(rs, t);
	report_table_free(t);
	if (r->ntypes > 1) {
		t = trend_report_type_table(r);
		analytics_table(rs, t);
		report_table_free(t);
	}
	t = trend_report_month_table(r);
	analytics_table(rs, t);
	report_table_free(t);
	analytics_downloads(rq, rs, "/analytics/trends/export", EXPORTS);
	html_printf(rs, "<p class=\"govuk-body-s\">The same analysis from the command line: <code>nestguard analyse trends --help</code>.</p>\n");
}

void page_analytics_trends(struct request *rq, struct response *rs)
{
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct crime_selection sel;
	int ok = crime_selection_parse(rq->db, &a, NULL, &sel, &e) == 0;
	struct trend_report r;
	memset(&r, 0, sizeof r);
	char err[256];
	if (ok && trend_report_build(rq->db, &sel, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "area", "%s", err);
		ok = 0;
	}
	if (!ok) rs->status = 400;
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "trends", NULL, NULL);
	analytics_begin(rq, rs, ok ? "Crime trends" : "Error: Crime trends", "/analytics/trends");
	analytics_error_summary(rs, &e);
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Crime trends</h1>\n"
		"<p class=\"govuk-body\">Monthly counts of police-recorded crime, the 12-month total, changes on the previous "
		"period and on the same period last year, and a test of whether the numbers are rising or falling "
		"(Mann-Kendall). See the analytics guide for how to read them.</p>\n");
	if (!analytics_data_notice(rq, rs, 0)) {
		html_printf(rs, "<form method=\"get\" action=\"/analytics/trends\" novalidate class=\"ng-analysis-form\">\n");
		analytics_selection_fields(rq, rs, ok ? &sel : NULL, &a, &e, 1);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show trends</button>\n</form>\n");
		if (ok) results(rq, rs, &r);
	}
	trend_report_free(&r);
	analytics_end(rq, rs);
}

void page_analytics_trends_export(struct request *rq, struct response *rs)
{
	int format = analytics_export_format(rq, rs, EXPORTS);
	if (format < 0) return;
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct crime_selection sel;
	struct trend_report r;
	char err[256];
	if (crime_selection_parse(rq->db, &a, NULL, &sel, &e) != 0) {
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	if (trend_report_build(rq->db, &sel, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "area", "%s", err);
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	audit_record(rq->db, &rq->actor, "analytics.export", "page", "trends", NULL, analysis_format_extension(format));
	struct buf out = BUF_INIT;
	if (format == FORMAT_CSV) {
		trend_report_csv(&r, &out);
	} else if (format == FORMAT_JSON) {
		trend_report_json(&r, &out);
	} else {
		struct chart *c = trend_report_chart(&r);
		chart_set_draw_title(c, 1);
		if (format == FORMAT_SVG) chart_write_svg(c, &out, "trend-chart", 1);
		else if (chart_write_png(c, 2, &out) != 0) rs->status = 500;
		chart_free(c);
	}
	char slug[200];
	crime_selection_slug(&sel, slug, sizeof slug);
	if (rs->status != 500) analytics_send(rq, rs, format, arena_printf(rq->arena, "trends-%s", slug), &out);
	buf_free(&out);
	trend_report_free(&r);
}
