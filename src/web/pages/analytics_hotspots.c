/* GET /analytics/hotspots — kernel density and Getis-Ord Gi* hot spots of the selected crime,
 * drawn over the ward boundaries, optionally with cuckooing cases per ward (suppressed where
 * small); GET /analytics/hotspots/export — CSV, JSON, GeoJSON, SVG or PNG. A thin shell
 * around src/analytics/hotspot_report.c and case_map_report.c. */
#include <stdio.h>
#include <string.h>
#include "analytics/case_map_report.h"
#include "analytics/hotspot_report.h"
#include "analytics/kde.h"
#include "db/db.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

static const char *const EXPORTS[] = {"csv", "json", "geojson", "svg", "png", NULL};

/* Whether cases are to be shown on the map (the "cases" argument). */
static int wants_cases(const struct analysis_args *a)
{
	const char *v = analysis_args_get(a, "cases");
	return v && strcmp(v, "1") == 0;
}

/* The map, with the cases per ward as notes when asked for and the map shows wards. Fills
 * CASES (then the caller frees it) and sets *WITH_CASES. */
static struct map *make_map(struct request *rq, const struct hotspot_report *r, int cases_wanted,
	struct case_map_report *cases, int *with_cases)
{
	struct map *m = hotspot_report_map(r);
	*with_cases = 0;
	memset(cases, 0, sizeof *cases);
	const struct area_shapes *drawn = r->params.method == HOTSPOT_GISTAR_WARDS ? &r->areas : &r->study;
	if (!cases_wanted || strcmp(drawn->level, "ward") != 0) return m;
	struct case_map_params cp = {1, CASES_OPEN, "", ""};
	if (case_map_report_build(rq->db, &cp, cases) != 0) return m;
	case_map_report_overlay(cases, m, drawn);
	*with_cases = 1;
	return m;
}

static void method_fields(struct response *rs, const struct hotspot_params *p, const struct analysis_args *a,
	const struct field_errors *e)
{
	static const struct choice methods[] = {
		{"kde", "Kernel density (where crime is concentrated)"},
		{"gistar", "Getis-Ord Gi* on grid cells (statistically significant hot and cold spots)"},
		{"gistar-wards", "Getis-Ord Gi* by ward"},
		{"gistar-lsoas", "Getis-Ord Gi* by neighbourhood (LSOA)"},
	};
	const char *method = p ? hotspot_method_name(p->method) : analysis_args_get(a, "method");
	ui_radios(rs, "method", "method", "Method", NULL, methods, 4, method ? method : "kde",
		field_errors_for(e, "method"), 1);
	char dflt[160];
	snprintf(dflt, sizeof dflt, "Grid methods. Leave empty for %g metres for kernel density (about a street block), "
		"%g metres for Gi*", KDE_DEFAULT_CELL, GISTAR_DEFAULT_CELL);
	analytics_input(rs, "cell", "Cell size in metres", dflt, analysis_args_get(a, "cell"), "govuk-input--width-5", e);
	snprintf(dflt, sizeof dflt, "Kernel density. Leave empty for %g metres: how far each crime's influence spreads",
		KDE_DEFAULT_BANDWIDTH);
	analytics_input(rs, "bandwidth", "Bandwidth in metres", dflt, analysis_args_get(a, "bandwidth"),
		"govuk-input--width-5", e);
	analytics_input(rs, "neighbourhood", "Gi* neighbourhood in metres",
		"Gi* on grid cells. Leave empty for one and a half cells: each cell and the eight around it",
		analysis_args_get(a, "neighbourhood"), "govuk-input--width-5", e);
	static const struct choice fdr[] = {{"1", "Correct for testing many cells at once (false discovery rate)"}};
	static const struct choice cases[] = {{"1", "Show open cuckooing cases per ward on the map"}};
	const char *fdr_on = analysis_args_get(a, "fdr"), *cases_on = analysis_args_get(a, "cases");
	ui_checkboxes(rs, "fdr", "fdr", "Gi* options", NULL, fdr, 1, &fdr_on, fdr_on ? 1 : 0, NULL);
	ui_checkboxes(rs, "cases", "cases", "Cases", "Counts under 5 are not shown", cases, 1, &cases_on, cases_on ? 1 : 0, NULL);
}

static void caveats(struct response *rs, const struct hotspot_params *p)
{
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Reading this map</h2>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
	if (p->method == HOTSPOT_KDE)
		html_printf(rs, "<li>Density shows where crimes are concentrated, not where the risk to each home is highest: "
			"a dense estate can show up whatever its rate.</li>\n"
			"<li>police.uk moves every crime to a nearby snap point on a street, so do not read exact positions "
			"within about 100 metres off the map.</li>\n"
			"<li>Near the borough boundary the density is understated: crimes just outside are not counted.</li>\n");
	else
		html_printf(rs, "<li>Gi* compares each place and its neighbours with the whole study area: the same street can "
			"be a hot spot in a quiet borough and not in a busy city.</li>\n"
			"<li>With small counts (most cells 0 or 1) the confidence levels are rough: prefer larger cells, more "
			"months or areas.</li>\n"
			"<li>Many cells are tested at once, so some look significant by chance; tick the false discovery rate "
			"option when the map is to be used as evidence.</li>\n"
			"<li>Only cells whose centre lies inside the study area are tested.</li>\n");
	html_printf(rs, "</ul>\n");
}

