/* Case studies for the evaluation: GET /reports/case-studies lists those of the cases the
 * user works and offers a form to write one (POST /reports/case-studies); GET
 * /reports/case-studies/{id} shows the text as written beside the anonymised text that will
 * be exported, with a form to edit it (POST .../{id}) and, for team leaders, the approval
 * (POST .../{id}/approve). Caseworkers and team leaders only. */
#include <stdlib.h>
#include <string.h>
#include "model/case_study.h"
#include "report/case_study_redact.h"
#include "report/paragraphs.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/pages.h"

static void study_fields(struct request *rq, struct response *rs, const struct page_errors *pe, const char *prefix,
	const char *title, const char *body, const char *terms)
{
	const char *id = arena_printf(rq->arena, "%stitle", prefix);
	ui_text(rs, id, "title", "Title", NULL, page_value(rq, pe, prefix, "title", title), page_error(pe, id), NULL);
	id = arena_printf(rq->arena, "%sbody", prefix);
	ui_textarea(rs, id, "body", "Case study",
		"What happened and what changed. Leave a blank line between paragraphs. Names of the case's people, its "
		"addresses and exact dates are removed when the study is exported.",
		page_value(rq, pe, prefix, "body", body), page_error(pe, id), 12);
	id = arena_printf(rq->arena, "%sextra_terms", prefix);
	ui_textarea(rs, id, "extra_terms", "Other words to remove (optional)",
		"One per line: nicknames, the names of other people, a pub, a school, anything that could identify someone.",
		page_value(rq, pe, prefix, "extra_terms", terms), page_error(pe, id), 4);
}

static void render_list(struct request *rq, struct response *rs, const struct page_errors *pe)
{
	struct case_study *list;
	size_t n = case_study_list(rq->db, &rq->actor, rq->arena, &list);
	layout_begin(rq, rs, pe && pe->n ? "Error: Case studies" : "Case studies");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Case studies</h1>\n<p class=\"govuk-body\">Approved case studies go into "
		"the evaluation report for the period in which their case was received, anonymised.</p>\n");
	if (n) {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Case studies of "
			"your cases</caption>\n<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
			"<th scope=\"col\" class=\"govuk-table__header\">Title</th><th scope=\"col\" class=\"govuk-table__header\">Case</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Status</th><th scope=\"col\" class=\"govuk-table__header\">Written by</th></tr></thead>\n"
			"<tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++)
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" "
				"href=\"/reports/case-studies/%I\">%h</a></td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">"
				"<strong class=\"govuk-tag %r\">%r</strong></td><td class=\"govuk-table__cell\">%h</td></tr>\n",
				list[i].id, list[i].title, list[i].case_reference,
				strcmp(list[i].status, "approved") == 0 ? "govuk-tag--green" : "govuk-tag--grey",
				strcmp(list[i].status, "approved") == 0 ? "Approved" : "Draft", list[i].author_name);
		html_printf(rs, "</tbody></table>\n");
	} else {
		html_printf(rs, "<p class=\"govuk-body\">There are no case studies of your cases yet.</p>\n");
	}
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Write a case study</h2>\n<form method=\"post\" action=\"/reports/case-studies\" novalidate>\n");
	layout_csrf_field(rq, rs);
	ui_text(rs, "new-case_reference", "case_reference", "Case reference", "For example, NG-2026-00042",
		page_value(rq, pe, "new-", "case_reference", ""), page_error(pe, "new-case_reference"), "govuk-input--width-20");
	study_fields(rq, rs, pe, "new-", "", "", "");
	ui_button(rs, "Save as a draft", NULL);
	html_printf(rs, "</form>\n");
	layout_end(rq, rs);
}

void page_case_studies(struct request *rq, struct response *rs)
{
	render_list(rq, rs, NULL);
}

void page_case_study_create(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	int64_t id = 0;
	int rc = case_study_add(rq->db, &rq->actor, request_form(rq, "case_reference"), request_form(rq, "title"),
		request_form(rq, "body"), request_form(rq, "extra_terms"), &e, &id);
	if (rc == MODEL_FORBIDDEN) { rs->status = 403; return; }
	if (rc != MODEL_OK) {
		struct page_errors pe;
		page_errors_from(rq, &pe, &e, "new-", "new-title");
		rs->status = 400;
		render_list(rq, rs, &pe);
		return;
	}
	response_redirect(rq, rs, arena_printf(rq->arena, "/reports/case-studies/%lld", (long long)id));
}

