/* GET /dashboard -- for team leaders and the board: open cases, new referrals this month,
 * overdue tasks, open cases by risk and the last twelve months. Staff who work cases see
 * their agency's figures, each a link to the cases (or tasks) behind it; everyone else
 * (analysts, administrators, board members) sees aggregates over every case, with small
 * numbers hidden as in the evaluation for the board, and no links. */
#include <stdio.h>
#include <string.h>
#include "model/audit.h"
#include "model/case_access.h"
#include "model/evaluation_settings.h"
#include "report/chart.h"
#include "report/dashboard.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

struct view {
	struct request *rq;
	struct response *rs;
	int links;            /* staff: figures link to the list behind them, exact counts */
	long threshold;       /* others: counts from 1 to threshold-1 are hidden */
};

static int hidden(const struct view *v, int64_t n)
{
	return !v->links && n > 0 && n < v->threshold;
}

/* A figure: the number (a link for staff) or "fewer than N". */
static void figure(const struct view *v, int64_t n, const char *href)
{
	if (hidden(v, n)) html_printf(v->rs, "fewer than %I", (int64_t)v->threshold);
	else if (v->links && href) html_printf(v->rs, "<a class=\"govuk-link\" href=\"%h\">%I</a>", href, n);
	else html_printf(v->rs, "%I", n);
}

static void card(const struct view *v, const char *label, int64_t n, const char *href, const char *hint)
{
	html_printf(v->rs, "<div class=\"govuk-grid-column-one-quarter\"><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">%h</h2>"
		"<p class=\"govuk-heading-xl govuk-!-margin-bottom-1\" data-figure=\"%h\">", label, label);
	figure(v, n, href);
	html_printf(v->rs, "</p><p class=\"govuk-body-s\">%h</p></div>\n", hint);
}

static void risk_section(const struct view *v, const struct dashboard *d)
{
	struct response *rs = v->rs;
	/* secondary suppression: one hidden risk level could be worked out from the open cases */
	int hide[4], n_hidden = 0;
	for (int k = 0; k < 4; k++) n_hidden += hide[k] = hidden(v, d->risk[k]);
	if (n_hidden == 1) {
		int pick = -1;
		for (int k = 0; k < 4; k++)
			if (!hide[k] && d->risk[k] > 0 && (pick < 0 || d->risk[k] < d->risk[pick])) pick = k;
		if (pick >= 0) hide[pick] = 2;
	}
	html_printf(rs, "<table class=\"govuk-table\" id=\"table-risk\"><caption class=\"govuk-table__caption govuk-table__caption--m\">"
		"Open cases by risk</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		"<th scope=\"col\" class=\"govuk-table__header\">Risk</th><th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Open cases</th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	struct chart *c = chart_new(CHART_BAR, "Open cases by risk");
	chart_set_orientation(c, CHART_HORIZONTAL);
	chart_set_draw_title(c, 0);
	chart_set_axis_labels(c, NULL, "Open cases");
	size_t s = chart_new_series(c, "Open cases");
	for (int k = 0; k < 4; k++) {
		html_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%h</th>"
			"<td class=\"govuk-table__cell govuk-table__cell--numeric\">", dashboard_risk_labels[k]);
		size_t cat = chart_new_category(c, dashboard_risk_labels[k]);
		if (hide[k] == 2) {
			html_printf(rs, "suppressed");
			chart_set_suppressed(c, s, cat, "suppressed");
		} else {
			figure(v, d->risk[k], arena_printf(v->rq->arena, "/cases?status=active&risk=%s", dashboard_risk_codes[k]));
			if (hide[k]) chart_set_suppressed(c, s, cat, arena_printf(v->rq->arena, "fewer than %ld", v->threshold));
			else chart_set_value(c, s, cat, (double)d->risk[k]);
		}
		html_printf(rs, "</td></tr>\n");
	}
	html_printf(rs, "</tbody></table>\n");
	if (d->open_cases) {
		struct buf svg = BUF_INIT;
		chart_write_svg(c, &svg, "chart-risk", 0);
		const char *chart_html = buf_str(&svg);
		html_printf(rs, "<figure class=\"ng-figure\">%r</figure>\n", chart_html);
		buf_free(&svg);
	}
	chart_free(c);
}

