/* GET /referrals — for the exploitation team, the triage queue (by status); for everyone who
 * refers, the referrals they made and what happened to each (status only). */
#include <string.h>
#include "model/case_vocab.h"
#include "model/referral.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/case_pages.h"
#include "web/pages/case_ui.h"

static void queue(struct request *rq, struct response *rs)
{
	const char *status = request_query(rq, "status");
	if (!status || !*status) status = "submitted";
	int known = 0;
	for (int i = 0; vocab_referral_status[i].code; i++) known |= !strcmp(status, vocab_referral_status[i].code);
	if (!known) status = "submitted";
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Referrals to triage</h2>\n<nav aria-label=\"Referral status\"><ul class=\"govuk-list ng-inline-list\">\n");
	for (int i = 0; vocab_referral_status[i].code; i++) {
		const char *code = vocab_referral_status[i].code;
		if (!strcmp(code, status))
			html_printf(rs, "<li><strong>%h</strong></li>\n", vocab_referral_status[i].label);
		else
			html_printf(rs, "<li><a class=\"govuk-link\" href=\"/referrals?status=%u\">%h</a></li>\n", code, vocab_referral_status[i].label);
	}
	html_printf(rs, "</ul></nav>\n");
	struct referral_row *rows;
	size_t n = referral_queue(rq->db, &rq->actor, status, 200, rq->arena, &rows);
	if (!n) {
		html_printf(rs, "<p class=\"govuk-body\">There are no referrals here.</p>\n");
		return;
	}
	html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">%h referrals</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Referral</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Received</th><th scope=\"col\" class=\"govuk-table__header\">From</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Resident</th><th scope=\"col\" class=\"govuk-table__header\">Address</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Urgency</th></tr></thead>\n<tbody class=\"govuk-table__body\">\n",
		vocab_label(vocab_referral_status, status));
	for (size_t i = 0; i < n; i++) {
		const struct referral_row *r = &rows[i];
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/referrals/%I\">Referral %I</a></td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">",
			r->id, r->id, ui_date(rq, r->referred_on), r->referring_agency_name, r->resident, r->address);
		if (!strcmp(r->urgency, "routine")) html_printf(rs, "Routine");
		else html_printf(rs, "<strong class=\"govuk-tag govuk-tag--red\">%h</strong>", !strcmp(r->urgency, "urgent") ? "Urgent" : "Immediate risk");
		html_printf(rs, "</td></tr>\n");
	}
	html_printf(rs, "</tbody></table>\n");
}

static void mine(struct request *rq, struct response *rs)
{
	struct referral_row *rows;
	size_t n = referral_mine(rq->db, &rq->actor, 200, rq->arena, &rows);
	html_printf(rs, "<h2 class=\"govuk-heading-m\">Referrals you made</h2>\n");
	if (!n) {
		html_printf(rs, "<p class=\"govuk-body\">You have not made any referrals. <a class=\"govuk-link\" href=\"/referrals/new\">Make a referral</a>.</p>\n");
		return;
	}
	html_printf(rs, "<table class=\"govuk-table\"><caption class=\"govuk-visually-hidden\">Referrals you made</caption>\n"
		"<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Referral</th>"
		"<th scope=\"col\" class=\"govuk-table__header\">Date</th><th scope=\"col\" class=\"govuk-table__header\">Status</th></tr></thead>\n"
		"<tbody class=\"govuk-table__body\">\n");
	for (size_t i = 0; i < n; i++)
		html_printf(rs, "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/referrals/%I\">Referral %I</a></td>"
			"<td class=\"govuk-table__cell\">%h</td><td class=\"govuk-table__cell\">%h</td></tr>\n",
			rows[i].id, rows[i].id, ui_date(rq, rows[i].referred_on), vocab_label(vocab_referral_status, rows[i].status));
	html_printf(rs, "</tbody></table>\n");
}

void page_referrals(struct request *rq, struct response *rs)
{
	layout_begin(rq, rs, "Referrals");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Referrals</h1>\n"
		"<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" href=\"/referrals/new\">Make a referral</a></p>\n");
	if (rq->actor.roles & (ROLE_CASEWORKER | ROLE_TEAM_LEADER)) queue(rq, rs);
	mine(rq, rs);
	layout_end(rq, rs);
}