static void results(struct request *rq, struct response *rs, const struct hotspot_report *r, int cases_wanted)
{
	char what[600];
	crime_selection_describe(&r->params.sel, what, sizeof what);
	html_printf(rs, "<h2 class=\"govuk-heading-l\">%h</h2>\n<p class=\"govuk-body\">%h.</p>\n", what,
		hotspot_method_label(r->params.method));
	if (r->crimes == 0) {
		html_printf(rs, "<p class=\"govuk-body\">No crimes of this type with a location were recorded here in these months.</p>\n");
		return;
	}
	struct case_map_report cases;
	int with_cases;
	struct map *m = make_map(rq, r, cases_wanted, &cases, &with_cases);
	struct buf svg = BUF_INIT;
	map_write_svg(m, &svg, "hotspot-map", 0);
	map_free(m);
	const char *svg_html = buf_str(&svg);
	analytics_figure(rs, svg_html, "The figures behind the map are in the tables below and in the downloads.");
	buf_free(&svg);
	if (cases_wanted && !with_cases)
		html_printf(rs, "<p class=\"govuk-body\">Cases are counted by ward, so they are shown only on maps of wards.</p>\n");
	struct report_table *t = hotspot_report_summary_table(r);
	analytics_table(rs, t);
	report_table_free(t);
	t = hotspot_report_detail_table(r, r->params.method == HOTSPOT_GISTAR_LSOAS ? 400 : 15);
	analytics_table(rs, t);
	report_table_free(t);
	if (with_cases) {
		t = case_map_report_table(&cases);
		analytics_table(rs, t);
		report_table_free(t);
		case_map_report_free(&cases);
	}
	caveats(rs, &r->params);
	analytics_downloads(rq, rs, "/analytics/hotspots/export", EXPORTS);
	html_printf(rs, "<p class=\"govuk-body-s\">Larger grids run from the command line: <code>nestguard analyse hotspots --help</code>.</p>\n");
}

void page_analytics_hotspots(struct request *rq, struct response *rs)
{
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct hotspot_params p;
	int ok = hotspot_params_parse(rq->db, &a, &p, &e) == 0;
	struct hotspot_report r;
	memset(&r, 0, sizeof r);
	char err[400];
	int have_data = 0;
	int nothing = db_int(rq->db, 0, "SELECT 1 FROM crime LIMIT 1", "") == 0 ||
		db_int(rq->db, 0, "SELECT 1 FROM geo_area WHERE geometry IS NOT NULL LIMIT 1", "") == 0;
	if (ok && !nothing) {
		if (hotspot_report_build(rq->db, &p, &hotspot_web_limits, &r, err, sizeof err) != 0) {
			field_errors_add(&e, p.method == HOTSPOT_KDE ? "bandwidth" : "cell", "%s", err);
			ok = 0;
		} else {
			have_data = 1;
		}
	}
	if (!ok) rs->status = 400;
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "hotspots", NULL, NULL);
	analytics_begin(rq, rs, ok ? "Hot spots" : "Error: Hot spots", "/analytics/hotspots");
	analytics_error_summary(rs, &e);
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Hot spots</h1>\n"
		"<p class=\"govuk-body\">Where crime concentrates: kernel density shows how dense crime is across the borough; "
		"Getis-Ord Gi* shows where high (or low) counts cluster more than chance would give. Maps are drawn over the "
		"ward boundaries.</p>\n");
	if (!analytics_data_notice(rq, rs, 1)) {
		html_printf(rs, "<form method=\"get\" action=\"/analytics/hotspots\" novalidate class=\"ng-analysis-form\">\n");
		analytics_selection_fields(rq, rs, ok ? &p.sel : NULL, &a, &e, 1);
		method_fields(rs, ok ? &p : NULL, &a, &e);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Show hot spots</button>\n</form>\n");
		if (have_data) results(rq, rs, &r, wants_cases(&a));
	}
	hotspot_report_free(&r);
	analytics_end(rq, rs);
}

void page_analytics_hotspots_export(struct request *rq, struct response *rs)
{
	int format = analytics_export_format(rq, rs, EXPORTS);
	if (format < 0) return;
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct hotspot_params p;
	if (hotspot_params_parse(rq->db, &a, &p, &e) != 0) {
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	struct hotspot_report r;
	char err[400];
	if (hotspot_report_build(rq->db, &p, &hotspot_web_limits, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "cell", "%s", err);
		analytics_export_invalid(rq, rs, &e);
		hotspot_report_free(&r);
		return;
	}
	audit_record(rq->db, &rq->actor, "analytics.export", "page", "hotspots", NULL, analysis_format_extension(format));
	struct buf out = BUF_INIT;
	if (format == FORMAT_CSV) hotspot_report_csv(&r, &out);
	else if (format == FORMAT_JSON) hotspot_report_json(&r, &out);
	else if (format == FORMAT_GEOJSON) hotspot_report_geojson(&r, &out);
	else {
		struct case_map_report cases;
		int with_cases;
		struct map *m = make_map(rq, &r, wants_cases(&a), &cases, &with_cases);
		map_set_draw_title(m, 1);
		if (format == FORMAT_SVG) map_write_svg(m, &out, "hotspot-map", 1);
		else if (map_write_png(m, 2, &out) != 0) rs->status = 500;
		map_free(m);
		if (with_cases) case_map_report_free(&cases);
	}
	char slug[200];
	crime_selection_slug(&p.sel, slug, sizeof slug);
	if (rs->status != 500)
		analytics_send(rq, rs, format, arena_printf(rq->arena, "hotspots-%s-%s", hotspot_method_name(p.method), slug), &out);
	buf_free(&out);
	hotspot_report_free(&r);
}