static void trend_section(const struct view *v, const struct dashboard *d)
{
	struct response *rs = v->rs;
	html_printf(rs, "<h2 class=\"govuk-heading-m\">The last twelve months</h2>\n"
		"<table class=\"govuk-table\" id=\"table-trend\"><caption class=\"govuk-table__caption govuk-table__caption--s\">"
		"Referrals received, cases opened and cases closed by month</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
		"<th scope=\"col\" class=\"govuk-table__header\">Month</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Referrals</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Cases opened</th>"
		"<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">Cases closed</th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	struct chart *c = chart_new(CHART_LINE, "Referrals, cases opened and cases closed by month");
	chart_set_draw_title(c, 0);
	chart_set_axis_labels(c, "Month", "Number");
	chart_set_summary(c, "The last twelve months, this month last.");
	char small[32];
	snprintf(small, sizeof small, "fewer than %ld", v->threshold);
	chart_set_suppressed_label(c, small);
	size_t sr = chart_new_series(c, "Referrals"), so = chart_new_series(c, "Cases opened"), sc = chart_new_series(c, "Cases closed");
	int64_t any = 0;
	for (int i = 0; i < DASHBOARD_MONTHS; i++) {
		const struct dashboard_month *m = &d->months[i];
		size_t cat = chart_new_category(c, m->label);
		int64_t values[3] = {m->referrals, m->opened, m->closed};
		size_t series[3] = {sr, so, sc};
		html_printf(rs, "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">%h</th>", m->label);
		for (int k = 0; k < 3; k++) {
			html_printf(rs, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
			const char *href = k == 1 ? arena_printf(v->rq->arena, "/cases?opened_from=%s&opened_to=%s", m->first, m->last) : NULL;
			figure(v, values[k], href);
			html_printf(rs, "</td>");
			if (hidden(v, values[k])) chart_set_suppressed(c, series[k], cat, NULL);
			else chart_set_value(c, series[k], cat, (double)values[k]);
			any |= values[k];
		}
		html_printf(rs, "</tr>\n");
	}
	html_printf(rs, "</tbody></table>\n");
	if (any) {
		struct buf svg = BUF_INIT;
		chart_write_svg(c, &svg, "chart-trend", 0);
		const char *chart_html = buf_str(&svg);
		html_printf(rs, "<figure class=\"ng-figure\">%r</figure>\n", chart_html);
		buf_free(&svg);
	}
	chart_free(c);
}

void page_dashboard(struct request *rq, struct response *rs)
{
	struct view v = {rq, rs, access_is_case_staff(&rq->actor), 5};
	struct evaluation_settings settings;
	evaluation_settings_load(rq->db, &settings);
	v.threshold = settings.suppression_threshold;
	struct dashboard d;
	dashboard_compute(rq->db, v.links ? rq->actor.agency_id : 0, &d);
	audit_record(rq->db, &rq->actor, "report.dashboard.view", "report", "dashboard", NULL, v.links ? "scope=agency" : "scope=all");

	layout_begin(rq, rs, "Dashboard");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Dashboard</h1>\n<p class=\"govuk-body\">%r</p>\n",
		v.links ? "Your agency's cases today. Select a figure to see the cases behind it."
		        : "Every case, in aggregate. Counts below the disclosure threshold are shown as \"fewer than\".");
	html_printf(rs, "<div class=\"govuk-grid-row\">\n");
	card(&v, "Open cases", d.open_cases, "/cases?status=active",
		v.links && d.awaiting_approval ? arena_printf(rq->arena, "%lld awaiting closure approval", (long long)d.awaiting_approval)
		                               : "Not closed");
	card(&v, "New referrals this month", d.new_referrals, "/referrals", "Since the first of the month");
	card(&v, "Overdue tasks", d.overdue_tasks, "/tasks", "On open cases, due before today");
	card(&v, "Cases closed this month", d.months[DASHBOARD_MONTHS - 1].closed, NULL, "Since the first of the month");
	html_printf(rs, "</div>\n");
	risk_section(&v, &d);
	trend_section(&v, &d);
	html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/evaluation\">The evaluation report</a></p>\n");
	layout_end(rq, rs);
}
