/* Sharing on the case page: POST /cases/{id}/shares and /cases/{id}/shares/{share}/revoke, and
 * the section that lists shares (owner) or states the terms of sharing (recipient). */
#include <stdio.h>
#include <string.h>
#include "model/case.h"
#include "model/case_share.h"
#include "model/case_vocab.h"
#include "model/sharing_agreement.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"
#include "web/pages/governance_pages.h"

static void share_state_tag(struct response *rs, const char *state)
{
	const char *colour = !strcmp(state, "active") ? "govuk-tag--green" : !strcmp(state, "revoked") ? "govuk-tag--grey"
		: "govuk-tag--orange";
	html_printf(rs, "<strong class=\"govuk-tag %h\">%h</strong>", colour, case_share_state_label(state));
}

/* What a recipient is told: the terms their agency received the case on. */
static void recipient_terms(struct request *rq, struct response *rs, const struct case_share *s, size_t n)
{
	html_printf(rs, "<div class=\"govuk-inset-text\" id=\"shared-terms\"><p class=\"govuk-body\">This case belongs to another agency "
		"and was shared with yours. Use it only for the purpose below, and only until the share ends.</p><ul class=\"govuk-list\">\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s[i].state, "active")) continue;
		html_printf(rs, "<li>%h, until %h, under &ldquo;%h&rdquo; (%h): %h</li>\n", case_sections_label(rq->arena, s[i].sections),
			ui_date(rq, s[i].expires_on), s[i].agreement_title, vocab_label(vocab_lawful_basis, s[i].lawful_basis), s[i].purpose);
	}
	html_printf(rs, "</ul></div>\n");
}

static void share_form(struct request *rq, struct response *rs, const struct case_file *c, const struct page_errors *pe)
{
	struct sharing_agreement *ag;
	size_t nag = agreement_choices(rq->db, c->agency_id, 0, rq->arena, &ag);
	int open = pe && pe->form && !strcmp(pe->form, "share-");
	html_printf(rs, "<details class=\"govuk-details\"%r><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
		"Share this case with another agency</span></summary><div class=\"govuk-details__text\">\n", open ? " open" : "");
	if (!nag) {
		html_printf(rs, "<p class=\"govuk-body\">There is no information-sharing agreement in force that names %h. "
			"<a class=\"govuk-link\" href=\"/agreements\">See the register of agreements</a>.</p></div></details>\n", c->agency_name);
		return;
	}
	/* recipients: the other parties of the agreements in force */
	struct choice *agencies = arena_alloc(rq->arena, 64 * sizeof *agencies);
	int na = 0;
	for (size_t i = 0; i < nag; i++)
		for (size_t j = 0; j < ag[i].n_parties && na < 64; j++) {
			if (ag[i].parties[j].agency_id == c->agency_id) continue;
			const char *value = arena_printf(rq->arena, "%lld", (long long)ag[i].parties[j].agency_id);
			int dup = 0;
			for (int k = 0; k < na; k++) dup |= !strcmp(agencies[k].value, value);
			if (!dup) agencies[na++] = (struct choice){value, ag[i].parties[j].agency_name};
		}
	struct choice *agreements = arena_alloc(rq->arena, nag * sizeof *agreements);
	for (size_t i = 0; i < nag; i++)
		agreements[i] = (struct choice){arena_printf(rq->arena, "%lld", (long long)ag[i].id),
			arena_printf(rq->arena, "%s (ends %s)", ag[i].title, ui_date(rq, ag[i].ends_on))};
	int nb;
	struct choice *bases = choices_from_vocab(rq, vocab_lawful_basis, &nb);
	struct choice *sections = arena_alloc(rq->arena, 8 * sizeof *sections);
	int ns = 0;
	sections[ns++] = (struct choice){"all", "The whole case"};
	for (const struct case_section_name *s = case_section_names; s->code; s++) sections[ns++] = (struct choice){s->code, s->label};
	const char *chosen[8];
	int nchosen = open ? (int)request_form_all(rq, "sections", chosen, 8) : 0;
	static const struct choice yes_no[] = {{"no", "No"}, {"yes", "Yes"}};

	html_printf(rs, "<form method=\"post\" action=\"/cases/%I/shares\" novalidate>\n", c->id);
	layout_csrf_field(rq, rs);
	ui_select(rs, "share-agency_id", "agency_id", "Agency to share with", agencies, na, page_value(rq, pe, "share-", "agency_id", ""),
		page_error(pe, "share-agency_id"), "Choose an agency");
	ui_select(rs, "share-agreement_id", "agreement_id", "Information-sharing agreement", agreements, (int)nag,
		page_value(rq, pe, "share-", "agreement_id", ""), page_error(pe, "share-agreement_id"), "Choose an agreement");
	ui_radios(rs, "share-lawful_basis", "lawful_basis", "Lawful basis for sharing", NULL, bases, nb,
		page_value(rq, pe, "share-", "lawful_basis", ""), page_error(pe, "share-lawful_basis"), 1);
	ui_checkboxes(rs, "share-sections", "sections", "What to share", "Share only what the agency needs to know", sections, ns,
		chosen, nchosen, page_error(pe, "share-sections"));
	ui_radios(rs, "share-special_category", "special_category", "Include special-category details?",
		"Health, drug or alcohol use, sexual exploitation. Only roles named for each category will see them.", yes_no, 2,
		page_value(rq, pe, "share-", "special_category", "no"), page_error(pe, "share-special_category"), 1);
	ui_textarea(rs, "share-purpose", "purpose", "Why this agency needs it", "Do not name anyone here",
		page_value(rq, pe, "share-", "purpose", ""), page_error(pe, "share-purpose"), 3);
	ui_text(rs, "share-expires_on", "expires_on", "Last day the share may be used", "For example, 27/3/2026",
		page_value(rq, pe, "share-", "expires_on", ""), page_error(pe, "share-expires_on"), "govuk-input--width-10");
	ui_button(rs, "Share", "govuk-button--secondary");
	html_printf(rs, "</form></div></details>\n");
}

