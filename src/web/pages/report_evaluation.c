/* GET /reports/evaluation -- the evaluation for a chosen period, on screen and printable,
 * with links to download it as PDF, CSV, XLSX or a standalone HTML file
 * (GET /reports/evaluation/export). Exact counts (the internal version) only for those who
 * work cases; everyone else gets the version for the board, with small numbers hidden. */
#include <string.h>
#include "report/evaluation.h"
#include "web/dispatch.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

/* Who may see exact counts: the staff who can see the cases behind them anyway. */
static int may_see_internal(const struct request *rq)
{
	return (rq->actor.roles & (ROLE_TEAM_LEADER | ROLE_CASEWORKER)) != 0;
}

static int wants_public(const struct request *rq)
{
	const char *v = request_query(rq, "version");
	return !may_see_internal(rq) || (v && strcmp(v, "public") == 0);
}

static void period_form(struct request *rq, struct response *rs, const char *from, const char *to, int public_version,
	const struct page_errors *pe)
{
	html_printf(rs, "<form method=\"get\" action=\"/reports/evaluation\" novalidate class=\"govuk-!-display-none-print\">\n"
		"<fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Period</legend>\n");
	ui_text(rs, "from", "from", "From", "The first day, for example 1/4/2019. Leave empty to start at the first referral.",
		from, page_error(pe, "from"), "govuk-input--width-10");
	ui_text(rs, "to", "to", "To", "The last day. Leave empty for today.", to, page_error(pe, "to"), "govuk-input--width-10");
	html_printf(rs, "</fieldset>\n");
	if (may_see_internal(rq)) {
		struct choice versions[] = {{"internal", "Internal: exact counts"},
			{"public", "For the board and the public: small numbers hidden"}};
		ui_radios(rs, "version", "version", "Version", NULL, versions, 2, public_version ? "public" : "internal", NULL, 1);
	}
	ui_button(rs, "Show the report", NULL);
	html_printf(rs, "</form>\n");
}

void page_report_evaluation(struct request *rq, struct response *rs)
{
	const char *from = request_query(rq, "from"), *to = request_query(rq, "to");
	int public_version = wants_public(rq);
	char first[11], last[11], message[240];
	const char *field = NULL;
	if (evaluation_period(rq->db, from, to, first, last, message, sizeof message, &field) != 0) {
		rs->status = 400;
		struct page_errors pe = {.n = 1, .form = ""};
		pe.items[0].field = field;
		pe.items[0].message = arena_strdup(rq->arena, message);
		layout_begin(rq, rs, "Error: Evaluation report");
		form_error_summary(rs, pe.items, pe.n);
		html_printf(rs, "<h1 class=\"govuk-heading-l\">Evaluation report</h1>\n");
		period_form(rq, rs, from, to, public_version, &pe);
		layout_end(rq, rs);
		return;
	}
	struct evaluation ev;
	evaluation_compute(rq->db, first, last, NULL, &ev);
	evaluation_audit(rq->db, &rq->actor, &ev, "view", public_version);
	struct evaluation_output o = {public_version, NULL, NULL};
	struct buf body = BUF_INIT;
	evaluation_write_html(&ev, &o, 0, &body);
	const char *report_html = buf_str(&body);

	layout_begin(rq, rs, "Evaluation report");
	html_printf(rs, "<h1 class=\"govuk-heading-xl\">Evaluation report</h1>\n");
	period_form(rq, rs, from ? from : "", to ? to : "", public_version, NULL);
	const char *version = public_version ? "public" : "internal";
	html_printf(rs, "<div class=\"govuk-!-display-none-print\"><h2 class=\"govuk-heading-m\">Download</h2>\n<ul class=\"govuk-list\">\n");
	static const char *const formats[][2] = {{"pdf", "PDF"}, {"xlsx", "Excel workbook (XLSX)"}, {"csv", "CSV"},
		{"html", "Printable web page (HTML)"}};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		html_printf(rs, "<li><a class=\"govuk-link\" href=\"/reports/evaluation/export?format=%u&amp;from=%u&amp;to=%u&amp;version=%u\" download>"
			"%h<span class=\"govuk-visually-hidden\">, %h to %h</span></a></li>\n", formats[i][0], ev.from, ev.to, version,
			formats[i][1], ev.from, ev.to);
	html_printf(rs, "</ul>\n<p class=\"govuk-body-s\">Every download is recorded in the audit trail.</p></div>\n");
	html_printf(rs, "%r", report_html);
	layout_end(rq, rs);
	buf_free(&body);
	evaluation_free(&ev);
}

void page_report_evaluation_export(struct request *rq, struct response *rs)
{
	const char *format = request_query(rq, "format");
	static const char *const types[][3] = {
		{"pdf", "application/pdf", "pdf"},
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
		{"csv", "text/csv; charset=utf-8", "csv"},
		{"html", "text/html; charset=utf-8", "html"},
	};
	int k = -1;
	for (int i = 0; i < 4; i++)
		if (format && strcmp(format, types[i][0]) == 0) k = i;
	char first[11], last[11], message[240];
	if (k < 0) {
		web_error(rq, rs, 400, "Choose a format: pdf, xlsx, csv or html");
		return;
	}
	if (evaluation_period(rq->db, request_query(rq, "from"), request_query(rq, "to"), first, last, message, sizeof message, NULL) != 0) {
		web_error(rq, rs, 400, message);
		return;
	}
	int public_version = wants_public(rq);
	struct evaluation ev;
	evaluation_compute(rq->db, first, last, NULL, &ev);
	struct evaluation_output o = {public_version, NULL, NULL};
	struct buf err = BUF_INIT;
	int rc;
	if (k == 0) rc = evaluation_write_pdf(&ev, &o, &rs->body);
	else if (k == 1) rc = evaluation_write_xlsx(&ev, &o, &rs->body, &err);
	else if (k == 2) rc = evaluation_write_csv(&ev, &o, &rs->body);
	else rc = evaluation_write_html(&ev, &o, 1, &rs->body);
	buf_free(&err);
	if (rc != 0) {
		buf_reset(&rs->body);
		evaluation_free(&ev);
		web_error(rq, rs, 500, "The report could not be produced");
		return;
	}
	evaluation_audit(rq->db, &rq->actor, &ev, types[k][0], public_version);
	rs->content_type = types[k][1];
	response_header(rq, rs, "Content-Disposition", arena_printf(rq->arena, "attachment; filename=\"evaluation-%s-to-%s%s.%s\"",
		ev.from, ev.to, public_version ? "-board" : "-internal", types[k][2]));
	evaluation_free(&ev);
}
