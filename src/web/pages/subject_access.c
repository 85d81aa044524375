/* GET /subject-access — the form for a subject access export (team leaders and administrators);
 * POST /subject-access — the export itself, as a download (JSON or PDF), audited as disclosure. */
#include <string.h>
#include "model/subject_access.h"
#include "report/subject_access_export.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

static const struct choice formats[] = {{"pdf", "PDF, to send to the person"}, {"json", "JSON, for a machine or a representative"}};

static void render(struct request *rq, struct response *rs, const struct page_errors *pe)
{
	layout_begin(rq, rs, pe && pe->n ? "Error: Subject access request" : "Subject access request");
	if (pe) form_error_summary(rs, pe->items, pe->n);
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Subject access request</h1>\n<p class=\"govuk-body\">Export everything "
		"held about one person: the cases and referrals naming them, with notes, tasks, interventions and risk reviews, and who "
		"has looked at those records. Other people's details are withheld or redacted. The export is recorded in the audit as a "
		"disclosure. Only people recorded by your own agency can be exported.</p>\n"
		"<form method=\"post\" action=\"/subject-access\" novalidate>\n");
	layout_csrf_field(rq, rs);
	ui_text(rs, "sar-person_id", "person_id", "Person number", "The number at the end of the person's page address, /people/NUMBER",
		page_value(rq, pe, "sar-", "person_id", request_query(rq, "person") ? request_query(rq, "person") : ""),
		page_error(pe, "sar-person_id"), "govuk-input--width-10");
	ui_text(rs, "sar-request_reference", "request_reference", "Request reference", "Your reference for the request. Do not name anyone",
		page_value(rq, pe, "sar-", "request_reference", ""), page_error(pe, "sar-request_reference"), "govuk-input--width-20");
	ui_radios(rs, "sar-format", "format", "Format", NULL, formats, 2, page_value(rq, pe, "sar-", "format", "pdf"),
		page_error(pe, "sar-format"), 1);
	ui_button(rs, "Export", NULL);
	html_printf(rs, "</form>\n");
	layout_end(rq, rs);
}

void page_subject_access_form(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_subject_access_export(struct request *rq, struct response *rs)
{
	struct field_errors e;
	field_errors_init(&e);
	const char *format = request_form(rq, "format");
	int fmt = validate_choice(&e, "format", format, "the format", 1, (const char *const[]){"pdf", "json", NULL});
	int64_t id = validate_id(&e, "person_id", request_form(rq, "person_id"), "a person's number");
	if (id == 0) field_errors_add(&e, "person_id", "Enter the person's number");
	struct sar_export s;
	int rc = MODEL_INVALID;
	if (!e.count) {
		rc = subject_access_collect(rq->db, &rq->actor, id, request_form(rq, "request_reference"), format, rq->arena, &s, &e);
		/* an unknown person, or one of another agency: the same answer, on the form */
		if (rc == MODEL_NOT_FOUND) field_errors_add(&e, "person_id", "There is no person with that number in your agency's records");
	} else {
		/* also check the reference, so that every mistake is shown at once */
		validate_text(rq->arena, &e, "request_reference", request_form(rq, "request_reference"),
			"the subject access request reference", 1, 60, 0);
	}
	if (rc != MODEL_OK) {
		struct page_errors pe;
		page_errors_from(rq, &pe, &e, "sar-", "sar-person_id");
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 400;
		render(rq, rs, &pe);
		return;
	}
	buf_reset(&rs->body);
	if (fmt == 1) {
		subject_access_json(&s, &rs->body);
		rs->content_type = "application/json";
	} else if (subject_access_pdf(&s, &rs->body) == 0) {
		rs->content_type = "application/pdf";
	} else {
		rs->status = 500;
		return;
	}
	response_header(rq, rs, "Content-Disposition", arena_printf(rq->arena, "attachment; filename=\"subject-access-%lld.%s\"",
		(long long)s.person_id, fmt == 1 ? "json" : "pdf"));
}
