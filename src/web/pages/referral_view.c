/* GET /referrals/{id}: the referrer sees the status only; the exploitation team sees the whole
 * referral, possible duplicates of the people named, and the triage decision form.
 * POST /referrals/{id}/triage: accept (opens a case), signpost, or pass to the ASB team. */
#include <string.h>
#include "model/case_vocab.h"
#include "model/person.h"
#include "model/referral.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

static void status_only(struct request *rq, struct response *rs, const struct referral *r)
{
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Referral %I</h1>\n", r->id);
	if (request_query(rq, "sent"))
		html_printf(rs, "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">Referral sent</h2>"
			"<div class=\"govuk-panel__body\">Your reference is<br><strong>Referral %I</strong></div></div>\n"
			"<p class=\"govuk-body\">The exploitation team will look at it and decide what to do. You can come back here "
			"to see its status.</p>\n", r->id);
	ui_summary_begin(rs);
	ui_summary_row(rs, "Date of referral", ui_date(rq, r->referred_on));
	ui_summary_row(rs, "Referred by", r->referring_agency_name);
	ui_summary_row(rs, "Status", vocab_label(vocab_referral_status, r->status));
	if (*r->case_status) ui_summary_row(rs, "Case", vocab_label(vocab_case_status, r->case_status));
	ui_summary_end(rs);
	html_printf(rs, "<p class=\"govuk-body\">For the safety of the people involved, you see only the status of a "
		"referral. The team will contact you if they need more information.</p>\n");
}

static void full(struct request *rq, struct response *rs, const struct referral *r, const struct page_errors *pe)
{
	html_printf(rs, "<span class=\"govuk-caption-l\">%h</span><h1 class=\"govuk-heading-l\">Referral %I ",
		r->referring_agency_name, r->id);
	ui_status_tag(rs, r->status);
	html_printf(rs, "</h1>\n");
	ui_summary_begin(rs);
	ui_summary_row(rs, "Date of referral", ui_date(rq, r->referred_on));
	ui_summary_row(rs, "Referred by", arena_printf(rq->arena, "%s%s%s%s%s", r->referrer_name, *r->referring_team ? ", " : "",
		r->referring_team, ", ", r->referring_agency_name));
	ui_summary_row(rs, "Contact", r->referrer_contact);
	ui_summary_row(rs, "Urgency", vocab_label(vocab_urgency, r->urgency));
	ui_summary_row(rs, "Consent", vocab_label(vocab_consent, r->consent));
	ui_summary_row(rs, "Lawful basis for sharing", vocab_label(vocab_lawful_basis, r->lawful_basis));
	if (r->has_property) {
		ui_summary_row(rs, "Address", property_one_line(rq->arena, &r->property));
		ui_summary_row(rs, "Ward or estate", *r->property.neighbourhood_name ? arena_printf(rq->arena, "%s, %s",
			r->property.neighbourhood_name, r->property.ward_name) : r->property.ward_name);
		ui_summary_row(rs, "Tenure", vocab_label(vocab_tenure, r->property.tenure));
	}
	ui_summary_end(rs);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">Signs observed</h2>\n<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (size_t i = 0; i < r->n_signs; i++) html_printf(rs, "<li>%h</li>\n", r->signs[i].label);
	if (!r->n_signs) html_printf(rs, "<li>None ticked</li>\n");
	html_printf(rs, "</ul>\n<p class=\"govuk-body ng-pre\">%h</p>\n", r->observations);

	html_printf(rs, "<h2 class=\"govuk-heading-m\">People</h2>\n");
	for (size_t i = 0; i < r->n_people; i++) {
		const struct person *p = &r->people[i].person;
		html_printf(rs, "<h3 class=\"govuk-heading-s\">%h — %h</h3>\n", person_display_name(rq->arena, p),
			vocab_label(vocab_person_role, r->people[i].role));
		if (*p->date_of_birth) html_printf(rs, "<p class=\"govuk-body\">Born %h</p>\n", ui_date(rq, p->date_of_birth));
		struct person_match *m;
		size_t n = person_find_duplicates(rq->db, &rq->actor, p, p->id, rq->arena, &m);
		if (n) {
			html_printf(rs, "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
				"<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>"
				"Possibly already known:</strong></div>\n<ul class=\"govuk-list\">\n");
			for (size_t k = 0; k < n; k++)
				html_printf(rs, "<li><a class=\"govuk-link\" href=\"/people/%I\">%h</a>%r%h (%h)</li>\n", m[k].person.id,
					person_display_name(rq->arena, &m[k].person), *m[k].person.date_of_birth ? ", born " : "",
					ui_date(rq, m[k].person.date_of_birth), m[k].why);
			html_printf(rs, "</ul>\n");
		}
	}

	if (strcmp(r->status, "submitted")) {
		html_printf(rs, "<h2 class=\"govuk-heading-m\">Decision</h2>\n");
		ui_summary_begin(rs);
		ui_summary_row(rs, "Decision", vocab_label(vocab_referral_status, r->status));
		ui_summary_row(rs, "Reason", r->triage_reason);
		ui_summary_row(rs, "Decided by", r->triaged_by_name);
		ui_summary_row(rs, "When", ui_time(rq, r->triaged_at));
		ui_summary_end(rs);
		if (r->case_id)
			html_printf(rs, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/%I\">Go to case %h</a></p>\n",
				r->case_id, r->case_reference);
		return;
	}
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"triage\">Triage</h2>\n<form method=\"post\" action=\"/referrals/%I/triage\" novalidate>\n", r->id);
	layout_csrf_field(rq, rs);
	static const struct choice decisions[] = {
		{"accept", "Accept: open a case"}, {"signpost", "Signpost to another service"},
		{"pass_to_asb", "Pass to the Safer Neighbourhoods (ASB) team"},
	};
	ui_radios(rs, "decision", "decision", "Decision", NULL, decisions, 3, page_value(rq, pe, "", "decision", NULL),
		page_error(pe, "decision"), 0);
	ui_textarea(rs, "reason", "reason", "Reason for the decision", "For example, why the threshold is or is not met, or where it was signposted",
		page_value(rq, pe, "", "reason", ""), page_error(pe, "reason"), 4);
	ui_button(rs, "Record decision", NULL);
	html_printf(rs, "</form>\n");
}