/* The anonymised text as paragraphs. */
static void preview(struct response *rs, const char *text)
{
	const char *cursor = text, *p;
	size_t len;
	while (paragraph_next(&cursor, &p, &len)) {
		struct buf para = BUF_INIT;
		buf_append(&para, p, len);
		html_printf(rs, "<p class=\"govuk-body\">%h</p>\n", buf_str(&para));
		buf_free(&para);
	}
}

static void render_study(struct request *rq, struct response *rs, int64_t id, const struct page_errors *pe)
{
	struct case_study cs;
	if (case_study_get(rq->db, &rq->actor, id, rq->arena, &cs) != MODEL_OK) {
		rs->status = 404;
		return;
	}
	char *title = case_study_redact_text(rq->db, cs.case_id, cs.extra_terms, cs.title);
	char *body = case_study_redact_text(rq->db, cs.case_id, cs.extra_terms, cs.body);
	int approved = strcmp(cs.status, "approved") == 0;
	layout_begin(rq, rs, pe && pe->n ? "Error: Case study" : "Case study");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<span class=\"govuk-caption-l\">Case study of <a class=\"govuk-link\" href=\"/cases/%I\">%h</a></span>\n"
		"<h1 class=\"govuk-heading-l\">%h</h1>\n<p class=\"govuk-body\"><strong class=\"govuk-tag %r\">%r</strong> Written by %h.</p>\n",
		cs.case_id, cs.case_reference, cs.title, approved ? "govuk-tag--green" : "govuk-tag--grey",
		approved ? "Approved" : "Draft", cs.author_name);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">As it will be exported</h2>\n<div class=\"govuk-inset-text\" id=\"anonymised\">\n"
		"<h3 class=\"govuk-heading-s\">%h</h3>\n", title);
	preview(rs, body);
	html_printf(rs, "</div>\n<p class=\"govuk-body-s\">Check that nothing here could identify anyone. Add any word that could to "
		"\"Other words to remove\".</p>\n");
	if (!approved && (rq->actor.roles & ROLE_TEAM_LEADER) && cs.author_id != rq->actor.user_id) {
		html_printf(rs, "<form method=\"post\" action=\"/reports/case-studies/%I/approve\">", cs.id);
		layout_csrf_field(rq, rs);
		ui_button(rs, "Approve the anonymised text", NULL);
		html_printf(rs, "</form>\n");
	}
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Edit</h2>\n%r<form method=\"post\" action=\"/reports/case-studies/%I\" novalidate>\n",
		approved ? "<p class=\"govuk-body\">Saving a change sends the study back for approval.</p>\n" : "", cs.id);
	layout_csrf_field(rq, rs);
	study_fields(rq, rs, pe, "edit-", cs.title, cs.body, cs.extra_terms);
	ui_button(rs, "Save", "govuk-button--secondary");
	html_printf(rs, "</form>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/case-studies\">All case studies</a></p>\n");
	layout_end(rq, rs);
	free(title);
	free(body);
}

void page_case_study(struct request *rq, struct response *rs)
{
	render_study(rq, rs, request_param_id(rq, 0), NULL);
}

void page_case_study_update(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_study_update(rq->db, &rq->actor, id, request_form(rq, "title"), request_form(rq, "body"),
		request_form(rq, "extra_terms"), &e);
	if (rc == MODEL_NOT_FOUND) { rs->status = 404; return; }
	if (rc != MODEL_OK) {
		struct page_errors pe;
		page_errors_from(rq, &pe, &e, "edit-", "edit-title");
		rs->status = 400;
		render_study(rq, rs, id, &pe);
		return;
	}
	response_redirect(rq, rs, arena_printf(rq->arena, "/reports/case-studies/%lld", (long long)id));
}

void page_case_study_approve(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_study_approve(rq->db, &rq->actor, id, &e);
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) { rs->status = rc == MODEL_NOT_FOUND ? 404 : 403; return; }
	if (rc == MODEL_REFUSED) {
		struct page_errors pe;
		page_errors_from(rq, &pe, &e, "edit-", "anonymised");
		rs->status = 409;
		render_study(rq, rs, id, &pe);
		return;
	}
	response_redirect(rq, rs, arena_printf(rq->arena, "/reports/case-studies/%lld", (long long)id));
}