void case_shares_section(struct request *rq, struct response *rs, const struct case_file *c, const struct page_errors *pe)
{
	struct case_share *s;
	size_t n;
	if (case_share_list(rq->db, &rq->actor, c->id, rq->arena, &s, &n) != MODEL_OK) return;
	if (c->via_share) {
		recipient_terms(rq, rs, s, n);
		return;
	}
	if (c->access < ACCESS_WRITE) return;
	html_printf(rs, "<h2 class=\"govuk-heading-m\" id=\"sharing\">Sharing with other agencies</h2>\n");
	if (!n) html_printf(rs, "<p class=\"govuk-body\">This case has not been shared.</p>\n");
	else {
		html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Shares of this case</caption>"
			"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Agency</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">What</th><th scope=\"col\" class=\"govuk-table__header\">Basis and agreement</th>"
			"<th scope=\"col\" class=\"govuk-table__header\">Until</th><th scope=\"col\" class=\"govuk-table__header\">State</th></tr></thead>"
			"<tbody class=\"govuk-table__body\">\n");
		for (size_t i = 0; i < n; i++) {
			html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h%r</td>"
				"<td class=\"govuk-table__cell\">%h; <a class=\"govuk-link\" href=\"/agreements/%I\">%h</a><br>%h</td>"
				"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">", s[i].agency_name,
				case_sections_label(rq->arena, s[i].sections), s[i].special_category ? " (with special-category details)" : "",
				vocab_label(vocab_lawful_basis, s[i].lawful_basis), s[i].agreement_id, s[i].agreement_title, s[i].purpose,
				ui_date(rq, s[i].expires_on));
			share_state_tag(rs, s[i].state);
			if (strcmp(s[i].state, "revoked")) {
				html_printf(rs, "<form method=\"post\" action=\"/cases/%I/shares/%I/revoke\" class=\"ng-inline-form\">", c->id, s[i].id);
				layout_csrf_field(rq, rs);
				html_printf(rs, " <button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
					"Revoke<span class=\"govuk-visually-hidden\"> the share with %h</span></button></form>", s[i].agency_name);
			} else {
				html_printf(rs, "<br>by %h, %h", s[i].revoked_by_name, ui_time(rq, s[i].revoked_at));
			}
			html_printf(rs, "</td></tr>\n");
		}
		html_printf(rs, "</tbody></table>\n");
	}
	share_form(rq, rs, c, pe);
}

void page_case_share_create(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct share_input in = {0};
	in.agency_id = request_form(rq, "agency_id");
	in.agreement_id = request_form(rq, "agreement_id");
	in.lawful_basis = request_form(rq, "lawful_basis");
	in.purpose = request_form(rq, "purpose");
	in.expires_on = request_form(rq, "expires_on");
	in.n_sections = request_form_all(rq, "sections", in.sections, 8);
	in.special_category = request_form(rq, "special_category");
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_share_create(rq->db, &rq->actor, id, &in, &e, NULL);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/cases/%lld#sharing", (long long)id));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "share-", "sharing");
	rs->status = 400;
	case_page_render(rq, rs, id, &pe, NULL, 0);
}

void page_case_share_revoke(struct request *rq, struct response *rs)
{
	int64_t id = request_param_id(rq, 0);
	struct field_errors e;
	field_errors_init(&e);
	int rc = case_share_revoke(rq->db, &rq->actor, id, request_param_id(rq, 1), &e);
	if (rc == MODEL_OK) {
		response_redirect(rq, rs, arena_printf(rq->arena, "/cases/%lld#sharing", (long long)id));
		return;
	}
	if (rc == MODEL_NOT_FOUND || rc == MODEL_FORBIDDEN) {
		rs->status = rc == MODEL_NOT_FOUND ? 404 : 403;
		return;
	}
	struct page_errors pe;
	page_errors_from(rq, &pe, &e, "revoke-", "sharing");
	rs->status = 409;
	case_page_render(rq, rs, id, &pe, NULL, 0);
}
