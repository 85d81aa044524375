/* GET /account — the signed-in user's own details. */
#include "model/agency.h"
#include "model/audit.h"
#include "model/two_factor.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages/pages.h"

static void summary_row(struct response *rs, const char *key, const char *value)
{
	html_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">%h</dt>"
		"<dd class=\"govuk-summary-list__value\">%h</dd></div>\n", key, value);
}

void page_account(struct request *rq, struct response *rs)
{
	const struct user_identity *u = &rq->user->who;
	audit_record(rq->db, &rq->actor, "user.view", "user", arena_printf(rq->arena, "%lld", (long long)u->id), NULL, NULL);
	layout_begin(rq, rs, "Your account");
	html_printf(rs, "<h1 class=\"govuk-heading-l\">Your account</h1>\n<dl class=\"govuk-summary-list\">\n");
	summary_row(rs, "Name", u->name);
	summary_row(rs, "Email address", u->email);
	summary_row(rs, "Agency", u->agency_name);
	summary_row(rs, "Kind of agency", agency_kind_label(u->agency_kind));
	html_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Roles</dt><dd class=\"govuk-summary-list__value\">");
	int first = 1;
	for (unsigned r = 1; r <= ROLE_ADMIN; r <<= 1)
		if (u->roles & r) { html_printf(rs, "%r%h", first ? "" : ", ", role_label(r)); first = 0; }
	html_printf(rs, "</dd></div>\n");
	int two_factor = two_factor_enrolled(rq->db, u->id);
	html_printf(rs, "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">Two-factor sign-in</dt>"
		"<dd class=\"govuk-summary-list__value\">%h</dd><dd class=\"govuk-summary-list__actions\">"
		"<a class=\"govuk-link\" href=\"/account/two-factor\">%h<span class=\"govuk-visually-hidden\"> two-factor sign-in</span></a></dd></div>\n</dl>\n",
		two_factor ? "On" : "Off", two_factor ? "View" : "Set up");
	layout_end(rq, rs);
}
