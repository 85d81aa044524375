/* GET /analytics/near-repeats — the Knox test for near repeats on the located incidents:
 * a form (bands, iterations, metric, closure, seed) that runs only when submitted (run=1),
 * and the observed pairs, Knox ratios and p-values; jobs too large for a web request are
 * refused with a message pointing to the command line. GET /analytics/near-repeats/export —
 * CSV or JSON. A thin shell around src/analytics/knox_report.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analytics/knox_report.h"
#include "db/db.h"
#include "model/audit.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/analytics_ui.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

static const char *const EXPORTS[] = {"csv", "json", NULL};

static void fields(struct request *rq, struct response *rs, const struct analysis_args *a, const struct field_errors *e)
{
	analytics_incident_fields(rq, rs, a, e);
	analytics_input(rs, "distance_bands", "Distance bands in metres",
		"Breaks separated by commas. Leave empty for 0,0.1,200,400,600: the same place, then 200-metre bands",
		analysis_args_get(a, "distance_bands"), "govuk-input--width-20", e);
	analytics_input(rs, "time_bands", "Time bands in days", "Leave empty for 0,7,14,21: three one-week bands",
		analysis_args_get(a, "time_bands"), "govuk-input--width-20", e);
	analytics_input(rs, "iterations", "Iterations", "Leave empty for 999 random permutations of the dates",
		analysis_args_get(a, "iterations"), "govuk-input--width-5", e);
	static const struct choice metrics[] = {{"manhattan", "Manhattan (along a street grid)"}, {"euclidean", "Straight line"}};
	static const struct choice closures[] = {{"left", "A value on a break goes in the band above: 0 to under 7 days, 7 to under 14"},
		{"right", "A value on a break goes in the band below: 0 to 7 days, over 7 to 14"}};
	const char *metric = analysis_args_get(a, "metric"), *closed = analysis_args_get(a, "closed");
	ui_radios(rs, "metric", "metric", "Distance", NULL, metrics, 2, metric ? metric : "manhattan", field_errors_for(e, "metric"), 1);
	ui_radios(rs, "closed", "closed", "Band edges", NULL, closures, 2, closed ? closed : "left", field_errors_for(e, "closed"), 1);
	analytics_input(rs, "seed", "Random seed", "The same seed gives the same result. Leave empty for 1",
		analysis_args_get(a, "seed"), "govuk-input--width-10", e);
	html_printf(rs, "<input type=\"hidden\" name=\"run\" value=\"1\">\n");
}

static void results(struct request *rq, struct response *rs, const struct knox_report *r)
{
	char what[400], text[400];
	incident_selection_describe(&r->params.sel, what, sizeof what);
	html_printf(rs, "<h2 class=\"govuk-heading-l\">Near repeats: %h</h2>\n", what);
	snprintf(text, sizeof text, "%zu incidents with a location (%zu without were left out); %zu pairs lie within the largest "
		"distance band; %u permutations of the dates, seed %llu.", r->located, r->unlocated, r->result.close_pairs,
		r->result.iterations, (unsigned long long)r->params.seed);
	html_printf(rs, "<p class=\"govuk-body\">%h</p>\n", text);
	/* the cells an analyst looks for: more pairs than chance, unlikely by chance */
	const struct knox_result *res = &r->result;
	html_printf(rs, "<h3 class=\"govuk-heading-m\">Where incidents are closer in space and time than chance would give</h3>\n"
		"<ul class=\"govuk-list govuk-list--bullet\">\n");
	int any = 0;
	for (size_t i = 0; i < res->distance_bands; i++)
		for (size_t j = 0; j < res->time_bands; j++) {
			size_t k = i * res->time_bands + j;
			if (!(res->p[k] < 0.05) || !(res->ratio_mean[k] > 1)) continue;
			char d[80], t[80], line[300];
			knox_report_band_label(&r->params, 'd', i, d, sizeof d);
			knox_report_band_label(&r->params, 't', j, t, sizeof t);
			snprintf(line, sizeof line, "%s apart and %s apart: %llu pairs, %.2f times as many as expected (p = %.3f)", d, t,
				(unsigned long long)res->observed[k], res->ratio_mean[k], res->p[k]);
			html_printf(rs, "<li>%h</li>\n", line);
			any = 1;
		}
	if (!any) html_printf(rs, "<li>No band has significantly more pairs than expected (p under 0.05).</li>\n");
	html_printf(rs, "</ul>\n");
	static const char kinds[] = {'o', 'e', 'r', 'm', 'p'};
	for (size_t i = 0; i < sizeof kinds; i++) {
		struct report_table *t = knox_report_table(r, kinds[i]);
		analytics_table(rs, t);
		report_table_free(t);
	}
	html_printf(rs, "<p class=\"govuk-body\">The p-values are not corrected for testing many cells at once, and Knox ratios "
		"in cells with few pairs are unstable: look at the observed counts too.</p>\n");
	analytics_downloads(rq, rs, "/analytics/near-repeats/export", EXPORTS);
}