static void render(struct request *rq, struct response *rs, int64_t id, const struct page_errors *pe)
{
	struct referral r;
	if (referral_get(rq->db, &rq->actor, id, rq->arena, &r) != MODEL_OK) {
		rs->status = 404;
		return;
	}
	layout_begin(rq, rs, pe && pe->n ? arena_printf(rq->arena, "Error: Referral %lld", (long long)id)
		: arena_printf(rq->arena, "Referral %lld", (long long)id));
	if (pe) form_error_summary(rs, pe->items, pe->n);
	if (r.access >= ACCESS_READ) full(rq, rs, &r, pe);
	else status_only(rq, rs, &r);
	layout_end(rq, rs);
}

void page_referral(struct request *rq, struct response *rs)
{
	render(rq, rs, request_param_id(rq, 0), NULL);
}

void page_referral_triage(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	const char *decision = request_form(rq, "decision");
	const char *reason = request_form(rq, "reason");
	struct field_errors e;
	field_errors_init(&e);
	int64_t case_id = 0;
	int rc;
	if (!decision || !*decision) {
		field_errors_add(&e, "decision", "Select a decision");
		rc = MODEL_INVALID;
	} else if (!strcmp(decision, "accept")) rc = referral_accept(rq->db, &rq->actor, id, reason, &e, &case_id);
	else if (!strcmp(decision, "signpost")) rc = referral_signpost(rq->db, &rq->actor, id, reason, &e);
	else if (!strcmp(decision, "pass_to_asb")) rc = referral_pass_to_asb(rq->db, &rq->actor, id, reason, &e);
	else {
		field_errors_add(&e, "decision", "Select a decision from the list");
		rc = MODEL_INVALID;
	}
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, case_id ? arena_printf(rq->arena, "/cases/%lld", (long long)case_id)
			: arena_printf(rq->arena, "/referrals/%lld", (long long)id));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "", "triage");
	rs->status = rc == MODEL_REFUSED ? 409 : 400;
	render(rq, rs, id, &pe);
}
