/* GET /analytics/cases — exploitation cases (cuckooing by default) counted by ward on a map
 * of the wards, with counts under 5 and the cells that would reveal them suppressed;
 * GET /analytics/cases/export — CSV, JSON, GeoJSON, SVG or PNG. Aggregates only: no case,
 * person or address ever reaches this page. A thin shell around case_map_report.c. */
#include <stdio.h>
#include <string.h>
#include "analytics/case_map_report.h"
#include "model/audit.h"
#include "web/dispatch.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

static const char *const EXPORTS[] = {"csv", "json", "geojson", "svg", "png", NULL};

static void fields(struct response *rs, const struct analysis_args *a, const struct field_errors *e)
{
	static const struct choice kinds[] = {{"cuckooing", "Cuckooing (property takeover)"}, {"all", "Every kind of exploitation"}};
	static const struct choice statuses[] = {{"open", "Open now"}, {"closed", "Closed"}, {"all", "Open or closed"}};
	const char *kind = analysis_args_get(a, "kind"), *status = analysis_args_get(a, "status");
	ui_radios(rs, "kind", "kind", "Cases", NULL, kinds, 2, kind ? kind : "cuckooing", field_errors_for(e, "kind"), 1);
	ui_radios(rs, "status", "status", "Status", NULL, statuses, 3, status ? status : "open", field_errors_for(e, "status"), 1);
	html_printf(rs, "<div class=\"ng-field-row\">\n");
	analytics_input(rs, "opened_from", "Opened on or after", "For example, 1/4/2024", analysis_args_get(a, "opened_from"),
		"govuk-input--width-10", e);
	analytics_input(rs, "opened_to", "Opened on or before", "For example, 31/3/2025", analysis_args_get(a, "opened_to"),
		"govuk-input--width-10", e);
	html_printf(rs, "</div>\n");
}

void page_analytics_cases(struct request *rq, struct response *rs)
{
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct case_map_params p;
	int ok = case_map_params_parse(&a, &p, &e) == 0;
	struct case_map_report r;
	memset(&r, 0, sizeof r);
	int have = ok && case_map_report_build(rq->db, &p, &r) == 0;
	if (!ok) rs->status = 400;
	/* aggregates of case records: the view is audited like any look at case data */
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "cases-by-ward", NULL, NULL);
	analytics_begin(rq, rs, ok ? "Cases on the map" : "Error: Cases on the map", "/analytics/cases");
	analytics_error_summary(rs, &e);
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Cases on the map</h1>\n"
		"<p class=\"govuk-body\">Exploitation cases of every agency counted by ward. Counts from 1 to 4 are shown as "
		"“fewer than 5”, and other counts are hidden where they would let someone work a small one out from the "
		"total. No case, person or address is shown. The same counts can be laid over the crime maps on the "
		"<a class=\"govuk-link\" href=\"/analytics/hotspots\">Hot spots</a> page.</p>\n");
	html_printf(rs, "<form method=\"get\" action=\"/analytics/cases\" novalidate class=\"ng-analysis-form\">\n");
	fields(rs, &a, &e);
	html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show cases</button>\n</form>\n");
	if (ok && !have) {
		html_printf(rs, "<div class=\"govuk-inset-text\">No ward boundaries have been imported, so there is no map to "
			"draw.</div>\n");
	} else if (have) {
		char what[300];
		case_map_params_describe(&r.params, what, sizeof what);
		html_printf(rs, "<h2 class=\"govuk-heading-l\">%h by ward</h2>\n", what);
		struct map *m = case_map_report_map(&r);
		struct buf svg = BUF_INIT;
		map_write_svg(m, &svg, "cases-map", 0);
		map_free(m);
		const char *svg_html = buf_str(&svg);
		analytics_figure(rs, svg_html, "Wards shaded by the number of cases. The numbers are in the table below.");
		buf_free(&svg);
		struct report_table *t = case_map_report_table(&r);
		analytics_table(rs, t);
		report_table_free(t);
		if (r.unprotected)
			html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
				"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Some small counts "
				"could still be worked out from the total. Do not share this table outside the partnership.</strong></div>\n");
		analytics_downloads(rq, rs, "/analytics/cases/export", EXPORTS);
	}
	case_map_report_free(&r);
	analytics_end(rq, rs);
}

void page_analytics_cases_export(struct request *rq, struct response *rs)
{
	int format = analytics_export_format(rq, rs, EXPORTS);
	if (format < 0) return;
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct case_map_params p;
	if (case_map_params_parse(&a, &p, &e) != 0) {
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	struct case_map_report r;
	if (case_map_report_build(rq->db, &p, &r) != 0) {
		case_map_report_free(&r);
		web_error(rq, rs, 409, "No ward boundaries have been imported yet");
		return;
	}
	audit_record(rq->db, &rq->actor, "analytics.export", "page", "cases-by-ward", NULL, analysis_format_extension(format));
	struct buf out = BUF_INIT;
	if (format == FORMAT_CSV) case_map_report_csv(&r, &out);
	else if (format == FORMAT_JSON) case_map_report_json(&r, &out);
	else if (format == FORMAT_GEOJSON) case_map_report_geojson(&r, &out);
	else {
		struct map *m = case_map_report_map(&r);
		map_set_draw_title(m, 1);
		if (format == FORMAT_SVG) map_write_svg(m, &out, "cases-map", 1);
		else if (map_write_png(m, 2, &out) != 0) rs->status = 500;
		map_free(m);
	}
	if (rs->status != 500) analytics_send(rq, rs, format, p.cuckooing_only ? "cuckooing-cases-by-ward" : "cases-by-ward", &out);
	buf_free(&out);
	case_map_report_free(&r);
}