void page_analytics_knox(struct request *rq, struct response *rs)
{
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	int run = analysis_args_get(&a, "run") != NULL;
	struct knox_report_params p;
	struct knox_report r;
	memset(&r, 0, sizeof r);
	int ok = knox_report_params_parse(rq->db, &a, &p, &e) == 0;
	char err[600];
	if (ok && run && knox_report_build(rq->db, &p, &knox_web_limits, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "iterations", "%s", err);
		ok = 0;
	}
	if (!ok) rs->status = 400;
	audit_record(rq->db, &rq->actor, "analytics.view", "page", "near-repeats", NULL, NULL);
	analytics_begin(rq, rs, ok ? "Near repeats" : "Error: Near repeats", "/analytics/near-repeats");
	analytics_error_summary(rs, &e);
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Near repeats</h1>\n"
		"<p class=\"govuk-body\">After a burglary, homes nearby are at raised risk for a few weeks. The Knox test counts "
		"pairs of incidents by how far apart they are in space and in time, and compares the counts with what random "
		"shuffles of the dates give (as the Near Repeat Calculator does).</p>\n"
		"<p class=\"govuk-body\">police.uk gives only the month of a crime, so the test runs on imported incident logs with "
		"dates and locations. Large jobs belong on the command line: <code>nestguard analyse near-repeats --help</code>.</p>\n");
	int have = db_int(rq->db, 0, "SELECT 1 FROM incident WHERE lon IS NOT NULL LIMIT 1", "") != 0;
	if (!have) {
		html_printf(rs, "<div class=\"govuk-inset-text\">No incident log with locations has been imported yet. "
			"<a class=\"govuk-link\" href=\"/analytics/incidents/import\">Import incidents</a> (analysts and administrators).</div>\n");
	} else {
		html_printf(rs, "<form method=\"get\" action=\"/analytics/near-repeats\" novalidate class=\"ng-analysis-form\">\n");
		fields(rq, rs, &a, &e);
		html_printf(rs, "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Run the Knox test</button>\n</form>\n");
		if (ok && r.ran) results(rq, rs, &r);
	}
	knox_report_free(&r);
	analytics_end(rq, rs);
}

void page_analytics_knox_export(struct request *rq, struct response *rs)
{
	int format = analytics_export_format(rq, rs, EXPORTS);
	if (format < 0) return;
	struct analysis_args a;
	analytics_args_from_query(rq, &a);
	struct field_errors e;
	field_errors_init(&e);
	struct knox_report_params p;
	if (knox_report_params_parse(rq->db, &a, &p, &e) != 0) {
		analytics_export_invalid(rq, rs, &e);
		return;
	}
	struct knox_report r;
	char err[600];
	if (knox_report_build(rq->db, &p, &knox_web_limits, &r, err, sizeof err) != 0) {
		field_errors_add(&e, "iterations", "%s", err);
		analytics_export_invalid(rq, rs, &e);
		knox_report_free(&r);
		return;
	}
	audit_record(rq->db, &rq->actor, "analytics.export", "page", "near-repeats", NULL, analysis_format_extension(format));
	struct buf out = BUF_INIT;
	if (format == FORMAT_CSV) knox_report_csv(&r, &out);
	else knox_report_json(&r, &out);
	char slug[200];
	incident_selection_slug(&p.sel, slug, sizeof slug);
	analytics_send(rq, rs, format, arena_printf(rq->arena, "near-repeats-%s", slug), &out);
	buf_free(&out);
	knox_report_free(&r);
}
